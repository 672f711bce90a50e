/**
 * `kickoff schedule` and `kickoff calendar`, the built binary, in temporary folders: re-planning a plan
 * a person has edited, in place; calendars whose events keep their identity across generations.
 */
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, copyOf, examplePlan, kickoff, REPO_ROOT, type CliRun } from '../helpers/cli.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const PLAN = 'kickoff.yaml';
const CALENDARS = 'calendars';
const EVERYTHING = 'a81001-everything.ics';
const PROJECT_MANAGER = 'a81001-project-manager.ics';
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** `kickoff init --example` as of 2026-11-25 (go-live Mon 19 Apr 2027), made once and copied per test. */
let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-schedule-pristine-', '2026-11-25');
});

// ---------------------------------------------------------------- folders and files

function readPlan(dir: string): string {
  return readFileSync(join(dir, PLAN), 'utf8');
}

function writePlan(dir: string, text: string): void {
  writeFileSync(join(dir, PLAN), text);
}

/** Replaces exactly one occurrence, so a hand edit that silently misses fails loudly instead. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1)
    throw new Error(`expected exactly one ${JSON.stringify(from)} in the plan`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** 1-based number of the only line equal to `line` (after trimming the end). */
function lineNumber(text: string, line: string): number {
  const lines = text.split('\n');
  const found = lines.flatMap((l, i) => (l.trimEnd() === line ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`expected one line ${JSON.stringify(line)}, found ${found.length}`);
  return found[0]!;
}

interface FileState {
  readonly text: string;
  readonly mtimeMs: number;
}

/** Every file under `dir` (dot files too, so a stray temp file shows), with its bytes and mtime. */
function snapshot(dir: string): Map<string, FileState> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
  return new Map(
    files.map((f) => [
      f,
      { text: readFileSync(join(dir, f), 'latin1'), mtimeMs: statSync(join(dir, f)).mtimeMs },
    ]),
  );
}

/** Bytes only: file name → content. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries([...snapshot(dir)].map(([f, s]) => [f, s.text]));
}

/** Sets every file's mtime well into the past, so any rewrite, even of the same bytes, shows. */
function ageFiles(dir: string): void {
  const past = new Date('2020-01-01T00:00:00Z');
  for (const file of snapshot(dir).keys()) utimesSync(join(dir, file), past, past);
}

function calendarFiles(dir: string): string[] {
  return readdirSync(join(dir, CALENDARS))
    .filter((f) => f.endsWith('.ics'))
    .sort()
    .map((f) => join(dir, CALENDARS, f));
}

/** All calendars pass the independent checker; only a missing checker outside CI skips. */
function expectValidCalendars(files: string[]): void {
  expectIcsCheckPasses(files);
}

// ---------------------------------------------------------------- iCalendar

interface VEvent {
  readonly uid: string;
  readonly sequence: number;
  readonly status: string;
  readonly dtstamp: string;
  readonly dtstart: string;
  readonly summary: string;
  /** The whole event, unfolded. */
  readonly text: string;
}

function parseEvents(ics: string): Map<string, VEvent> {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  const events = new Map<string, VEvent>();
  for (const block of unfolded.split('BEGIN:VEVENT\r\n').slice(1)) {
    const text = block.slice(0, block.indexOf('END:VEVENT'));
    const lines = text.split('\r\n');
    const get = (name: string) => {
      const line = lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
      if (line === undefined) throw new Error(`event without ${name}:\n${text}`);
      return line;
    };
    const value = (name: string) => get(name).slice(get(name).indexOf(':') + 1);
    const uid = value('UID');
    // A moved occurrence (RECURRENCE-ID) shares its series' UID; the series itself is the event.
    if (lines.some((l) => l.startsWith('RECURRENCE-ID'))) continue;
    events.set(uid, {
      uid,
      sequence: Number(value('SEQUENCE')),
      status: value('STATUS'),
      dtstamp: value('DTSTAMP'),
      // DTSTART;TZID=Europe/London:20270118T100000 or DTSTART;VALUE=DATE:20270118
      dtstart: get('DTSTART').slice(get('DTSTART').lastIndexOf(':') + 1),
      summary: value('SUMMARY'),
      text,
    });
  }
  return events;
}

/** Calendar file name → its events by UID. */
type Generation = Map<string, Map<string, VEvent>>;

function readCalendars(dir: string): Generation {
  return new Map(
    readdirSync(join(dir, CALENDARS))
      .filter((f) => f.endsWith('.ics'))
      .map((f) => [f, parseEvents(readFileSync(join(dir, CALENDARS, f), 'utf8'))]),
  );
}

const uid = (id: string) => `a81001-${id}@kickoff.invalid`;

function eventIn(generation: Generation, file: string, id: string): VEvent {
  const event = generation.get(file)?.get(uid(id));
  if (!event) throw new Error(`${file} has no event ${id}`);
  return event;
}

