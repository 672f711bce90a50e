/**
 * kickoff due: what is overdue and what is due soon, and whose it is: the people's names from the
 * team, and for a notice deadline the party to contact. Reads only.
 */
import { formatDayMonthYear, parseWindow, plusDays } from '../domain/dates.js';
import { dueItems, type DueEntry } from '../domain/due.js';
import { lastOccurrence } from '../domain/schedule/recurrence.js';
import type { PlanItem } from '../domain/types.js';
import { ExitCode, UsageError } from '../errors.js';
import { dataColourOf, type Terminal } from '../adapters/terminal/terminal.js';
import { wrap } from '../render/text.js';
import { openPlanFile } from '../app/read-plan.js';
import { namedOwners, ownerRoleIds } from '../domain/people.js';
import { ownedBy, personFlag } from '../app/person-flag.js';

export interface DueOptions {
  readonly plan: string;
  readonly within?: string;
  readonly role?: string;
  /** Only this person's items: an e-mail or name from the team. */
  readonly person?: string;
  readonly json?: boolean;
  readonly template?: string;
  readonly today?: string;
}

export async function due(options: DueOptions, terminal: Terminal): Promise<ExitCode> {
  const window = parseWindow(options.within ?? '7d');
  if (!window.ok) throw new UsageError(`--within: ${window.message}`);
  const { plan, today } = await openPlanFile(options.plan, {
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
  });
  if (options.role && !plan.roles.some((r) => r.id === options.role))
    throw new UsageError(
      `--role: the plan has no role "${options.role}".`,
      `Use one of ${plan.roles.map((r) => r.id).join(', ')}.`,
    );
  const person = personFlag(plan, options.person);
  const until = plusDays(today, window.days);
  const found = dueItems(plan, today, until, options.role, ownedBy(plan, person));
  const people = (item: PlanItem) =>
    ownerRoleIds(plan, item).map((role) => ({
      role,
      roleTitle: plan.roles.find((r) => r.id === role)?.title ?? role,
      people: plan.answers.team.filter((p) => p.role === role).map((p) => ({ name: p.name, email: p.email })),
    }));
  // People named on the item besides its roles (owners: in the plan).
  const named = (item: PlanItem) => namedOwners(plan, item).map((p) => ({ name: p.name, email: p.email }));
  const party = (item: PlanItem) => {
    const p = item.thirdParty ? plan.thirdParties.find((t) => t.id === item.thirdParty) : undefined;
    return p ? { id: p.id, name: p.name } : undefined;
  };
  if (options.json) {
    const entry = (e: DueEntry) => ({
      id: e.item.id,
      title: e.item.title,
      type: e.item.type,
      start: e.item.start,
      end: e.item.end,
      due: e.on,
      ...(e.item.time ? { time: e.item.time } : {}),
      status: e.item.status ?? 'todo',
      ...(e.daysLate > 0 ? { daysLate: e.daysLate } : {}),
      ...(e.item.recurrence ? { repeatsWeeklyUntil: e.item.recurrence.until } : {}),
      owners: people(e.item),
      ...(named(e.item).length > 0 ? { named: named(e.item) } : {}),
      ...(party(e.item) ? { contact: party(e.item) } : {}),
    });
    terminal.data(
      JSON.stringify(
        {
          practice: plan.answers.practice,
          today,
          until,
          ...(options.role ? { role: options.role } : {}),
          ...(person ? { person: { name: person.name, email: person.email } } : {}),
          overdue: found.overdue.map(entry),
          due: found.due.map(entry),
        },
        null,
        2,
      ),
    );
    return ExitCode.ok;
  }
  const paint = dataColourOf(terminal);
  const { practice } = plan.answers;
  // "for Trainer, Sam Lee": the role and the person asked for.
  const forWhom = [
    options.role ? (plan.roles.find((r) => r.id === options.role)?.title ?? options.role) : '',
    person?.name ?? '',
  ].filter(Boolean);
  const lines = wrap(
    `${practice.name} (${practice.ods}): due from ${formatDayMonthYear(today)} to ${formatDayMonthYear(until)}${forWhom.length > 0 ? ` for ${forWhom.join(', ')}` : ''}.`,
    80,
  );
  const describe = (e: DueEntry) => {
    const underWay = !e.item.recurrence && e.daysLate === 0 && e.item.start < e.on;
    const when = underWay
      ? `${formatDayMonthYear(e.item.start)} to ${formatDayMonthYear(e.on)} (under way)`
      : `${formatDayMonthYear(e.on)}${e.item.time ? ` ${e.item.time}` : ''}`;
    const late = e.daysLate > 0 ? ` (${e.daysLate} day${e.daysLate === 1 ? '' : 's'} late)` : '';
    const doing = e.item.status === 'doing' ? ' [doing]' : '';
    // The first line is indented by 2, the rest by 6: each is wrapped to stay within 80 columns.
    // Words, not characters, carry over: wrap() joins words with one space, so slicing the text by
    // the first line's length would cut a word (the stray letter that began the second line).
    const words = `${when} ${e.item.title}${doing}${late}`.split(/\s+/).filter(Boolean);
    const first = wrap(words.join(' '), 78)[0]!;
    const rest = words.slice(first.split(' ').length).join(' ');
    const out = [`  ${first}`, ...(rest ? wrap(rest, 74).map((line) => `      ${line}`) : [])];
    const contact = party(e.item);
    if (contact) out.push(`      contact: ${contact.name}`);
    const who = [
      ...people(e.item).map(
        (o) =>
          `${o.roleTitle}: ${o.people.length > 0 ? o.people.map((p) => p.name).join(', ') : 'nobody named'}`,
      ),
      ...(named(e.item).length > 0
        ? [
            `named: ${named(e.item)
              .map((p) => p.name)
              .join(', ')}`,
          ]
        : []),
    ].join('; ');
    out.push(
      ...wrap(`who: ${who || 'no role given'}`, 69).map(
        (line, n) => `${n === 0 ? '      ' : '           '}${line}`,
      ),
    );
    out.push(
      `      ${paint.dim(e.item.recurrence ? `weekly until ${formatDayMonthYear(lastOccurrence(e.item.start, e.item.recurrence))}` : `when done: kickoff tick ${e.item.id}`)}`,
    );
    return out;
  };
  lines.push('', paint.red(paint.bold(`Overdue (${found.overdue.length})`)));
  lines.push(...(found.overdue.length > 0 ? found.overdue.flatMap(describe) : ['  nothing overdue']));
  lines.push('', paint.bold(`Due by ${formatDayMonthYear(until)} (${found.due.length})`));
  lines.push(...(found.due.length > 0 ? found.due.flatMap(describe) : ['  nothing due']));
  terminal.data(lines.join('\n'));
  return ExitCode.ok;
}
