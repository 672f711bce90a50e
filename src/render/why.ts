/**
 * `kickoff why ID` for people: the chain that put an item on its date, one step a line, each with
 * its rule's source (the template's keys; docs/sources.md says what each is) or kickoff's reasoning
 * where the number is assumed. Pure: the explanation in, lines out.
 */
import { formatLong } from '../domain/calendar.js';
import type { DayOff, WhyDate, WhyLink, WhyStep } from '../domain/schedule/why.js';
import { describeOffset } from '../domain/template.js';

/** A title without its bracketed detail: "Final data production" for the chain's short lines. */
function short(title: string): string {
  return title.replace(/\s*\(.*\)\s*$/, '').trim() || title;
}

function off(day: DayOff): string {
  const on = formatLong(day.date);
  if (day.why === 'bank holiday') return `${on} is a bank holiday (${day.name ?? 'bank holiday'})`;
  if (day.why === 'weekend') return `${on} is a weekend`;
  return `${on} is kept free of meetings`;
}

function stepLines(step: WhyStep, link: WhyLink, lead: string): string[] {
  switch (step.kind) {
    default:
      return [];
    case 'answer':
      return [
        `${lead}${step.answer === 'goLive' ? 'go-live' : 'the kick-off'} ${formatLong(step.date)}: your answer (answers.${step.answer})`,
      ];
    case 'pinned':
      return [
        `${lead}${formatLong(step.date)}: fixed by you (pinned, or done on that day); kickoff will not move it`,
      ];
    case 'offset': {
      const sign = step.offset.amount < 0 ? '−' : '+';
      const length = describeOffset(step.offset);
      const notice = link.thirdParty ? `, the notice period of ${link.thirdParty.name}` : '';
      const from = `${short(step.from === link.id ? link.title : step.from)}${step.at === 'end' ? "'s end" : ''}`;
      return [
        `${lead}${from} (${formatLong(step.base)}) ${sign} ${length}${notice}`,
        ...(step.passed ?? []).map((d) => `      ${off(d)}: not a working day here, so counted past it`),
      ];
    }
    case 'roll':
      return [
        `      ${(step.skipped ?? []).map(off).join('; ') || formatLong(step.from)}: moved to the ${step.direction === 'previous' ? 'working day before' : 'next working day'}, ${formatLong(step.date)}`,
      ];
    case 'kept-within':
      return [
        `      moved to ${formatLong(step.date)}, inside the days its rule allows (${formatLong(step.earliest)} to ${formatLong(step.latest)})`,
      ];
    case 'kept-before':
      return [
        `      moved earlier to ${formatLong(step.date)}, the working day before "${short(step.item)}" (${formatLong(step.limit)}), to stay before it`,
      ];
  }
}

function linkLines(link: WhyLink, first: boolean, titles: ReadonlyMap<string, string>): string[] {
  const name = (id: string) => short(titles.get(id) ?? id);
  const lead = first ? '  = ' : `  ${name(link.id)}${link.at === 'end' ? "'s end" : ''} = `;
  const lines: string[] = [];
  link.steps.forEach((step, i) => {
    const withTitles =
      step.kind === 'offset'
        ? { ...step, from: name(step.from) }
        : step.kind === 'kept-before'
          ? { ...step, item: name(step.item) }
          : step;
    lines.push(...stepLines(withTitles as WhyStep, link, i === 0 ? lead : '      '));
  });
  const where = link.thirdParty
    ? `source: ${link.thirdParty.source}${link.thirdParty.noticeAssumed ? ' (the notice period is assumed: confirm it with them)' : ''}`
    : link.assumed
      ? `assumed: ${link.assumed}`
      : link.source
        ? `source: ${link.source}`
        : '';
  if (where && lines.length > 0) lines[0] = `${lines[0]}\n        ${where}`;
  return lines;
}

/** A chain's lines alone (the pack's appendix): the item's date, then each step to go-live. */
export function chainLines(chain: readonly WhyLink[], titles: ReadonlyMap<string, string>): string[] {
  return chain.flatMap((link, i) => linkLines(link, i === 0, titles)).flatMap((l) => l.split('\n'));
}

export function renderWhy(why: WhyDate, titles: ReadonlyMap<string, string>): string {
  const { item } = why;
  const when =
    item.start === item.end ? formatLong(item.start) : `${formatLong(item.start)} to ${formatLong(item.end)}`;
  const lines = [`${item.id}  ${when}  ${item.title}`];
  if (why.own) lines.push('  your own item, dated by hand in kickoff.yaml; kickoff keeps it as you wrote it');
  why.chain.forEach((link, i) => lines.push(...linkLines(link, i === 0, titles)));
  if (why.endChain && why.endChain.length > 0) {
    lines.push(`  it ends ${formatLong(item.end)}:`);
    why.endChain.forEach((link, i) => lines.push(...linkLines(link, i === 0, titles)));
  }
  for (const week of why.movedWeeks)
    lines.push(`  that week: ${off(week.off)}, so the meeting is on ${formatLong(week.to)} instead`);
  if (why.rulesSay)
    lines.push(
      `  The plan says ${formatLong(item.start)}, but the rules now give ${formatLong(why.rulesSay.start)} (its answers were edited since): kickoff schedule brings it up to date.`,
    );
  for (const problem of why.problems)
    lines.push(
      `  ${problem.severity === 'error' ? 'Problem' : problem.severity === 'warning' ? 'Warning' : 'Note'}: ${problem.message}`,
    );
  return `${lines.join('\n')}\n`;
}