// ---------------------------------------------------------------- the report

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2027-04-12' → 'Mon 12 Apr 2027', worked out independently of kickoff. */
function long(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

interface JsonDates {
  readonly start: string;
  readonly end: string;
  readonly repeatsWeeklyUntil?: string;
}

/** How the report's table shows dates (README): one day, a range, or a weekly series. */
function describeDates(d: JsonDates): string {
  const first = long(d.start);
  const span =
    d.start === d.end
      ? first
      : `${d.start.slice(0, 4) === d.end.slice(0, 4) ? first.slice(0, -5) : first} – ${long(d.end)}`;
  return d.repeatsWeeklyUntil ? `${span}, weekly to ${long(d.repeatsWeeklyUntil).slice(4)}` : span;
}

/** A title as the 44-character table column shows it. */
function column(title: string): string {
  return title.length <= 44 ? title.padEnd(44) : `${title.slice(0, 43)}…`;
}

/** The table rows of moved items: lines with an arrow. */
function movedRows(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.includes('  →  '));
}

function rowFor(stdout: string, title: string): string | undefined {
  return movedRows(stdout).find((r) => r.startsWith(`  ${column(title)}  `));
}

interface ReportJson {
  practice: { name: string; ods: string };
  goLive: { before: string; after: string };
  moved: { id: string; title: string; pinned: boolean; before: JsonDates; after: JsonDates }[];
  added: { id: string }[];
  removed: { id: string }[];
  calendarEvents: { id: string; change: 'new' | 'updated' | 'cancelled'; sequence: number }[];
  diagnostics: { severity: string; code: string; itemId?: string }[];
  dryRun: boolean;
  written: string[];
}

interface ShowJson {
  goLive: string;
  events: { id: string; start: string; end: string; time?: string; status?: string; thirdParty?: string }[];
}

