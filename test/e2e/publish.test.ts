/**
 * kickoff publish, the built binary: the feed folder for one plan and for a batch folder, its
 * index.html, stable names and bytes, feed headers, the same events as kickoff calendar, and every
 * feed checked by ics-check.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, examplePlan as examplePlanIn, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';
import { feedFolder } from '../helpers/feeds.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const SLOW = 120_000;
const TODAY = ['--today', '2026-11-25'];
const BASE = 'https://intranet.example.nhs.uk/kickoff';

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** The batch fixture planned once (kickoff batch, 3 practices), copied into `root` for each test. */
let batchFolder: string;
/** `kickoff init --example`, once. */
let exampleFolder: string;
beforeAll(() => {
  assertBuilt();
  exampleFolder = examplePlanIn('kickoff-publish-example-', '2026-11-25');
  batchFolder = join(tempDir('kickoff-publish-fixture-'), 'plans');
  kickoff(['batch', join(REPO_ROOT, 'test/fixtures/batch/practices.csv'), '--out', batchFolder, ...TODAY]);
});

function batchPlans(root: string): string {
  const plans = join(root, 'plans');
  cpSync(batchFolder, plans, { recursive: true });
  return plans;
}

/** The example plan in its own folder (a fresh copy for each test that changes it). */
function examplePlan(): string {
  const dir = join(tempDir('kickoff-publish-'), 'plan');
  cpSync(exampleFolder, dir, { recursive: true });
  return dir;
}

/** The header of a calendar: everything before its first component. */
function header(text: string): string {
  return text.slice(0, text.search(/BEGIN:(VTIMEZONE|VEVENT)/));
}

/** The feed addresses the index shows, as text (it marks where each may wrap with <span> and <wbr>). */
function addresses(html: string): string[] {
  return [...html.matchAll(/<code>(.*?)<\/code>/g)].map((m) => m[1]!.replace(/<\/?span>|<wbr>/g, ''));
}

