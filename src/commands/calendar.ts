/**
 * kickoff calendar: regenerate the .ics files from the plan as it is (no re-planning). Events that
 * changed get a higher SEQUENCE, removed ones a cancellation; the plan's `published:` record is
 * updated to match, and nothing else in it is touched.
 */
import { ExitCode } from '../errors.js';
import { publishPlan } from '../adapters/calendar-set.js';
import { readClock } from '../adapters/clock.js';
import { writeAtomic } from '../adapters/files.js';
import { editPlanText } from '../adapters/plan-edit.js';
import { sayDiagnostics, type Terminal } from '../adapters/terminal.js';
import { findHandEdits, handEditNotes, pinHandEdits } from '../domain/hand-edits.js';
import {
  assertReadsBack,
  calendarFolder,
  lastPublished,
  openPlan,
  pinsFor,
  staleness,
  writeCalendars,
} from './plan-files.js';

export interface CalendarOptions {
  readonly plan: string;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
}

export async function calendar(options: CalendarOptions, terminal: Terminal): Promise<ExitCode> {
  const clock = readClock(options.today);
  const opened = await openPlan(options.plan, options.template);
  const published = lastPublished(opened.stored);
  // A date changed by hand is pinned here too, or the next `schedule` would put it back.
  const handEdits = findHandEdits(opened.plan, published);
  const plan = pinHandEdits(opened.plan, handEdits);
  const publication = publishPlan(plan, published, clock.today);
  const text = editPlanText(opened.stored.text, {
    before: plan,
    after: plan,
    published: publication.events,
    pin: pinsFor(handEdits, clock.today),
  });
  assertReadsBack(text, options.plan, opened.template, plan, publication.events);

  const folder = calendarFolder(options.plan, options.out);
  const written = await writeCalendars(plan, publication, folder, clock);
  if (text !== opened.stored.text) await writeAtomic(options.plan, text);

  sayDiagnostics(terminal, [...handEditNotes(handEdits), ...staleness(opened, clock.today)]);
  const { revised } = publication;
  terminal.say(`Wrote ${written.length} calendar(s) in ${folder}/:`);
  for (const file of written) terminal.say(`  ${file}`);
  terminal.say(
    revised.length === 0
      ? 'No event changed since the calendars were last written.'
      : `${revised.length} event(s) changed since the calendars were last written (${listOf(revised.map((e) => e.id))}); ${options.plan} records this.`,
  );
  return ExitCode.ok;
}

/** A few names, then how many more: a line people can read. */
function listOf(names: readonly string[], shown = 5): string {
  const more = names.length - shown;
  return more > 0 ? `${names.slice(0, shown).join(', ')} and ${more} more` : names.join(', ');
}