function show(dir: string): ShowJson {
  const run = kickoff(['show', '--json', '--today', '2026-11-25'], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ShowJson;
}

function expectOk(run: CliRun): void {
  expect(run.code, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(0);
}

// ---------------------------------------------------------------- the hand edits of the issue

const COMMENT_LINE = '      # Chris has booked the survey with the CSU.';
const DONE_LINE = '        status: done  # held early; minutes in the shared drive';
const NOTES_LINE = '        notes: Book the training room at the PCN hub.';
const OWN_ITEM = `      - id: practice-open-evening
        title: Open evening for patients about the new system
        type: meeting
        date: 2027-03-04
        time: "18:00"
        duration: 1h
        roles: [ practice-manager ]
        status: todo
`;
const PINNED_ITEM = `      - id: patient-posters
        title: Patient posters, website and PPG messages about online services and re-registration
        type: task
        date: 2027-03-05
        roles: [ practice-manager ]
        status: todo
        pinned: true
`;
const DELETED_ITEM = `      - id: go-live-reconfirmed
        title: Go-live date re-confirmed with the new supplier
        type: task
        date: 2027-04-07
        roles: [ project-manager, new-supplier ]
        status: todo
`;

/**
 * A comment above technical-survey; kick-off (Mon 18 Jan 2027) ticked done with a comment; a note on
 * training; patient-posters pinned from Wed 3 Mar to Fri 5 Mar 2027; an own item in the data phase;
 * go-live-reconfirmed deleted.
 */
function handEdit(text: string): string {
  let t = text;
  t = replaceOnce(t, '      - id: technical-survey\n', `${COMMENT_LINE}\n      - id: technical-survey\n`);
  t = replaceOnce(
    t,
    '        roles: [ project-manager, practice-manager, new-supplier, lead-gp, delivery-partner ]\n        status: todo\n',
    `        roles: [ project-manager, practice-manager, new-supplier, lead-gp, delivery-partner ]\n${DONE_LINE}\n`,
  );
  t = replaceOnce(
    t,
    '        roles: [ trainer, practice-staff, lead-gp ]\n        status: todo\n',
    `        roles: [ trainer, practice-staff, lead-gp ]\n        status: todo\n${NOTES_LINE}\n`,
  );
  t = replaceOnce(
    t,
    PINNED_ITEM.replace('2027-03-05', '2027-03-03').replace('        pinned: true\n', ''),
    PINNED_ITEM,
  );
  t = replaceOnce(
    t,
    '        roles: [ lead-gp, practice-manager, commissioner ]\n        status: todo\n',
    `        roles: [ lead-gp, practice-manager, commissioner ]\n        status: todo\n${OWN_ITEM}`,
  );
  t = replaceOnce(t, DELETED_ITEM, '');
  return t;
}

function editedCopy(): string {
  const dir = copyOf(pristine);
  writePlan(dir, handEdit(readPlan(dir)));
  return dir;
}

/**
 * The plan with every date (and list of dates) and the header's "Go-live … Scheduled by …" line
 * blanked, up to `published:`: what must stay byte for byte when the plan is re-planned.
 */
function withoutDates(plan: string): string {
  return (
    plan
      .slice(0, plan.indexOf('\npublished:'))
      .replace(/^# Go-live .* Scheduled by kickoff .*$/m, '# GO-LIVE LINE')
      // How many weeks move off a bank holiday depends on the dates too.
      .replace(/^(\s+moved: )\{[^}]*\}/gm, '$1MOVES')
      .replace(/\d{4}-\d{2}-\d{2}(?:, \d{4}-\d{2}-\d{2})*/g, 'DATE')
  );
}

/** One item's block in the plan, from its `- id:` line to the next item, phase or section. */
function itemBlock(plan: string, id: string): string {
  const start = plan.indexOf(`      - id: ${id}\n`);
  if (start === -1) throw new Error(`no item ${id} in the plan`);
  const rest = plan.slice(start);
  const next = rest.slice(1).search(/\n {6}- id: |\n\n|\n {6}# /);
  return rest.slice(0, next === -1 ? undefined : next + 2);
}

function expectEditsKept(plan: string): void {
  for (const line of [COMMENT_LINE, DONE_LINE, NOTES_LINE]) expect(plan.split('\n')).toContain(line);
  expect(plan).toContain(`${COMMENT_LINE}\n      - id: technical-survey\n`);
  expect(itemBlock(plan, 'kick-off')).toContain(`        date: 2027-01-18\n`);
  expect(itemBlock(plan, 'kick-off')).toContain(`${DONE_LINE}\n`);
  expect(itemBlock(plan, 'training')).toContain(`${NOTES_LINE}\n`);
  expect(plan).toContain(PINNED_ITEM);
  expect(plan).toContain(OWN_ITEM);
  expect(plan).not.toContain('- id: go-live-reconfirmed');
  expect(plan).toMatch(/^ {2}go-live-reconfirmed: \{ .*cancelled: true \}$/m);
}

function expectItemsKept(dir: string, goLive: string): void {
  const shown = show(dir);
  const byId = new Map(shown.events.map((e) => [e.id, e]));
  expect(shown.goLive).toBe(goLive);
  expect(byId.get('go-live')).toMatchObject({ start: goLive, end: goLive });
  expect(byId.get('kick-off')).toMatchObject({ start: '2027-01-18', status: 'done' });
  expect(byId.get('patient-posters')).toMatchObject({ start: '2027-03-05', end: '2027-03-05' });
  expect(byId.get('practice-open-evening')).toMatchObject({ start: '2027-03-04', time: '18:00' });
  expect(byId.has('go-live-reconfirmed')).toBe(false);
}

// ---------------------------------------------------------------- the tests

describe('kickoff schedule, on a plan a person has edited', () => {
  it('moves go-live twice, keeping every edit, and the calendars keep their events', () => {
    const dir = copyOf(pristine);
    const generation1 = readCalendars(dir);
    const edited = handEdit(readPlan(dir));
    writePlan(dir, edited);

    // ---- generation 2: go-live Mon 19 Apr → Mon 12 Apr 2027
    const first = kickoff(['schedule', '--go-live', '2027-04-12', '--today', '2026-11-26'], { cwd: dir });
    expectOk(first);
    const plan2 = readPlan(dir);
    expectEditsKept(plan2);
    expect(withoutDates(plan2)).toBe(withoutDates(edited));
    expect(plan2).toContain(
      `# Go-live Mon 12 Apr 2027. Scheduled by kickoff ${VERSION} on 2026-11-26 from template nhs-england-gp 1.1.0.\n`,
    );
    expect(plan2).toMatch(/^scheduled: 2026-11-26$/m);
    expect(plan2).toMatch(/^ {2}goLive: 2027-04-12$/m);
    expectItemsKept(dir, '2027-04-12');

    expect(first.stdout).toContain('go-live moves from Mon 19 Apr 2027 to Mon 12 Apr 2027.');
    expect(rowFor(first.stdout, 'Go live on the new clinical system')).toMatch(
      /Mon 19 Apr 2027 +→ {2}Mon 12 Apr 2027$/,
    );
    // Final data production is go-live - 3 working days: Wed 14 Apr → Wed 7 Apr 2027.
    expect(rowFor(first.stdout, 'Final data production (users logged off; cutover starts)')).toMatch(
      /Wed 14 Apr 2027 +→ {2}Wed 7 Apr 2027$/,
    );
    for (const kept of [
      'Kick-off meeting',
      'Patient posters, website and PPG messages about online services and re-registration',
      'Open evening for patients about the new system',
    ])
      expect(rowFor(first.stdout, kept), kept).toBeUndefined();
    expect(first.stdout).toContain('Pinned, so not moved: Patient posters, website and PPG messages');
    expect(first.stdout).toContain('calendar events: 93 updated, 1 new, 1 cancelled');
    // Diagnostics go to stderr, the report to stdout.
    expect(first.stderr).toContain('[schedule.pinned_differs]');
    expect(first.stdout).not.toContain('[schedule.');

    const generation2 = readCalendars(dir);
    expectValidCalendars(calendarFiles(dir));

    // ---- generation 3: go-live Mon 12 Apr → Mon 10 May 2027
    const second = kickoff(['schedule', '--go-live', '2027-05-10', '--today', '2026-11-27'], { cwd: dir });
    expectOk(second);
    const plan3 = readPlan(dir);
    expectEditsKept(plan3);
    expect(withoutDates(plan3)).toBe(withoutDates(edited));
    expect(plan3).toContain(
      `# Go-live Mon 10 May 2027. Scheduled by kickoff ${VERSION} on 2026-11-27 from template nhs-england-gp 1.1.0.\n`,
    );
    expect(plan3).toMatch(/^scheduled: 2026-11-27$/m);
    expect(plan3).toMatch(/^ {2}goLive: 2027-05-10$/m);
    // The weekly meeting now runs to go-live + 45 days (Thu 24 Jun); the weeks of Easter Monday and
    // the early May and spring bank holidays meet on the Tuesday.
    expect(itemBlock(plan3, 'weekly-migration-meeting')).toContain(
      '        repeatsWeeklyUntil: 2027-06-24\n        moved: { 2027-03-29: 2027-03-30, 2027-05-03: 2027-05-04, 2027-05-31: 2027-06-01 }\n',
    );
    expectItemsKept(dir, '2027-05-10');

    expect(second.stdout).toContain('go-live moves from Mon 12 Apr 2027 to Mon 10 May 2027.');
    expect(rowFor(second.stdout, 'Go live on the new clinical system')).toMatch(
      /Mon 12 Apr 2027 +→ {2}Mon 10 May 2027$/,
    );
    expect(rowFor(second.stdout, 'Final data production (users logged off; cutover starts)')).toMatch(
      /Wed 7 Apr 2027 +→ {2}Wed 5 May 2027$/,
    );
    expect(rowFor(second.stdout, 'Weekly migration meeting')).toMatch(
      /Mon 25 Jan 2027, weekly to 27 May 2027 +→ {2}Mon 25 Jan 2027, weekly to 24 Jun 2027$/,
    );
    expect(rowFor(second.stdout, 'Kick-off meeting')).toBeUndefined();

    const generation3 = readCalendars(dir);
    expectValidCalendars(calendarFiles(dir));

    // ---- the calendars across the three generations
    for (const [file, events] of generation1) {
      for (const later of [generation2, generation3]) {
        const kept = later.get(file);
        expect(kept, file).toBeDefined();
        for (const id of events.keys()) expect(kept!.has(id), `${file} ${id}`).toBe(true);
      }
    }
    for (const later of [generation2, generation3]) {
      for (const file of [EVERYTHING, PROJECT_MANAGER]) {
        expect(eventIn(later, file, 'go-live-reconfirmed').status).toBe('CANCELLED');
        expect(eventIn(later, file, 'go-live-reconfirmed').sequence).toBe(1);
      }
      expect(eventIn(later, EVERYTHING, 'practice-open-evening')).toMatchObject({
        status: 'CONFIRMED',
        sequence: 0,
        dtstart: '20270304T180000',
        dtstamp: '20261126T000000Z',
      });
    }
    const gens = [generation1, generation2, generation3];
    expect(gens.map((g) => eventIn(g, EVERYTHING, 'go-live').sequence)).toEqual([0, 1, 2]);
    expect(gens.map((g) => eventIn(g, EVERYTHING, 'go-live').dtstart)).toEqual([
      '20270419',
      '20270412',
      '20270510',
    ]);
    // DTSTAMP is the day of the event's last revision.
    expect(gens.map((g) => eventIn(g, EVERYTHING, 'go-live').dtstamp)).toEqual([
      '20261125T000000Z',
      '20261126T000000Z',
      '20261127T000000Z',
    ]);
    for (const g of gens) {
      // The done item: unchanged, so never revised.
      expect(eventIn(g, EVERYTHING, 'kick-off')).toMatchObject({
        sequence: 0,
        dtstamp: '20261125T000000Z',
        dtstart: '20270118T100000',
        status: 'CONFIRMED',
      });
    }
    // The pinned item changed once (by hand, published in generation 2), then stayed.
    expect(gens.map((g) => eventIn(g, EVERYTHING, 'patient-posters').sequence)).toEqual([0, 1, 1]);
    expect(gens.map((g) => eventIn(g, EVERYTHING, 'patient-posters').dtstart)).toEqual([
      '20270303',
      '20270305',
      '20270305',
    ]);
    // The same go-live event, with its revision, in every role calendar that has it.
    for (const [file, events] of generation3) {
      const goLive = events.get(uid('go-live'));
      if (goLive) expect(goLive.sequence, file).toBe(2);
    }
  }, 90_000); // a dozen runs of the built binary

  it('--json prints the same moves as the table, and goLive before and after', () => {
    const [textDir, jsonDir] = [editedCopy(), editedCopy()];
    const args = ['schedule', '--go-live', '2027-04-12', '--today', '2026-11-26'];
    const text = kickoff(args, { cwd: textDir });
    const json = kickoff([...args, '--json'], { cwd: jsonDir });
    expectOk(text);
    expectOk(json);
    const report = JSON.parse(json.stdout) as ReportJson;

    expect(report.practice).toMatchObject({ name: 'The Densham Surgery', ods: 'A81001' });
    expect(report.goLive).toEqual({ before: '2027-04-19', after: '2027-04-12' });
    expect(report.dryRun).toBe(false);
    expect(report.moved.find((m) => m.id === 'go-live')).toEqual({
      id: 'go-live',
      title: 'Go live on the new clinical system',
      pinned: false,
      before: { start: '2027-04-19', end: '2027-04-19' },
      after: { start: '2027-04-12', end: '2027-04-12' },
    });
    const ids = report.moved.map((m) => m.id);
    for (const id of ['kick-off', 'patient-posters', 'practice-open-evening', 'go-live-reconfirmed'])
      expect(ids).not.toContain(id);

    // Row by row, the table says what the JSON says.
    const rows = movedRows(text.stdout);
    expect(text.stdout).toContain(`${report.moved.length} item(s) move:`);
    expect(rows).toHaveLength(report.moved.length);
    report.moved.forEach((move, i) => {
      const row = rows[i]!;
      expect(row.startsWith(`  ${column(move.title)}  ${describeDates(move.before)}  `), row).toBe(true);
      expect(row.endsWith(`  →  ${describeDates(move.after)}`), row).toBe(true);
    });

    const count = (change: string) => report.calendarEvents.filter((e) => e.change === change).length;
    expect(text.stdout).toContain(
      `calendar events: ${count('updated')} updated, ${count('new')} new, ${count('cancelled')} cancelled`,
    );
    expect(report.calendarEvents).toContainEqual({ id: 'practice-open-evening', change: 'new', sequence: 0 });
    expect(report.calendarEvents).toContainEqual({
      id: 'go-live-reconfirmed',
      change: 'cancelled',
      sequence: 1,
    });
    expect(report.calendarEvents).toContainEqual({ id: 'go-live', change: 'updated', sequence: 1 });
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'schedule.pinned_differs', itemId: 'patient-posters' }),
    );
    expect(report.written[0]).toBe(`./${PLAN}`);
    expect(report.written.slice(1).sort()).toEqual(
      calendarFiles(jsonDir).map((f) => f.replace(`${jsonDir}/`, '')),
    );
    // --json changes what is printed, not what is written.
    expect(contents(jsonDir)).toEqual(contents(textDir));
  });

  it('--dry-run reports the moves and writes nothing', () => {
    const dir = editedCopy();
    ageFiles(dir);
    const before = snapshot(dir);
    const args = ['schedule', '--go-live', '2027-04-12', '--today', '2026-11-26'];

    const dry = kickoff([...args, '--dry-run'], { cwd: dir });
    expectOk(dry);
    expect(rowFor(dry.stdout, 'Go live on the new clinical system')).toMatch(
      /Mon 19 Apr 2027 +→ {2}Mon 12 Apr 2027$/,
    );
    expect(dry.stdout).toContain('Dry run: nothing written.');
    expect(dry.stdout).toContain('calendar events: 93 updated, 1 new, 1 cancelled');
    const dryJson = kickoff([...args, '--dry-run', '--json'], { cwd: dir });
    expectOk(dryJson);
    const report = JSON.parse(dryJson.stdout) as ReportJson;
    expect(report.dryRun).toBe(true);
    expect(report.written).toEqual([]);
    expect(report.moved.length).toBe(movedRows(dry.stdout).length);
    expect(report.moved.length).toBeGreaterThan(0);

    // Same bytes, same mtimes, no new files (not even a temp file).
    expect(snapshot(dir)).toEqual(before);

    // The dry run said what the real run then does.
    const real = kickoff(args, { cwd: dir });
    expectOk(real);
    const body = (out: string) => out.split('\n').slice(0, -2).join('\n');
    expect(body(dry.stdout)).toBe(body(real.stdout));
    expect(readPlan(dir)).not.toBe(before.get(PLAN)!.text);
  });

  it('a second run with the same go-live and today leaves plan and calendars byte-identical', () => {
    const dir = editedCopy();
    const args = ['schedule', '--go-live', '2027-04-12', '--today', '2026-11-26'];
    expectOk(kickoff(args, { cwd: dir }));
    const once = contents(dir);
    ageFiles(dir);
    const planMtime = statSync(join(dir, PLAN)).mtimeMs;

    const again = kickoff(args, { cwd: dir });
    expectOk(again);
    expect(contents(dir)).toEqual(once);
    expect(statSync(join(dir, PLAN)).mtimeMs).toBe(planMtime);
    expect(again.stdout).toContain('No dates move.');
    expect(again.stdout).toContain(`./${PLAN} unchanged`);
    expect(again.stdout).toContain('calendar events: 0 updated, 0 new, 0 cancelled');
  });
});

