/**
 * The plan stays true through any sequence of what people do to it (issue 21): ticks, pins,
 * unpins, hand edits, go-live moves, sheets exported, edited and imported, and undos, through the
 * use cases the commands call (the one edit path, the history, the three-way import).
 * - n undos after n changes give back the first plan byte for byte, but for the calendars' record,
 *   whose sequences only ever go up;
 * - importing an unchanged sheet, however old, never changes a status;
 * - no sequence leaves a pinned item after go-live while `check` finds no error.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/adapters/plan-file/read.js';
import { exportPlan } from '../../src/app/export-plan.js';
import { importActionList } from '../../src/app/import-sheet.js';
import { pinItem, unpinItem } from '../../src/app/pin-item.js';
import { undoChange } from '../../src/app/plan-history.js';
import { publishCalendars } from '../../src/app/publish-calendars.js';
import { readPracticePlan } from '../../src/app/read-plan.js';
import { replanPractice } from '../../src/app/replan-practice.js';
import { tickItems } from '../../src/app/tick-items.js';
import { loadWorkspace, type Workspace } from '../../src/app/workspace.js';
import { KickoffError } from '../../src/errors.js';
import { examplePlan, tempDir } from '../helpers/cli.js';
import { runs } from '../setup/fast-check.js';

const TODAY = '2026-11-25';
let pristine: string;
let workspace: Workspace;

beforeAll(async () => {
  pristine = examplePlan('kickoff-living-property-', TODAY);
  workspace = await loadWorkspace();
}, 120_000);

const ITEMS = [
  'kick-off',
  'technical-survey',
  'rooms-booked',
  'training',
  'hardware-installed',
  'eps-notice',
];
const DATES = ['2027-02-10', '2027-03-03', '2027-04-14', '2027-05-20', '2027-06-15'];
const GO_LIVES = ['2027-04-19', '2027-05-17', '2027-06-21', '2027-03-29'];

type Step =
  | { readonly kind: 'tick'; readonly id: string; readonly status: string }
  | { readonly kind: 'pin'; readonly id: string; readonly date: string }
  | { readonly kind: 'unpin'; readonly id: string }
  | { readonly kind: 'hand-edit'; readonly id: string; readonly date: string }
  | { readonly kind: 'go-live'; readonly date: string }
  | { readonly kind: 'sheet'; readonly id: string; readonly status: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('tick' as const),
    id: fc.constantFrom(...ITEMS),
    status: fc.constantFrom('done', 'doing', 'todo'),
  }),
  fc.record({
    kind: fc.constant('pin' as const),
    id: fc.constantFrom(...ITEMS),
    date: fc.constantFrom(...DATES),
  }),
  fc.record({ kind: fc.constant('unpin' as const), id: fc.constantFrom(...ITEMS) }),
  fc.record({
    kind: fc.constant('hand-edit' as const),
    id: fc.constantFrom(...ITEMS),
    date: fc.constantFrom(...DATES),
  }),
  fc.record({ kind: fc.constant('go-live' as const), date: fc.constantFrom(...GO_LIVES) }),
  fc.record({
    kind: fc.constant('sheet' as const),
    id: fc.constantFrom(...ITEMS),
    status: fc.constantFrom('done', 'not-needed'),
  }),
);

interface Run {
  readonly dir: string;
  readonly file: string;
  readonly options: { readonly workspace: Workspace; readonly today: string };
}

const planText = (r: Run) => readFileSync(r.file, 'utf8');
/** The plan without its calendars' record (undo moves that forward, never back). */
const beforeRecord = (text: string) => text.slice(0, text.indexOf('\npublished:'));

function sequences(r: Run): Map<string, number> {
  const stored = parsePlan(planText(r), r.file, workspace.template);
  return new Map((stored.published ?? []).map((e) => [e.id, e.sequence]));
}

function statuses(r: Run): Map<string, string | undefined> {
  const stored = parsePlan(planText(r), r.file, workspace.template);
  return new Map(stored.plan.items.map((i) => [i.id, i.status]));
}

/**
 * One step; the plan's text just before kickoff changed it (a change `undo` can take back), or
 * undefined when kickoff did not change it. A hand edit is the person's, not kickoff's: what undo
 * goes back to is the edited text.
 */
