/**
 * A fixed programme as `kickoff batch` lays one out, go-lives one week apart (a Tuesday, or the next
 * working day), with people shared between practices so that it has clashes and breaches for
 * --suggest to clear: one project manager on every second practice, one trainer on every third, and
 * two go-lives in some weeks. The same programme every time, for advice compared with a committed file.
 */
import { join } from 'node:path';
import { addDays, WorkingCalendar } from '../../src/domain/calendar.js';
import type { Answers, CalendarDate } from '../../src/domain/types.js';
import { loadWorkspace, planPractice } from '../../src/index.js';
import { realPractices } from './programme.js';

export async function writeWeeklyProgramme(dir: string, n: number, today = '2026-11-25'): Promise<void> {
  const workspace = await loadWorkspace();
  const calendar = new WorkingCalendar(workspace.holidays, 'england');
  const practices = realPractices(n);
  let tuesday = '2027-04-06' as CalendarDate;
  for (const [i, p] of practices.entries()) {
    // Every fifth practice goes live in the same week as the one before it.
    if (i > 0 && i % 5 !== 0) tuesday = addDays(tuesday, 7);
    const goLive = calendar.nextWorkingDay(i % 5 === 0 && i > 0 ? addDays(tuesday, 2) : tuesday);
    const o = p.ods.toLowerCase();
    const pm = i % 2 === 0 ? 'shared' : o;
    const trainer = i % 3 === 0 ? 'shared' : o;
    const answers: Answers = {
      practice: { name: p.name, ods: p.ods },
      goLive,
      nation: 'england',
      systems: { current: 'EMIS Web', new: 'SystmOne' },
      team: [
        { role: 'project-manager', name: `PM ${pm}`, email: `pm.${pm}@nhs.net` },
        { role: 'trainer', name: `Trainer ${trainer}`, email: `trainer.${trainer}@nhs.net` },
        { role: 'practice-manager', name: `Manager ${o}`, email: `manager.${o}@nhs.net` },
      ],
      thirdParties: [{ id: 'eps' }, { id: 'pathology' }],
      absences: [],
    } as Answers;
    await planPractice(answers, { dir: join(dir, p.ods), workspace, today });
  }
}