describe('kickoff calendar', () => {
  it('gives the same bytes for an unchanged plan, and revises only the event whose title changed', () => {
    const dir = copyOf(pristine);
    const original = contents(dir);

    for (const today of ['2026-12-01', '2026-12-05']) {
      ageFiles(dir);
      const planMtime = statSync(join(dir, PLAN)).mtimeMs;
      const run = kickoff(['calendar', '--today', today], { cwd: dir });
      expectOk(run);
      expect(contents(dir)).toEqual(original);
      expect(statSync(join(dir, PLAN)).mtimeMs, 'the plan is not rewritten').toBe(planMtime);
    }

    const before = readCalendars(dir);
    const edited = replaceOnce(
      readPlan(dir),
      'title: Technical survey (hardware, network, third-party compatibility)',
      'title: Technical survey with the CSU',
    );
    writePlan(dir, edited);
    const run = kickoff(['calendar', '--today', '2026-12-07'], { cwd: dir });
    expectOk(run);
    expect(`${run.stdout}${run.stderr}`).toContain('technical-survey');

    const after = readCalendars(dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, events] of before) {
      const now = after.get(file)!;
      expect([...now.keys()].sort(), file).toEqual([...events.keys()].sort());
      for (const [id, event] of events) {
        if (id === uid('technical-survey')) continue;
        expect(now.get(id)!.text, `${file} ${id}`).toBe(event.text);
      }
      const survey = now.get(uid('technical-survey'));
      if (survey) {
        expect(survey).toMatchObject({
          sequence: 1,
          dtstamp: '20261207T000000Z',
          summary: 'Technical survey with the CSU — The Densham Surgery (A81001)',
        });
      }
    }
    expect(after.get(EVERYTHING)!.has(uid('technical-survey'))).toBe(true);

    // Only the published record of that one event changes in the plan.
    const plan = readPlan(dir);
    const [was, now] = [edited.split('\n'), plan.split('\n')];
    expect(now).toHaveLength(was.length);
    const changed = now.flatMap((line, i) => (line === was[i] ? [] : [line]));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(
      /^ {2}technical-survey: \{ sequence: 1, since: 2026-12-07, .*title: Technical survey with the CSU, /,
    );
    expect(plan.indexOf(changed[0]!)).toBeGreaterThan(plan.indexOf('\npublished:'));

    // And once recorded, running it again changes nothing.
    const settled = contents(dir);
    expectOk(kickoff(['calendar', '--today', '2026-12-08'], { cwd: dir }));
    expect(contents(dir)).toEqual(settled);
  });

  it('publishes a status: not-needed item as cancelled, keeping its UID', () => {
    const dir = copyOf(pristine);
    const text = replaceOnce(
      readPlan(dir),
      '        roles: [ trainer, practice-manager, project-manager ]\n        status: todo\n',
      '        roles: [ trainer, practice-manager, project-manager ]\n        status: not-needed  # covered at kick-off\n',
    );
    writePlan(dir, text);
    expectOk(kickoff(['calendar', '--today', '2026-12-01'], { cwd: dir }));
    const calendars = readCalendars(dir);
    for (const file of [EVERYTHING, PROJECT_MANAGER, 'a81001-trainer.ics', 'a81001-practice-manager.ics']) {
      expect(eventIn(calendars, file, 'training-needs-meeting'), file).toMatchObject({
        status: 'CANCELLED',
        sequence: 1,
        dtstamp: '20261201T000000Z',
      });
    }
    const plan = readPlan(dir);
    expect(plan).toContain('        status: not-needed  # covered at kick-off\n');
    expect(plan).toMatch(
      /^ {2}training-needs-meeting: \{ sequence: 1, since: 2026-12-01, .*cancelled: true \}$/m,
    );
  });
});