async function apply(r: Run, s: Step): Promise<string | undefined> {
  let before = planText(r);
  try {
    if (s.kind === 'tick') await tickItems(r.file, { ...r.options, ids: [s.id], status: s.status });
    else if (s.kind === 'pin') await pinItem(r.file, s.id, s.date, r.options);
    else if (s.kind === 'unpin') await unpinItem(r.file, s.id, r.options);
    else if (s.kind === 'go-live') await replanPractice(r.file, { goLive: s.date }, r.options);
    else if (s.kind === 'hand-edit') {
      // A date typed over in kickoff.yaml, then kickoff calendar (which keeps and pins it).
      const text = before.replace(
        new RegExp(`(\\n {6}- id: ${s.id}\\n(?: {8}.*\\n)*? {8})date: \\d{4}-\\d\\d-\\d\\d`),
        `$1date: ${s.date}`,
      );
      if (text === before) return undefined;
      writeFileSync(r.file, text);
      before = text;
      await publishCalendars(r.file, r.options);
    } else {
      // A sheet exported now, one status changed in it, imported back.
      const sheet = join(r.dir, 'sheet.csv');
      await exportPlan(r.file, { ...r.options, format: 'csv', out: sheet });
      const rows = readFileSync(sheet, 'utf8').split('\r\n');
      const header = rows[0]!.replace(/^\uFEFF/, '').split(',');
      const status = header.indexOf('Status');
      const row = rows.findIndex((line) => line.startsWith(`${s.id},`));
      if (row < 0) return undefined;
      const cells = rows[row]!.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      cells[status] = s.status;
      rows[row] = cells.join(',');
      writeFileSync(sheet, rows.join('\r\n'));
      await importActionList(sheet, r.file, r.options);
    }
  } catch (error) {
    // A step people may not take (an anchor not-needed, a date after go-live for the kick-off…):
    // refused with a message, and the plan left as it was.
    if (!(error instanceof KickoffError)) throw error;
    expect(planText(r)).toBe(before);
    return undefined;
  }
  return planText(r) !== before ? before : undefined;
}

describe('the living plan, through any sequence of changes', () => {
  it('undoes every change back to the first plan, its calendars only ever moving forward', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
        const dir = tempDir('kickoff-living-run-');
        cpSync(pristine, dir, { recursive: true });
        const r: Run = { dir, file: join(dir, 'kickoff.yaml'), options: { workspace, today: TODAY } };
        let first: string | undefined;
        const highest = sequences(r);
        const rise = () => {
          for (const [id, n] of sequences(r)) {
            expect(n, id).toBeGreaterThanOrEqual(highest.get(id) ?? 0);
            highest.set(id, n);
          }
        };
        let changes = 0;
        for (const s of steps) {
          const replaced = await apply(r, s);
          if (replaced !== undefined) {
            first ??= replaced;
            changes += 1;
          }
          rise();
          // A pinned item after go-live is never a plan check passes.
          const read = await readPracticePlan(r.file, r.options);
          const pinnedLate = read.plan.items.some(
            (i) =>
              i.origin === 'pinned' &&
              i.start > read.plan.answers.goLive &&
              i.status !== 'done' &&
              i.status !== 'not-needed' &&
              read.plan.phases.findIndex((p) => p.id === i.phase) <
                read.plan.phases.findIndex((p) => p.id === 'go-live'),
          );
          if (pinnedLate) expect(read.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        }
        // A change that only brought the calendars' record up to date is passed over by undo, so
        // fewer undos may do: the rest find nothing left, and leave the plan as it is.
        for (let n = 0; n < changes; n += 1) {
          const undone = await undoChange(r.file, { ...r.options, force: true }).catch((error: unknown) => {
            if (error instanceof KickoffError && /Nothing to undo/.test(error.message)) return undefined;
            throw error;
          });
          rise();
          if (!undone) break;
        }
        if (first !== undefined) expect(beforeRecord(planText(r))).toBe(beforeRecord(first));
      }),
      { numRuns: runs(25) },
    );
  }, 600_000);

  it('never changes a status when a sheet comes back unchanged, however old it is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 4 }), async (steps) => {
        const dir = tempDir('kickoff-living-sheet-');
        cpSync(pristine, dir, { recursive: true });
        const r: Run = { dir, file: join(dir, 'kickoff.yaml'), options: { workspace, today: TODAY } };
        const old = join(dir, 'old.csv');
        await exportPlan(r.file, { ...r.options, format: 'csv', out: old });
        for (const s of steps) await apply(r, s);
        const before = statuses(r);
        await importActionList(old, r.file, r.options).catch((error: unknown) => {
          // An old sheet whose dates have since moved is refused as a whole: nothing changes either.
          if (!(error instanceof KickoffError)) throw error;
        });
        expect(statuses(r)).toEqual(before);
      }),
      { numRuns: runs(25) },
    );
  }, 600_000);
});