describe('kickoff publish --plan', () => {
  it('writes one feed per practice and per role, named by ODS code and role, and index.html', () => {
    const plan = examplePlan();
    const out = join(plan, '..', 'feeds');
    const run = kickoff(['publish', '--plan', plan, '--out', out, '--base-url', BASE, ...TODAY]);
    expect(run.code, run.stderr).toBe(0);
    const A = feedFolder(out, 'A81001');
    expect(A).toMatch(/^A81001-[a-z2-7]{26}$/);
    const roles = [
      'clinical-safety-officer',
      'commissioner',
      'current-supplier',
      'delivery-partner',
      'everything',
      'it-lead',
      'lead-gp',
      'new-supplier',
      'practice-manager',
      'practice-staff',
      'project-manager',
      'trainer',
    ];
    // Every role with events, staffed or not: a feed's address outlives changes to the team.
    expect(filesIn(out)).toEqual([A, ...roles.map((r) => `${A}/${r}.ics`), 'feeds.json', 'index.html']);
    expect(run.stderr).toContain('Published 12 calendar feed(s) for 1 practice(s)');
    const everything = readFileSync(join(out, `${A}/everything.ics`), 'utf8');
    const head = header(everything).replace(/\r\n /g, '');
    expect(head).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT4H\r\n');
    expect(head).toContain('X-PUBLISHED-TTL:PT4H\r\n');
    expect(head).toContain('NAME:The Densham Surgery (A81001) migration\r\n');
    expect(head).toContain('X-WR-CALNAME:The Densham Surgery (A81001) migration\r\n');
    expect(head).toContain(`SOURCE;VALUE=URI:${BASE}/${A}/everything.ics\r\n`);
    expect(head).toContain(`URL:${BASE}/${A}/everything.ics\r\n`);
    const trainer = header(readFileSync(join(out, `${A}/trainer.ics`), 'utf8')).replace(/\r\n /g, '');
    expect(trainer).toContain(`URL:${BASE}/${A}/trainer.ics\r\n`);
  });

  it('publishes with --with-names the same events, UIDs and SEQUENCEs as kickoff calendar writes', () => {
    const plan = examplePlan();
    const out = join(plan, '..', 'feeds');
    const planFile = join(plan, 'kickoff.yaml');
    // A re-plan first, so that sequences are not all 0.
    kickoff(['schedule', '--plan', plan, '--go-live', '2027-05-10', '--today', '2026-11-26']);
    const planBefore = readFileSync(planFile, 'utf8');
    expect(
      kickoff(['publish', '--plan', plan, '--out', out, '--with-names', '--today', '2026-11-27']).code,
    ).toBe(0);
    const A = feedFolder(out, 'A81001');
    expect(readFileSync(planFile, 'utf8')).toBe(planBefore);
    expect(kickoff(['calendar', '--plan', plan, '--today', '2026-11-27']).code).toBe(0);
    const events = (text: string) => text.slice(text.indexOf('BEGIN:VEVENT'));
    for (const role of ['everything', 'trainer', 'project-manager']) {
      const feed = readFileSync(join(out, `${A}/${role}.ics`), 'utf8');
      const plain = readFileSync(join(plan, `calendars/a81001-${role}.ics`), 'utf8');
      expect(events(feed)).toBe(events(plain));
      expect(feed).toContain('SEQUENCE:1\r\n');
      expect(plain).not.toContain('REFRESH-INTERVAL');
      expect(plain).toContain('X-PUBLISHED-TTL:PT1H\r\n');
    }
  });

  it("without --with-names, the feeds carry roles, not people's names or addresses, and the same dates", () => {
    const plan = examplePlan();
    const out = join(plan, '..', 'feeds');
    expect(kickoff(['publish', '--plan', plan, '--out', out, ...TODAY]).code).toBe(0);
    expect(kickoff(['calendar', '--plan', plan, ...TODAY]).code).toBe(0);
    const A = feedFolder(out, 'A81001');
    const answers = readFileSync(join(plan, 'kickoff.yaml'), 'utf8');
    const people = [...answers.matchAll(/\{ role: [^,]+, name: ([^,]+), email: (\S+) \}/g)];
    expect(people.length).toBeGreaterThan(4);
    const unfold = (text: string) => text.replace(/\r\n /g, '');
    const lines = (text: string, name: string) =>
      unfold(text)
        .split('\r\n')
        .filter((l) => l.startsWith(name));
    for (const feedFile of readdirSync(join(out, A))) {
      const feed = unfold(readFileSync(join(out, A, feedFile), 'utf8'));
      for (const [, name, email] of people) {
        expect(feed, `${feedFile}: ${name}`).not.toContain(name!.replace(/,/g, '\\,'));
        expect(feed, `${feedFile}: ${email}`).not.toContain(email!);
      }
      expect(feed).toContain(
        '\r\nORGANIZER;CN="Migration project manager":mailto:project-manager@kickoff.invalid\r\n',
      );
    }
    const feed = readFileSync(join(out, `${A}/trainer.ics`), 'utf8');
    const plain = readFileSync(join(plan, 'calendars/a81001-trainer.ics'), 'utf8');
    expect(unfold(plain)).toContain('Sam Lee');
    for (const property of ['UID', 'SEQUENCE', 'DTSTART', 'DTEND', 'SUMMARY'])
      expect(lines(feed, property), property).toEqual(lines(plain, property));
    expect(unfold(feed)).toContain('\\nTrainer\\n');
    expect(unfold(feed)).toContain('ask the migration project manager.');
  });

  it('writes the same files, byte for byte, when run again', () => {
    const plan = examplePlan();
    const out = join(plan, '..', 'feeds');
    const read = () => filesIn(out).map((f) => (f.includes('.') ? readFileSync(join(out, f), 'utf8') : f));
    expect(kickoff(['publish', '--plan', plan, '--out', out, '--base-url', BASE, ...TODAY]).code).toBe(0);
    const first = read();
    expect(kickoff(['publish', '--plan', plan, '--out', out, '--base-url', BASE, ...TODAY]).code).toBe(0);
    expect(read()).toEqual(first);
  });

  it('writes an index.html with webcal and https links, instructions, and nothing fetched', () => {
    const plan = examplePlan();
    const out = join(plan, '..', 'feeds');
    expect(kickoff(['publish', '--plan', plan, '--out', out, '--base-url', `${BASE}/`, ...TODAY]).code).toBe(
      0,
    );
    const A = feedFolder(out, 'A81001');
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const file of filesIn(join(out, A))) {
      expect(html).toContain(`href="webcal://intranet.example.nhs.uk/kickoff/${A}/${file}"`);
      // The address as text, split into pieces that wrap only after a "/".
      expect(addresses(html)).toContain(`${BASE}/${A}/${file}`);
      expect(html).toContain(`href="${A}/${file}"`);
    }
    expect(html).toContain('The Densham Surgery (A81001), go-live Mon 19 Apr 2027');
    expect(html).toContain('every 4 hours');
    expect(html).toMatch(/Outlook on Windows/);
    expect(html).toMatch(/Outlook on the web/);
    expect(html).toMatch(/Google Calendar/);
    expect(html).toMatch(/Do not download the file and import it/);
    // Self-contained: no script with a base URL, nothing loaded from anywhere.
    expect(html).not.toMatch(/<script|\ssrc=|<link|@import|url\(/i);
  });

  it('without --base-url: no SOURCE or URL, and the index works its links out when served', () => {
    const plan = examplePlan();
    const out = join(plan, '..', 'feeds');
    expect(kickoff(['publish', '--plan', plan, '--out', out, ...TODAY]).code).toBe(0);
    const A = feedFolder(out, 'A81001');
    const feed = readFileSync(join(out, `${A}/everything.ics`), 'utf8');
    expect(feed).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT4H\r\n');
    expect(feed).not.toMatch(/^(SOURCE|URL)[;:]/m);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain(`data-feed="${A}/everything.ics"`);
    expect(html).toContain('<script>');
    expect(html).not.toMatch(/\ssrc=|<link|@import/i);
    expect(html).not.toMatch(/url\(/);
  });

  it('takes --refresh as 30m, 1d or an RFC 5545 duration', () => {
    const plan = examplePlan();
    const out = join(plan, '..', 'feeds');
    for (const [given, written] of [
      ['30m', 'PT30M'],
      ['1d', 'P1D'],
      ['PT1H30M', 'PT1H30M'],
    ]) {
      expect(kickoff(['publish', '--plan', plan, '--out', out, '--refresh', given!, ...TODAY]).code).toBe(0);
      const A = feedFolder(out, 'A81001');
      expect(readFileSync(join(out, `${A}/lead-gp.ics`), 'utf8')).toContain(
        `REFRESH-INTERVAL;VALUE=DURATION:${written}\r\n`,
      );
    }
  });

  it(
    'passes ics-check, every feed',
    () => {
      const plan = examplePlan();
      const out = join(plan, '..', 'feeds');
      expect(kickoff(['publish', '--plan', plan, '--out', out, '--base-url', BASE, ...TODAY]).code).toBe(0);
      const files = filesIn(out)
        .filter((f) => f.endsWith('.ics'))
        .map((f) => join(out, f));
      expectIcsCheckPasses(files);
    },
    SLOW,
  );

  it.each([
    [['--plan', 'x', '--plans', 'y'], 'not both'],
    [['--refresh', '5m'], '--refresh'],
    [['--refresh', 'often'], '--refresh'],
    [['--base-url', 'ftp://example.org/'], '--base-url'],
    [['--base-url', 'https://user:secret@example.org/'], '--base-url'],
  ])('exits 2 for %j', (args, message) => {
    const run = kickoff(['publish', '--out', join(tempDir(), 'feeds'), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('exits 2 without --out, and 3 when there is no plan', () => {
    expect(kickoff(['publish']).code).toBe(2);
    const dir = tempDir();
    const run = kickoff(['publish', '--plan', dir, '--out', join(dir, 'feeds')]);
    expect(run.code).toBe(3);
  });
});

describe('feed addresses carry a token', () => {
  it('keeps the token when published again; --new-token changes it and removes the old files', () => {
    const plan = examplePlan();
    const out = join(plan, '..', 'feeds');
    const publish = (...extra: string[]) =>
      kickoff(['publish', '--plan', plan, '--out', out, '--base-url', BASE, ...extra, ...TODAY]);
    expect(publish().code).toBe(0);
    const first = feedFolder(out, 'A81001');
    expect(first).toMatch(/^A81001-[a-z2-7]{26}$/);
    expect(publish().code).toBe(0);
    expect(feedFolder(out, 'A81001')).toBe(first);
    expect(readdirSync(out).sort()).toEqual([first, 'feeds.json', 'index.html']);
    const renewed = publish('--new-token');
    expect(renewed.code, renewed.stderr).toBe(0);
    expect(renewed.stderr).toContain('its old address no longer works');
    const second = feedFolder(out, 'A81001');
    expect(second).not.toBe(first);
    // The old addresses stop working: their files and folder are gone, the index has only the new.
    expect(readdirSync(out).sort()).toEqual([second, 'feeds.json', 'index.html']);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toContain(first);
    expect(addresses(html)).toContain(`${BASE}/${second}/everything.ics`);
    expect(html).toContain('If an address gets out');
    expect(html).toContain('kickoff publish --new-token');
  });

  it('moves feeds published before tokens (<ODS>/) to a tokened folder and removes the old files', () => {
    const plan = examplePlan();
    const out = join(plan, '..', 'feeds');
    expect(kickoff(['publish', '--plan', plan, '--out', out, ...TODAY]).code).toBe(0);
    const folder = feedFolder(out, 'A81001');
    // As an earlier kickoff left it: A81001/*.ics, listed without a token.
    renameSync(join(out, folder), join(out, 'A81001'));
    const manifest = JSON.parse(readFileSync(join(out, 'feeds.json'), 'utf8')) as {
      token?: string;
      feeds: { path: string }[];
    }[];
    delete manifest[0]!.token;
    for (const feed of manifest[0]!.feeds) feed.path = feed.path.replace(folder, 'A81001');
    writeFileSync(join(out, 'feeds.json'), JSON.stringify(manifest));
    const run = kickoff(['publish', '--plan', plan, '--out', out, ...TODAY]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([feedFolder(out, 'A81001'), 'feeds.json', 'index.html']);
  });
});

describe('kickoff publish --plans', () => {
  it(
    'publishes every plan of a batch folder into one feed folder, escaped in index.html',
    () => {
      const root = tempDir('kickoff-publish-batch-');
      const plans = batchPlans(root);
      const made = readdirSync(plans).sort();
      expect(made.length).toBeGreaterThan(1);
      const out = join(root, 'feeds');
      const run = kickoff(['publish', '--plans', plans, '--out', out, '--base-url', BASE, ...TODAY]);
      expect(run.code, run.stderr).toBe(0);
      const folders = made.map((ods) => feedFolder(out, ods));
      expect(readdirSync(out).sort()).toEqual([...folders, 'feeds.json', 'index.html'].sort());
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      for (const folder of folders)
        expect(html).toContain(`webcal://intranet.example.nhs.uk/kickoff/${folder}/everything.ics`);
      // DR O'NEILL & PARTNERS "THE GROVE": every special character escaped.
      expect(html).toContain('DR O&#39;NEILL &#38; PARTNERS &#34;THE GROVE&#34;');
      expect(html).not.toContain('"THE GROVE"');
    },
    SLOW,
  );

  it(
    'reports a plan it cannot read, publishes the others, and exits 1',
    () => {
      const root = tempDir('kickoff-publish-broken-');
      const plans = batchPlans(root);
      const [broken, ...rest] = readdirSync(plans).sort();
      writeFileSync(join(plans, broken!, 'kickoff.yaml'), 'answers: [unclosed\n');
      const out = join(root, 'feeds');
      const run = kickoff(['publish', '--plans', plans, '--out', out, ...TODAY]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(join(plans, broken!, 'kickoff.yaml'));
      expect(run.stderr).toContain('1 plan(s) could not be published');
      expect(readdirSync(out).sort()).toEqual(
        [...rest.map((ods) => feedFolder(out, ods)), 'feeds.json', 'index.html'].sort(),
      );
    },
    SLOW,
  );

  it(
    'refuses two plans for the same ODS code, naming both, and writes nothing: no feeds, no plan changed',
    () => {
      const root = tempDir('kickoff-publish-same-ods-');
      const plans = batchPlans(root);
      const [first] = readdirSync(plans).sort();
      cpSync(join(plans, first!), join(plans, 'copy-of-first'), { recursive: true });
      const before = new Map(
        readdirSync(plans).map((d) => [d, readFileSync(join(plans, d, 'kickoff.yaml'), 'utf8')]),
      );
      const out = join(root, 'feeds');
      const run = kickoff(['publish', '--plans', plans, '--out', out, ...TODAY]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `${first}: ${join(plans, first!, 'kickoff.yaml')} and ${join(plans, 'copy-of-first', 'kickoff.yaml')}`,
      );
      expect(run.stderr).toContain('nothing was published');
      expect(existsSync(out)).toBe(false);
      for (const [d, text] of before) expect(readFileSync(join(plans, d, 'kickoff.yaml'), 'utf8')).toBe(text);
    },
    SLOW,
  );

  it(
    'keeps practices published earlier into the same folder in index.html, one plan at a time',
    () => {
      const root = tempDir('kickoff-publish-one-by-one-');
      const plans = batchPlans(root);
      const made = readdirSync(plans).sort();
      const out = join(root, 'feeds');
      for (const ods of made)
        expect(
          kickoff(['publish', '--plan', join(plans, ods), '--out', out, '--base-url', BASE, ...TODAY]).code,
        ).toBe(0);
      const oneByOne = readFileSync(join(out, 'index.html'), 'utf8');
      for (const ods of made)
        expect(addresses(oneByOne)).toContain(`${BASE}/${feedFolder(out, ods)}/everything.ics`);
      // The same page as publishing them all at once (with the same tokens, from feeds.json).
      const together = join(root, 'together');
      mkdirSync(together);
      copyFileSync(join(out, 'feeds.json'), join(together, 'feeds.json'));
      expect(
        kickoff(['publish', '--plans', plans, '--out', together, '--base-url', BASE, ...TODAY]).code,
      ).toBe(0);
      expect(oneByOne).toBe(readFileSync(join(together, 'index.html'), 'utf8'));
      // A link smuggled into the manifest is not listed.
      const manifest = join(out, 'feeds.json');
      const listed = JSON.parse(readFileSync(manifest, 'utf8')) as { feeds: { path: string }[] }[];
      listed[0]!.feeds[0]!.path = 'javascript:alert(1)';
      writeFileSync(manifest, JSON.stringify(listed));
      expect(kickoff(['publish', '--plan', join(plans, made[1]!), '--out', out, ...TODAY]).code).toBe(0);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('javascript:alert');
    },
    SLOW,
  );
});