interface BadEdit {
  readonly name: string;
  /** The edited plan, the line and (when it is known exactly) the column of the mistake. */
  readonly edit: (plan: string) => { text: string; line: number; column?: number };
  readonly message: string;
}

const BAD_EDITS: readonly BadEdit[] = [
  {
    name: 'a YAML syntax error (an unclosed flow bracket)',
    edit: (plan) => {
      const broken = '        roles: [ lead-gp, practice-manager, commissioner';
      const text = replaceOnce(plan, `${broken} ]\n`, `${broken}\n`);
      return { text, line: lineNumber(text, broken) };
    },
    message: 'not valid YAML',
  },
  {
    name: 'an unknown key in an item',
    edit: (plan) => {
      const text = replaceOnce(
        plan,
        '        date: 2027-01-21\n',
        '        date: 2027-01-21\n        colour: red\n',
      );
      return { text, line: lineNumber(text, '        colour: red'), column: 9 };
    },
    message: 'colour is not a key kickoff knows',
  },
  {
    name: 'a date that does not exist',
    edit: (plan) => {
      const text = replaceOnce(plan, '        date: 2027-01-21\n', '        date: 2027-02-30\n');
      return { text, line: lineNumber(text, '        date: 2027-02-30'), column: 15 };
    },
    message: 'date is not a real date: Feb 2027 has 28 days',
  },
  {
    name: 'a pinned item whose date line was deleted',
    edit: (plan) => {
      const text = replaceOnce(
        plan,
        '      - id: technical-survey\n        title: Technical survey (hardware, network, third-party compatibility)\n        type: meeting\n        date: 2027-01-21\n',
        '      - id: technical-survey\n        title: Technical survey (hardware, network, third-party compatibility)\n        type: meeting\n        pinned: true\n',
      );
      return { text, line: lineNumber(text, '      - id: technical-survey'), column: 13 };
    },
    message: 'item "technical-survey" has no date, but is pinned',
  },
  {
    name: 'an item copied without a new id',
    edit: (plan) => {
      const block = itemBlock(plan, 'technical-survey');
      const text = replaceOnce(
        plan,
        block,
        `${block}${block.replace('date: 2027-01-21', 'date: 2027-01-22')}`,
      );
      const first = lineNumber(plan, '      - id: technical-survey');
      return { text, line: first + block.split('\n').length - 1, column: 13 };
    },
    message: 'two items have the id "technical-survey"',
  },
];

