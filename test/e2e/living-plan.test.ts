/**
 * The plan stays true for sixteen weeks (issue 21), the built binary: a sheet exported before a
 * change merges three ways instead of undoing it, what people do to a sheet in LibreOffice is
 * survived or named, what a command says it did is what it did, and the plan's anchors cannot be
 * set aside.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readItemNotes } from '../../src/adapters/plan-file/notes.js';
import { parsePlan } from '../../src/adapters/plan-file/read.js';
import { parseCsv } from '../../src/render/csv.js';
import { which } from '../helpers/chromium.js';
import { assertBuilt, copyOf, examplePlan, kickoff, tempDir } from '../helpers/cli.js';
import { loadDefaults } from '../helpers/fixtures.js';

const TODAY = ['--today', '2026-11-26'];
const SOFFICE = which('soffice');
let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-living-', '2026-11-25');
});

async function itemOf(dir: string, id: string) {
  const { template } = await loadDefaults();
  const stored = parsePlan(readFileSync(join(dir, 'kickoff.yaml'), 'utf8'), 'kickoff.yaml', template);
  return stored.plan.items.find((i) => i.id === id)!;
}

function notesOf(dir: string, id: string): string {
  return readItemNotes(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).get(id) ?? '';
}

/** The exported CSV as rows, edited by `edit`, written back as Excel would (BOM, CRLF, quoted). */
function editCsv(file: string, edit: (rows: string[][]) => string[][]): void {
  const rows = edit(parseCsv(readFileSync(file, 'utf8')));
  const cell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  writeFileSync(file, `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`);
}

function setCell(rows: string[][], id: string, column: string, value: string): void {
  const at = rows[0]!.indexOf(column);
  rows.find((r) => r[0] === id)![at] = value;
}

function run(dir: string, args: readonly string[]) {
  return kickoff([...args, '--plan', dir, ...TODAY], { cwd: dir });
}

