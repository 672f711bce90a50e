/**
 * One person's actions across a programme (portfolio --person), for people: overdue first, then
 * what is coming, each by date, with the practice and the command that ticks it off. Pure.
 */
import { formatDayMonthYear } from '../domain/dates.js';
import type { DueEntry } from '../domain/due.js';
import { lastOccurrence } from '../domain/schedule/recurrence.js';
import type { CalendarDate } from '../domain/types.js';
import { wrap } from './text.js';
import { NO_PAINT, type Paint } from './paint.js';

export interface PersonActionsView {
  readonly person: { readonly name: string; readonly email: string };
  readonly today: CalendarDate;
  readonly until?: CalendarDate;
  readonly practices: readonly { readonly ods: string; readonly name: string }[];
  readonly plans: number;
  readonly overdue: readonly PersonActionView[];
  readonly due: readonly PersonActionView[];
}

export interface PersonActionView {
  readonly ods: string;
  readonly practice: string;
  readonly folder: string;
  readonly entry: DueEntry;
}

/** Shell-safe: a folder with spaces or quotes still pastes as one argument. */
function quote(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function renderPersonActions(view: PersonActionsView, paint: Paint = NO_PAINT): string[] {
  const { person } = view;
  const who = person.email ? `${person.name} <${person.email}>` : person.name;
  const lines = wrap(
    `${who}: open actions in ${view.practices.length} of ${view.plans} practice(s), as of ${formatDayMonthYear(view.today)}${view.until ? `, up to ${formatDayMonthYear(view.until)}` : ''}.`,
    80,
  ).map((line) => paint.bold(line));
  lines.push(...wrap(`Practices: ${view.practices.map((p) => `${p.ods} ${p.name}`).join('; ')}.`, 80));
  const describe = (a: PersonActionView) => {
    const { entry } = a;
    const late = entry.daysLate > 0 ? ` (${entry.daysLate} day${entry.daysLate === 1 ? '' : 's'} late)` : '';
    const time = entry.item.time ? ` ${entry.item.time}` : '';
    return [
      `  ${formatDayMonthYear(entry.on)}${time}  ${a.ods} ${a.practice}${late}`,
      ...wrap(`${entry.item.title}${entry.item.status === 'doing' ? ' [doing]' : ''}`, 74).map(
        (l) => `      ${l}`,
      ),
      `      ${paint.dim(
        entry.item.recurrence
          ? `weekly until ${formatDayMonthYear(lastOccurrence(entry.item.start, entry.item.recurrence))}`
          : `when done: kickoff tick ${entry.item.id} --plan ${quote(a.folder)}`,
      )}`,
    ];
  };
  lines.push('', paint.red(paint.bold(`Overdue (${view.overdue.length})`)));
  lines.push(...(view.overdue.length > 0 ? view.overdue.flatMap(describe) : ['  nothing overdue']));
  const heading = view.until ? `Due by ${formatDayMonthYear(view.until)}` : 'Coming up';
  lines.push('', paint.bold(`${heading} (${view.due.length})`));
  lines.push(...(view.due.length > 0 ? view.due.flatMap(describe) : ['  nothing due']));
  return lines;
}