describe('mistakes in a hand-edited plan', () => {
  it.each(BAD_EDITS)('$name: exit 1, file:line:col on stderr, nothing written', ({ edit, message }) => {
    const dir = copyOf(pristine);
    const { text, line, column: col } = edit(readPlan(dir));
    writePlan(dir, text);
    ageFiles(dir);
    const before = snapshot(dir);
    const where = col === undefined ? `${PLAN}:${line}:` : `${PLAN}:${line}:${col}`;
    for (const args of [
      ['schedule', '--go-live', '2027-04-12', '--today', '2026-11-26'],
      ['calendar', '--today', '2026-11-26'],
    ]) {
      const run = kickoff(args, { cwd: dir });
      expect(run.code, `${args[0]}: ${run.stderr}`).toBe(1);
      expect.soft(run.stderr, args[0]).toContain(where);
      expect(run.stderr, args[0]).toContain(message);
      expect(run.stdout, args[0]).toBe('');
      expect(snapshot(dir), args[0]).toEqual(before);
    }
  });

  it('refuses a plan from a newer kickoff and leaves it alone', () => {
    const dir = copyOf(pristine);
    writePlan(dir, replaceOnce(readPlan(dir), '\nformat: 1\n', '\nformat: 99\n'));
    ageFiles(dir);
    const before = snapshot(dir);
    for (const args of [
      ['schedule', '--today', '2026-11-26'],
      ['calendar', '--today', '2026-11-26'],
    ]) {
      const run = kickoff(args, { cwd: dir });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('written by a newer kickoff');
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('refuses --go-live 2027-02-30 as a usage error and leaves the plan alone', () => {
    const dir = copyOf(pristine);
    ageFiles(dir);
    const before = snapshot(dir);
    const run = kickoff(['schedule', '--go-live', '2027-02-30', '--today', '2026-11-26'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Feb 2027 has 28 days');
    expect(snapshot(dir)).toEqual(before);
  });
});

const SCREENING_IDS = [
  'screening-notice',
  'screening-reminder-week-before',
  'screening-switch-off',
  'screening-reminder-on-the-day',
  'screening-reconnect',
  'screening-reconnect-week-before',
  'screening-reconnect-on-the-day',
];
const PHARMACY_IDS = SCREENING_IDS.map((id) => id.replace('screening', 'pharmacies'));

function setParties(dir: string, change: (parties: string) => string): void {
  const plan = readPlan(dir);
  const match = /\n {2}thirdParties:\n((?: {4}- .*\n)+)/.exec(plan);
  if (!match) throw new Error('no answers.thirdParties in the plan');
  writePlan(dir, plan.replace(match[1]!, change(match[1]!)));
}

const addScreening = (dir: string) =>
  setParties(dir, (p) => replaceOnce(p, '    - pathology\n', '    - pathology\n    - screening\n'));

describe('third parties in the answers', () => {
  it('adding one adds its items to the plan and calendars; removing one cancels its items', () => {
    const dir = copyOf(pristine);
    addScreening(dir);
    const add = kickoff(['schedule', '--today', '2026-11-26'], { cwd: dir });
    expectOk(add);
    expect(add.stdout).toContain(
      'Added: Screening services (bowel, breast, diabetic eye): links switched off for the cutover (Mon 12 Apr 2027).',
    );
    expect(add.stdout).toContain('calendar events: 0 updated, 7 new, 0 cancelled');

    const shown = new Map(show(dir).events.map((e) => [e.id, e]));
    // Switch-off: final data production (Wed 14 Apr) - 2 days; notice: 5 weeks before that;
    // reconnect: go-live (Mon 19 Apr) + 1 working day.
    expect(shown.get('screening-switch-off')).toMatchObject({ start: '2027-04-12', thirdParty: 'screening' });
    expect(shown.get('screening-notice')).toMatchObject({ start: '2027-03-08', thirdParty: 'screening' });
    expect(shown.get('screening-reconnect')).toMatchObject({ start: '2027-04-20', thirdParty: 'screening' });
    for (const id of SCREENING_IDS) expect(shown.has(id), id).toBe(true);
    const added = readCalendars(dir);
    for (const id of SCREENING_IDS) {
      for (const file of [EVERYTHING, PROJECT_MANAGER])
        expect(eventIn(added, file, id), `${file} ${id}`).toMatchObject({ status: 'CONFIRMED', sequence: 0 });
    }
    expect(eventIn(added, EVERYTHING, 'go-live').sequence).toBe(0);

    setParties(dir, (p) => p.replace('    - screening\n', '').replace('    - pharmacies\n', ''));
    const remove = kickoff(['schedule', '--today', '2026-11-27'], { cwd: dir });
    expectOk(remove);
    expect(remove.stdout).toContain('calendar events: 0 updated, 0 new, 14 cancelled');
    expect(remove.stdout).toContain(
      'Removed: Screening services (bowel, breast, diabetic eye): links switched off for the cutover',
    );
    const left = show(dir).events;
    expect(left.filter((e) => e.thirdParty === 'screening' || e.thirdParty === 'pharmacies')).toEqual([]);
    const plan = readPlan(dir);
    expect(plan).not.toMatch(/- id: (screening|pharmacies)-/);
    const removed = readCalendars(dir);
    for (const id of [...SCREENING_IDS, ...PHARMACY_IDS]) {
      expect(plan).toMatch(
        new RegExp(`^ {2}${id}: \\{ sequence: 1, since: 2026-11-27, .*cancelled: true \\}$`, 'm'),
      );
      for (const file of [EVERYTHING, PROJECT_MANAGER])
        expect(eventIn(removed, file, id), `${file} ${id}`).toMatchObject({
          status: 'CANCELLED',
          sequence: 1,
          dtstamp: '20261127T000000Z',
        });
    }
    expectValidCalendars([join(dir, CALENDARS, EVERYTHING), join(dir, CALENDARS, PROJECT_MANAGER)]);
  });

  it('adding a third party back after removing it brings its items back', () => {
    const dir = copyOf(pristine);
    addScreening(dir);
    expectOk(kickoff(['schedule', '--today', '2026-11-26'], { cwd: dir }));
    setParties(dir, (p) => p.replace('    - screening\n', ''));
    expectOk(kickoff(['schedule', '--today', '2026-11-27'], { cwd: dir }));
    addScreening(dir);
    const back = kickoff(['schedule', '--today', '2026-11-28'], { cwd: dir });
    expectOk(back);

    const shown = show(dir).events.filter((e) => e.thirdParty === 'screening');
    expect(shown.map((e) => e.id).sort()).toEqual([...SCREENING_IDS].sort());
    const calendars = readCalendars(dir);
    for (const id of SCREENING_IDS)
      expect(eventIn(calendars, EVERYTHING, id), id).toMatchObject({ status: 'CONFIRMED', sequence: 2 });
  });
});

describe('a date changed by hand without pinned: true', () => {
  const MOVED_BY_HAND = (text: string) =>
    replaceOnce(
      text,
      '      - id: training-needs-meeting\n        title: Training needs meeting (individual needs, schedule, smartcard roles)\n        type: meeting\n        date: 2027-02-01\n',
      '      - id: training-needs-meeting\n        title: Training needs meeting (individual needs, schedule, smartcard roles)\n        type: meeting\n        date: 2027-02-03\n',
    );

  it('is kept and pinned by schedule, with a note saying so, not put back', () => {
    const dir = copyOf(pristine);
    writePlan(dir, MOVED_BY_HAND(readPlan(dir)));
    const run = kickoff(['schedule', '--go-live', '2027-04-26', '--today', '2026-11-26'], { cwd: dir });
    expectOk(run);
    expect(run.stderr).toContain(
      '"Training needs meeting (individual needs, schedule, smartcard roles)" was changed by hand from Mon 1 Feb 2027 to Wed 3 Feb 2027; kickoff kept it and pinned it',
    );
    const plan = readPlan(dir);
    expect(itemBlock(plan, 'training-needs-meeting')).toContain(
      '        date: 2027-02-03\n        pinned: true   # changed by hand from 2027-02-01; kept by kickoff on 2026-11-26\n',
    );
    // Everything else moved a week with go-live; the kick-off, 13 weeks before, too.
    expect(itemBlock(plan, 'kick-off')).toContain('date: 2027-01-25');
    // A second run has nothing more to say about it.
    const again = kickoff(['schedule', '--today', '2026-11-27'], { cwd: dir });
    expectOk(again);
    expect(again.stderr).not.toContain('changed by hand');
    expect(readPlan(dir)).toBe(plan);
  });

  it('is pinned by calendar too, so a later schedule cannot put it back', () => {
    const dir = copyOf(pristine);
    writePlan(dir, MOVED_BY_HAND(readPlan(dir)));
    const run = kickoff(['calendar', '--today', '2026-11-26'], { cwd: dir });
    expectOk(run);
    expect(run.stderr).toContain('was changed by hand from Mon 1 Feb 2027 to Wed 3 Feb 2027');
    expect(itemBlock(readPlan(dir), 'training-needs-meeting')).toContain(
      '        pinned: true   # changed by hand',
    );
    expectOk(kickoff(['schedule', '--go-live', '2027-04-26', '--today', '2026-11-27'], { cwd: dir }));
    expect(itemBlock(readPlan(dir), 'training-needs-meeting')).toContain('        date: 2027-02-03\n');
  });
});

describe('a stale plan', () => {
  it('is noticed by show and calendar when goLive was edited by hand, until schedule runs', () => {
    const dir = copyOf(pristine);
    writePlan(dir, replaceOnce(readPlan(dir), '  goLive: 2027-04-19\n', '  goLive: 2027-05-10\n'));
    const shown = kickoff(['show', '--today', '2026-11-26'], { cwd: dir });
    expect(shown.stderr).toContain('[plan.stale]');
    expect(shown.stderr).toContain(
      'answers.goLive is Mon 10 May 2027, but "Go live on the new clinical system" is on Mon 19 Apr 2027',
    );
    expect(shown.stderr).toContain('Run kickoff schedule');
    expect(shown.stderr).not.toContain('[plan.stale_items]'); // said once, not twice
    const json = JSON.parse(kickoff(['show', '--json', '--today', '2026-11-26'], { cwd: dir }).stdout) as {
      diagnostics: { code: string }[];
    };
    expect(json.diagnostics.map((d) => d.code)).toContain('plan.stale');
    expectOk(kickoff(['schedule', '--today', '2026-11-26'], { cwd: dir }));
    expect(kickoff(['show', '--today', '2026-11-26'], { cwd: dir }).stderr).not.toContain('plan.stale');
  });

  it('is noticed when a third party was added to the answers and schedule not run', () => {
    const dir = copyOf(pristine);
    addScreening(dir);
    const shown = kickoff(['show', '--today', '2026-11-26'], { cwd: dir });
    expect(shown.stderr).toContain('[plan.stale_items]');
    expect(shown.stderr).toContain('item(s) would change ("Last day to give Screening services');
    expect(kickoff(['calendar', '--today', '2026-11-26'], { cwd: dir }).stderr).toContain(
      '[plan.stale_items]',
    );
    expectOk(kickoff(['schedule', '--today', '2026-11-26'], { cwd: dir }));
    expect(kickoff(['show', '--today', '2026-11-26'], { cwd: dir }).stderr).not.toContain('plan.stale');
  });

  it('is not reported for a plan that matches its answers', () => {
    const dir = copyOf(pristine);
    expect(kickoff(['show', '--today', '2026-11-26'], { cwd: dir }).stderr).not.toContain('plan.stale');
  });
});