describe('import merges three ways', () => {
  it('a sheet exported before a tick imports as no changes, and does not undo the tick', async () => {
    const dir = copyOf(pristine);
    expect(run(dir, ['export', '--format', 'csv', '--out', join(dir, 'sheet.csv')]).code).toBe(0);
    expect(run(dir, ['tick', 'hardware-costs-approved']).code).toBe(0);
    const imported = run(dir, ['import', join(dir, 'sheet.csv')]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/No changes/);
    expect((await itemOf(dir, 'hardware-costs-approved')).status).toBe('done');
  });

  it('applies what changed in the sheet and keeps what changed in the plan since', async () => {
    const dir = copyOf(pristine);
    const sheet = join(dir, 'sheet.csv');
    expect(run(dir, ['export', '--format', 'csv', '--out', sheet]).code).toBe(0);
    expect(run(dir, ['tick', 'kick-off']).code).toBe(0);
    editCsv(sheet, (rows) => {
      setCell(rows, 'technical-survey', 'Status', 'done');
      setCell(rows, 'rooms-booked', 'Notes', 'Room 2 booked for Tuesdays');
      return rows;
    });
    const imported = run(dir, ['import', sheet]);
    expect(imported.code, imported.stderr).toBe(0);
    expect((await itemOf(dir, 'kick-off')).status).toBe('done');
    expect((await itemOf(dir, 'technical-survey')).status).toBe('done');
    expect(notesOf(dir, 'rooms-booked')).toBe('Room 2 booked for Tuesdays');
  });

  it('lists a value changed in both as a conflict, writes nothing, and takes a side only when told', async () => {
    const dir = copyOf(pristine);
    const sheet = join(dir, 'sheet.csv');
    expect(run(dir, ['export', '--format', 'csv', '--out', sheet]).code).toBe(0);
    expect(run(dir, ['tick', 'kick-off']).code).toBe(0);
    editCsv(sheet, (rows) => {
      setCell(rows, 'kick-off', 'Status', 'doing');
      setCell(rows, 'technical-survey', 'Status', 'done');
      return rows;
    });
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const refused = run(dir, ['import', sheet]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /Row \d+, Kick-off meeting \(kick-off\), status: the sheet says "doing", the plan now says "done" \(both changed since the sheet was made, when it was "todo"\)/,
    );
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
    expect(run(dir, ['import', sheet, '--take', 'plan']).code).toBe(0);
    expect((await itemOf(dir, 'kick-off')).status).toBe('done');
    expect((await itemOf(dir, 'technical-survey')).status).toBe('done');
    expect(run(dir, ['import', sheet, '--take', 'sheet']).code).toBe(0);
    expect((await itemOf(dir, 'kick-off')).status).toBe('doing');
  });

  it('makes a row the practice added (a title, no Id) one of their own items, shown first by --dry-run', async () => {
    const dir = copyOf(pristine);
    const sheet = join(dir, 'sheet.csv');
    expect(run(dir, ['export', '--format', 'csv', '--out', sheet]).code).toBe(0);
    editCsv(sheet, (rows) => {
      const blank = rows[0]!.map(() => '');
      const at = (name: string) => rows[0]!.indexOf(name);
      const added = [...blank];
      added[at('Phase')] = 'Kick-off and preparation';
      added[at('Action')] = "Patients' open evening";
      added[at('Start')] = '03/02/2027';
      added[at('Owner names')] = "Mark O'Connor";
      return [...rows, added];
    });
    const dry = run(dir, ['import', sheet, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(
      /Patients' open evening \(patients-open-evening, row \d+\): added, Wed 3 Feb 2027/,
    );
    expect(run(dir, ['import', sheet]).code).toBe(0);
    const item = await itemOf(dir, 'patients-open-evening');
    expect([item.phase, item.start, item.roles, item.status]).toEqual([
      'preparation',
      '2027-02-03',
      [],
      'todo',
    ]);
    // The person named in the sheet is the item's owner (not everyone in their role), as the next export says again.
    expect(item.owners).toEqual(['mark.oconnor@nhs.net']);
    expect(run(dir, ['export', '--format', 'csv', '--out', sheet]).code).toBe(0);
    const again = readFileSync(sheet, 'utf8')
      .split('\n')
      .find((line) => line.includes("Patients' open evening"));
    expect(again).toContain("Mark O'Connor");
    // Kept as the practice's own item when kickoff re-plans.
    expect([0, 1]).toContain(run(dir, ['schedule', '--go-live', '2027-05-10']).code);
    expect((await itemOf(dir, 'patients-open-evening')).start).toBe('2027-02-03');
    // A row added without a date cannot go into the plan: said, with its row, and nothing written.
    expect(run(dir, ['export', '--format', 'csv', '--out', sheet]).code).toBe(0);
    editCsv(sheet, (rows) => {
      const undated = rows[0]!.map(() => '');
      undated[rows[0]!.indexOf('Phase')] = 'Go live';
      undated[rows[0]!.indexOf('Action')] = 'Thank-you lunch';
      return [...rows, undated];
    });
    const refused = run(dir, ['import', sheet]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Row \d+: "Thank-you lunch" was added in the sheet without a Start date/);
  });

  it('imports a sheet without the record as before, with a warning saying what that risks', async () => {
    const dir = copyOf(pristine);
    const sheet = join(dir, 'sheet.csv');
    expect(run(dir, ['export', '--format', 'csv', '--out', sheet]).code).toBe(0);
    editCsv(sheet, (rows) => {
      setCell(rows, 'technical-survey', 'Status', 'doing');
      return rows.map((r) => r.slice(0, -1));
    });
    const imported = run(dir, ['import', sheet]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Warning: This sheet has no "kickoff record" column/);
    expect((await itemOf(dir, 'technical-survey')).status).toBe('doing');
  });

  it.skipIf(!SOFFICE && !process.env.CI)(
    'survives a sheet re-sorted, cut, given a column, its record cleared or pasted over, and saved by LibreOffice',
    async () => {
      const dir = copyOf(pristine);
      const book = join(dir, 'actions.xlsx');
      expect(run(dir, ['export', '--format', 'xlsx', '--out', book]).code).toBe(0);
      // The plan moves on after the sheet was sent out.
      expect(run(dir, ['tick', 'kick-off']).code).toBe(0);
      expect(run(dir, ['tick', 'rooms-booked', '--note', 'Room 2']).code).toBe(0);
      // The practice opens the workbook in LibreOffice and saves it as CSV.
      const csv = convert(book, 'csv:Text - txt - csv (StarCalc):44,34,76,1');
      editCsv(csv, (rows) => {
        const [header, ...body] = rows;
        const record = header!.indexOf('kickoff record');
        const byId = (id: string) => body.find((r) => r[0] === id)!;
        byId('technical-survey')[header!.indexOf('Status')] = 'done';
        // Its record cleared, and its status changed: taken as the sheet says, with a warning.
        byId('training-needs-meeting')[record] = '';
        byId('training-needs-meeting')[header!.indexOf('Status')] = 'doing';
        // Another row's record pasted over this one: its check digits fail, so it falls back too.
        byId('test-patients-identified')[record] = byId('kick-off')[record]!;
        // Re-sorted, one row cut, and a column of the practice's own inserted after Id.
        const kept = body.filter((r) => r[0] !== 'data-checking').reverse();
        return [header!, ...kept].map((r, i) => [r[0]!, i === 0 ? 'Practice lead' : 'Mark', ...r.slice(1)]);
      });
      // Saved again by LibreOffice, as a workbook.
      const again = convert(csv, 'xlsx:Calc MS Excel 2007 XML');
      for (const sheet of [csv, again]) {
        const copy = copyOf(dir);
        const imported = run(copy, ['import', join(copy, sheet.slice(dir.length + 1))]);
        expect(imported.code, imported.stderr).toBe(0);
        expect(imported.stderr).toMatch(
          /Row\(s\) \d+, \d+: the "kickoff record" cell was cleared or changed, so kickoff cannot tell/,
        );
        // What the plan changed since is kept; what the sheet changed is taken.
        expect((await itemOf(copy, 'kick-off')).status).toBe('done');
        expect(notesOf(copy, 'rooms-booked')).toBe('Room 2');
        expect((await itemOf(copy, 'technical-survey')).status).toBe('done');
        expect((await itemOf(copy, 'training-needs-meeting')).status).toBe('doing');
        expect((await itemOf(copy, 'data-checking')).status).toBe('todo');
      }
    },
    300_000,
  );
});

/** `file` converted by LibreOffice (headless) to `filter`'s format, in the same folder. */
function convert(file: string, filter: string): string {
  const profile = tempDir('kickoff-lo-profile-');
  const out = tempDir('kickoff-lo-out-');
  const result = spawnSync(
    SOFFICE ?? 'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${profile}`,
      // A CSV is opened as UTF-8, comma-separated: what LibreOffice's import dialog offers for kickoff's.
      ...(file.endsWith('.csv') ? ['--infilter=CSV:44,34,76,1'] : []),
      '--convert-to',
      filter,
      '--outdir',
      out,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) throw new Error(`soffice: ${result.stderr}`);
  const ext = filter.split(':')[0]!;
  const base = file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  const target = join(file.replace(/\/[^/]*$/, ''), `${base}-lo.${ext}`);
  renameSync(join(out, `${base}.${ext}`), target);
  return target;
}

describe('two laptops, one OneDrive folder', () => {
  /** Laptop B's copy of the shared folder, its changes made, then synced back late as a conflict copy. */
  function laptops() {
    const shared = copyOf(pristine);
    const b = copyOf(shared);
    return {
      shared,
      b,
      syncBack: () => cpSync(join(b, 'kickoff.yaml'), join(shared, 'kickoff-LAPTOP-B.yaml')),
    };
  }

  it("notices the copy OneDrive made, and merge takes its changes without losing any of the plan's", async () => {
    const { shared, b, syncBack } = laptops();
    expect(run(shared, ['tick', 'kick-off']).code).toBe(0);
    expect(run(b, ['tick', 'technical-survey']).code).toBe(0);
    expect(run(b, ['tick', 'rooms-booked', '--note', 'Room 2 on Tuesdays']).code).toBe(0);
    expect(run(b, ['pin', 'all-staff-briefing', '2027-01-27']).code).toBe(0);
    syncBack();
    const shown = run(shared, ['show']);
    expect(shown.stderr).toMatch(/kickoff-LAPTOP-B\.yaml is a copy of the plan that OneDrive/);
    const merged = run(shared, ['merge', join(shared, 'kickoff-LAPTOP-B.yaml')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect((await itemOf(shared, 'kick-off')).status).toBe('done');
    expect((await itemOf(shared, 'technical-survey')).status).toBe('done');
    expect(notesOf(shared, 'rooms-booked')).toBe('Room 2 on Tuesdays');
    const briefing = await itemOf(shared, 'all-staff-briefing');
    expect([briefing.start, briefing.origin]).toEqual(['2027-01-27', 'pinned']);
    expect(existsSync(join(shared, 'kickoff-LAPTOP-B.yaml'))).toBe(false);
    expect(existsSync(join(shared, 'kickoff-LAPTOP-B.yaml.merged'))).toBe(true);
    expect(run(shared, ['show']).stderr).not.toMatch(/is a copy of the plan/);
  });

  it('takes the owners a person named by hand in the copy', async () => {
    const { shared, b, syncBack } = laptops();
    const file = join(b, 'kickoff.yaml');
    const text = readFileSync(file, 'utf8');
    // Laptop B names Sam Lee on the room booking, by hand, under its roles.
    const edited = text.replace(
      /(- id: rooms-booked\n(?:\s+\w+:.*\n)*?(\s+)roles: .*\n)/,
      '$1$2owners: [ Sam Lee, it-lead ]\n',
    );
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    expect(run(shared, ['tick', 'kick-off']).code).toBe(0);
    syncBack();
    const merged = run(shared, ['merge', join(shared, 'kickoff-LAPTOP-B.yaml')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout + merged.stderr).toMatch(/rooms-booked\): owners Sam Lee, it-lead/);
    expect((await itemOf(shared, 'rooms-booked')).owners).toEqual(['Sam Lee', 'it-lead']);
    expect((await itemOf(shared, 'kick-off')).status).toBe('done');
  });

  it('leaves out an owner the copy added to its own team (merge does not take the team), and says so', async () => {
    const { shared, b, syncBack } = laptops();
    const file = join(b, 'kickoff.yaml');
    const text = readFileSync(file, 'utf8');
    const edited = text
      .replace(
        /(\nanswers:\n(?:.*\n)*?(\s+)team:\n)/,
        '$1$2  - { role: trainer, name: Jo Bloggs, email: jo.bloggs@nhs.net }\n',
      )
      .replace(/(- id: rooms-booked\n(?:\s+\w+:.*\n)*?(\s+)roles: .*\n)/, '$1$2owners: [ Jo Bloggs ]\n');
    expect(edited.match(/Jo Bloggs/g)).toHaveLength(2);
    writeFileSync(file, edited);
    expect(run(b, ['show']).code).not.toBe(3);
    expect(run(b, ['tick', 'technical-survey']).code).toBe(0);
    syncBack();
    const merged = run(shared, ['merge', join(shared, 'kickoff-LAPTOP-B.yaml')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout + merged.stderr).toContain("owners not taken: Jo Bloggs not in this plan's team");
    expect((await itemOf(shared, 'rooms-booked')).owners).toBeUndefined();
    expect((await itemOf(shared, 'technical-survey')).status).toBe('done');
  });

  it('lists a value both laptops changed differently, and writes nothing until told who wins', async () => {
    const { shared, b, syncBack } = laptops();
    expect(run(shared, ['tick', 'kick-off']).code).toBe(0);
    expect(run(b, ['tick', 'kick-off', '--status', 'doing']).code).toBe(0);
    syncBack();
    const before = readFileSync(join(shared, 'kickoff.yaml'), 'utf8');
    const refused = run(shared, ['merge', join(shared, 'kickoff-LAPTOP-B.yaml')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /Kick-off meeting \(kick-off\), status: the copy says doing, the plan says done/,
    );
    expect(readFileSync(join(shared, 'kickoff.yaml'), 'utf8')).toBe(before);
    expect(run(shared, ['merge', join(shared, 'kickoff-LAPTOP-B.yaml'), '--take', 'copy']).code).toBe(0);
    expect((await itemOf(shared, 'kick-off')).status).toBe('doing');
  });
});

describe('dates a person fixed keep the plan in order', () => {
  it('a pin left after training and go-live by a go-live move is an error, and --release-pins lets it go', async () => {
    const dir = copyOf(pristine);
    expect(run(dir, ['schedule', '--go-live', '2027-06-21']).code).toBe(0);
    expect(run(dir, ['pin', 'hardware-installed', '2027-05-18']).code).toBe(0);
    const moved = run(dir, ['schedule', '--go-live', '2027-05-17']);
    expect(moved.code).toBe(1);
    expect(moved.stdout).toMatch(
      /Pins that now break a rule or sit past go-live: hardware-installed\. .*--release-pins/,
    );
    const checked = run(dir, ['check']);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/\[schedule\.pin_breaks_rule\] hardware-installed/);
    const released = run(dir, ['schedule', '--release-pins']);
    expect(released.stdout).toMatch(/Released, so kickoff dates them again: hardware-installed/);
    const item = await itemOf(dir, 'hardware-installed');
    expect(item.origin).toBe('computed');
    expect(item.start < (await itemOf(dir, 'training')).start).toBe(true);
  });

  it('an own item of a phase before go-live dated after it is an error; dated from go-live, it moves with it', async () => {
    const dir = copyOf(pristine);
    const file = join(dir, 'kickoff.yaml');
    const own = (extra: string) =>
      readFileSync(join(pristine, 'kickoff.yaml'), 'utf8').replace(
        /(\n {6}- id: kick-off\n)/,
        `\n      - id: open-evening\n        title: Patients' open evening\n        type: meeting\n        date: 2027-05-26\n${extra}        roles: [ practice-manager ]\n        status: todo$1`,
      );
    writeFileSync(file, own(''));
    const checked = run(dir, ['check']);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/\[schedule\.pin_after_go_live\] open-evening/);
    const ruled = copyOf(pristine);
    writeFileSync(join(ruled, 'kickoff.yaml'), own('        from: go-live\n        offset: -10wd\n'));
    expect([0, 1]).toContain(run(ruled, ['schedule']).code);
    expect((await itemOf(ruled, 'open-evening')).start).toBe('2027-04-05');
    expect([0, 1]).toContain(run(ruled, ['schedule', '--go-live', '2027-05-10']).code);
    // 10 working days before Mon 10 May, counted past the Early May bank holiday (Mon 3 May).
    expect((await itemOf(ruled, 'open-evening')).start).toBe('2027-04-23');
  });
});

describe('a # in a note', () => {
  it('is a warning with the line, saying what YAML kept and how to quote the rest', () => {
    const dir = copyOf(pristine);
    const file = join(dir, 'kickoff.yaml');
    const text = readFileSync(file, 'utf8').replace(
      /(\n {6}- id: kick-off\n(?: {8}.*\n)*? {8}status: todo\n)/,
      '$1        notes: Ask agency #2 for the list\n',
    );
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('Ask agency')) + 1;
    const shown = run(dir, ['show']);
    expect(shown.stderr).toContain(`kickoff.yaml:${line}: the note of kick-off stops at "#"`);
    expect(shown.stderr).toContain('notes: "Ask agency #2 for the list"');
  });
});

describe('undo, history and changes', () => {
  it('undoes twice to go back twice, as updates to the calendars, and refuses to lose hand edits unasked', async () => {
    const dir = copyOf(pristine);
    const first = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const seq = () =>
      Number(/kick-off: \{ sequence: (\d+)/.exec(readFileSync(join(dir, 'kickoff.yaml'), 'utf8'))![1]);
    expect(run(dir, ['tick', 'kick-off', '--status', 'not-needed']).code).toBe(2); // an anchor: refused
    expect(run(dir, ['tick', 'technical-survey']).code).toBe(0);
    expect([0, 1]).toContain(run(dir, ['schedule', '--go-live', '2027-05-10']).code);
    const moved = seq();
    const history = run(dir, ['history', '--json']);
    const entries = (JSON.parse(history.stdout) as { entries: { command: string }[] }).entries;
    expect(entries.map((e) => e.command)).toEqual(['schedule --go-live', 'tick']);
    expect(run(dir, ['undo']).code).toBe(0);
    expect(seq()).toBeGreaterThan(moved); // the move back is an update, not a jump back
    expect(run(dir, ['undo']).code).toBe(0);
    const back = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    expect(back.slice(0, back.indexOf('\npublished:'))).toBe(first.slice(0, first.indexOf('\npublished:')));
    const nothing = run(dir, ['undo']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/Nothing to undo/);
    // A hand edit since kickoff last wrote the plan: undo asks for --force first.
    expect(run(dir, ['tick', 'rooms-booked']).code).toBe(0);
    writeFileSync(
      join(dir, 'kickoff.yaml'),
      readFileSync(join(dir, 'kickoff.yaml'), 'utf8').replace(
        'title: Kick-off meeting',
        'title: Kick-off meeting (room 2)',
      ),
    );
    const refused = run(dir, ['undo']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/was edited by hand .* kickoff undo --force/s);
    expect(run(dir, ['undo', '--force']).code).toBe(0);
  });

  it('says what changed since a day, as text, Markdown and JSON', () => {
    const dir = copyOf(pristine);
    expect(run(dir, ['tick', 'kick-off', '--note', 'Held in room 2']).code).toBe(0);
    expect(run(dir, ['pin', 'technical-survey', '2027-01-22']).code).toBe(0);
    const text = run(dir, ['changes', '--since', '2026-11-20']);
    expect(text.stdout).toMatch(/Statuses changed:\n {2}Kick-off meeting \(kick-off\): todo → done/);
    expect(text.stdout).toMatch(
      /Pinned \(kickoff will not move them\):\n {2}Technical survey .*Fri 22 Jan 2027/,
    );
    const md = run(dir, ['changes', '--since', 'last-week', '--format', 'md']);
    expect(md.stdout).toMatch(/### Notes changed\n\n- Kick-off meeting \(kick-off\): added "Held in room 2"/);
    const json = JSON.parse(run(dir, ['changes', '--since', '2026-11-20', '--json']).stdout) as {
      statuses: { id: string; before: string; after: string }[];
      pinned: { id: string }[];
    };
    expect(json.statuses).toEqual([
      expect.objectContaining({ id: 'kick-off', before: 'todo', after: 'done' }),
    ]);
    expect(json.pinned.map((p) => p.id)).toEqual(['technical-survey']);
  });
});

describe('the kick-off pack, when the plan has a history', () => {
  it('says what changed since the last meeting', () => {
    const dir = copyOf(pristine);
    expect(run(dir, ['tick', 'kick-off', '--note', 'Held in room 2']).code).toBe(0);
    const md = run(dir, ['export', '--format', 'md']);
    expect(md.stdout).toMatch(
      /## Since the last meeting \(Thu 19 Nov 2026\)\n\n\*\*Statuses changed\*\*\n\n- Kick-off meeting \(kick-off\): todo → done/,
    );
    const html = run(dir, ['export', '--format', 'html']);
    expect(html.stdout).toContain('<h2>Since the last meeting (Thu 19 Nov 2026)</h2>');
    // A plan with no history yet has no such section.
    expect(run(copyOf(pristine), ['export', '--format', 'md']).stdout).not.toMatch(/Since the last meeting/);
  });
});

describe('what kickoff says it did is what it did', () => {
  it('pin says the plan was updated when it wrote pinned: true', () => {
    const dir = copyOf(pristine);
    const pinned = run(dir, ['pin', 'weekly-migration-meeting', '2027-01-26']);
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toMatch(/pinned: true/);
    expect(pinned.stdout).toMatch(/Updated .*kickoff\.yaml/);
    expect(pinned.stdout).not.toMatch(/unchanged/);
  });
});

describe("the plan's anchors", () => {
  it.each(['go-live', 'kick-off', 'final-data-production'])(
    'refuses to mark %s not-needed, says how to move or cancel instead, and writes nothing',
    (id) => {
      const dir = copyOf(pristine);
      const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
      const ticked = run(dir, ['tick', id, '--status', 'not-needed']);
      expect(ticked.code).toBe(2);
      expect(ticked.stderr).toMatch(/cannot be not-needed: the whole plan is dated from it/);
      expect(ticked.stderr).toMatch(id === 'go-live' ? /kickoff schedule --go-live DATE/ : /kickoff pin/);
      expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
    },
  );
});
