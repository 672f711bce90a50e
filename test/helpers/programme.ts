/**
 * A generated programme of real practices (epraccur.csv) planned with the library API, as
 * `kickoff batch --out` lays them out (DIR/<ODS>/kickoff.yaml). Every practice has its own people
 * and go-lives are two a week (Tuesday, Thursday) in weeks without a bank holiday, so the base has
 * no clash and breaks no default limit; tests then plant exactly the problems they look for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { addDays } from '../../src/domain/calendar.js';
import type { Answers, CalendarDate, Person } from '../../src/domain/types.js';
import { loadWorkspace, planPractice, type Workspace } from '../../src/index.js';
import { SHARED } from './shared.js';

/** Active GP practices (status A, prescribing setting 4) from the NHS ODS extract. */
export function realPractices(n: number): { ods: string; name: string }[] {
  const rows = readFileSync(join(SHARED, 'data', 'epraccur.csv'), 'latin1')
    .split('\n')
    .map((line) => line.split('","').map((f) => f.replace(/^"|"$/g, '')))
    .filter((f) => f[12] === 'A' && f[25] === '4');
  if (rows.length < n) throw new Error(`epraccur.csv has only ${rows.length} active GP practices`);
  return rows.slice(0, n).map((f) => ({ ods: f[0]!, name: f[1]! }));
}

/** Go-live slots: two a week, Tuesday and Thursday, skipping weeks with a bank holiday. */
export function goLiveSlots(
  n: number,
  calendar: WorkingCalendar,
  firstMonday = '2027-04-05',
): CalendarDate[] {
  const slots: CalendarDate[] = [];
  for (let monday = firstMonday as CalendarDate; slots.length < n; monday = addDays(monday, 7)) {
    const week = [0, 1, 2, 3, 4].map((d) => addDays(monday, d));
    if (!week.every((d) => calendar.isWorkingDay(d))) continue;
    slots.push(week[1]!, week[3]!);
  }
  return slots.slice(0, n);
}

export function ownTeam(ods: string): Person[] {
  const o = ods.toLowerCase();
  return [
    { role: 'project-manager', name: `PM ${ods}`, email: `pm.${o}@nhs.net` },
    { role: 'practice-manager', name: `Manager ${ods}`, email: `manager.${o}@nhs.net` },
    { role: 'trainer', name: `Trainer ${ods}`, email: `trainer.${o}@nhs.net` },
    { role: 'lead-gp', name: `Dr ${ods}`, email: `gp.${o}@nhs.net` },
  ];
}

export interface GeneratedPractice {
  readonly ods: string;
  readonly name: string;
  answers: Answers;
}

/** The base programme's answers, for a test to change before planning. */
export async function baseProgramme(
  n: number,
): Promise<{ workspace: Workspace; practices: GeneratedPractice[] }> {
  const workspace = await loadWorkspace();
  const calendar = new WorkingCalendar(workspace.holidays, 'england');
  const slots = goLiveSlots(n, calendar);
  const practices = realPractices(n).map((p, i) => ({
    ...p,
    answers: {
      practice: { name: p.name, ods: p.ods },
      goLive: slots[i]!,
      nation: 'england',
      systems: { current: 'EMIS Web', new: 'SystmOne' },
      team: ownTeam(p.ods),
      thirdParties: [{ id: 'eps' }],
      absences: [],
    } as Answers,
  }));
  return { workspace, practices };
}

/** Plans each practice into DIR/<ODS>/ with the library API (one process, one workspace). */
export async function writeProgramme(
  dir: string,
  workspace: Workspace,
  practices: readonly GeneratedPractice[],
  today = '2026-11-25',
): Promise<void> {
  for (const p of practices) await planPractice(p.answers, { dir: join(dir, p.ods), workspace, today });
}
