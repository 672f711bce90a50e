/**
 * The RAID log of a plan: `kickoff raid add` adds an entry through the one edit path (changePlan:
 * lock, read, edit, read back, history, write), so `kickoff undo` takes it back like any change;
 * `kickoff raid list` reads it. People may also edit the `raid:` section by hand.
 */
import { parseCalendarDate } from '../domain/calendar.js';
import {
  nextRaidId,
  RAID_KINDS,
  RAID_RATINGS,
  sortRaid,
  type RaidEntry,
  type RaidKind,
  type RaidRating,
} from '../domain/raid.js';
import { closest } from '../domain/nearest.js';
import { distinctPeople, isKnownOwner, teamList } from '../domain/people.js';
import type { CalendarDate, Plan } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { editRaidAdd } from '../adapters/plan-file/edit.js';
import { changePlan } from './edit-plan.js';
import { openPlan, reopen } from './open-plan.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';

export interface RaidAddOptions extends UseCaseOptions {
  readonly kind?: string;
  readonly title?: string;
  readonly owner?: string;
  readonly rating?: string;
  readonly review?: string;
  readonly notes?: string;
}

export interface RaidAdded {
  readonly planFile: string;
  readonly entry: RaidEntry;
}

export async function addRaidEntry(planFile: string, options: RaidAddOptions): Promise<RaidAdded> {
  const kind = choice('--kind', options.kind, RAID_KINDS) as RaidKind;
  const rating = choice('--rating', options.rating, RAID_RATINGS) as RaidRating;
  const title = required(
    '--title',
    options.title,
    'say what it is, e.g. --title "Practice manager on leave in March"',
  );
  const owner = required('--owner', options.owner, 'name who owns it: a person from the team, or a role');
  const context = await resolve(options);
  const review = reviewDay(options.review, context.clock.today);
  const file = await resolvePlanFile(planFile, context.files);
  const changed = await changePlan(file, context, {
    command: 'raid add',
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    apply: (opened) => {
      assertKnownOwner(owner, opened.plan);
      const entry: RaidEntry = {
        id: nextRaidId(opened.stored.raid, kind),
        kind,
        title,
        owner,
        rating,
        review,
        status: 'open',
        ...(options.notes?.trim() ? { notes: options.notes.trim() } : {}),
      };
      const text = editRaidAdd(opened.stored.text, entry);
      // The edited plan must read back with the entry as given, or the person's file is left alone.
      const back = reopen(opened, file, text).stored.raid.find((e) => e.id === entry.id);
      if (JSON.stringify(back) !== JSON.stringify(entry))
        throw new Error(
          `the edited plan would not read back with ${entry.id} as given; ${file} was not changed`,
        );
      return { text, checked: true, summary: `${entry.id} added (${rating}): ${title}`, result: entry };
    },
  });
  return { planFile: file, entry: changed.result };
}

export async function listRaid(
  planFile: string,
  options: UseCaseOptions = {},
): Promise<{ planFile: string; entries: RaidEntry[]; today: CalendarDate }> {
  const context = await resolve(options);
  const file = await resolvePlanFile(planFile, context.files);
  const opened = await openPlan(file, context.workspace, context.files);
  return { planFile: file, entries: sortRaid(opened.stored.raid), today: context.clock.today };
}

/**
 * An owner is someone from the team (by e-mail or name) or one of the plan's roles (id or title):
 * anyone else would own a risk nobody is reminded of.
 */
function assertKnownOwner(owner: string, plan: Plan): void {
  if (isKnownOwner(plan, owner.toLowerCase(), true)) return;
  const names = [
    ...distinctPeople(plan.answers.team).flatMap((p) => [p.name, p.email].filter(Boolean)),
    ...plan.roles.map((r) => r.id),
  ];
  const guess = closest(owner, names);
  throw new UsageError(
    `--owner: "${owner}" is not in the plan's team, nor one of its roles.`,
    `${guess ? `Did you mean ${guess}? ` : ''}Give a team member's name or e-mail (${teamList(plan.answers.team)}) or a role (${plan.roles.map((r) => r.id).join(', ')}).`,
  );
}

function choice(flag: string, value: string | undefined, allowed: readonly string[]): string {
  if (value === undefined) throw new UsageError(`${flag} is missing.`, `Give ${flag} ${allowed.join('|')}.`);
  if (!allowed.includes(value))
    throw new UsageError(`${flag}: "${value}" is not one of ${allowed.join(', ')}.`);
  return value;
}

function required(flag: string, value: string | undefined, hint: string): string {
  const text = value?.trim();
  if (!text) throw new UsageError(`${flag} is missing or empty.`, `Give ${flag}: ${hint}.`);
  return text;
}

/** --review DATE; by default two weeks from today. */
function reviewDay(text: string | undefined, today: CalendarDate): CalendarDate {
  if (text === undefined)
    throw new UsageError(
      '--review is missing.',
      'Give the day to review it: --review 2027-01-15 (or 15/01/2027).',
    );
  const parsed = parseCalendarDate(text);
  if (!parsed.ok) throw new UsageError(`--review: ${parsed.message}`);
  if (parsed.date < today)
    throw new UsageError(`--review: ${parsed.date} is before today (${today}).`, 'Give a day from today on.');
  return parsed.date;
}
