/**
 * Every interactive question of `kickoff init`, wrapped once around @inquirer/prompts.
 * Each answer is validated at the prompt by the same domain rule the flags and the answers file use,
 * so a person sees one message for one mistake wherever they make it.
 */
import { checkbox, confirm, input, password, select } from '@inquirer/prompts';
import {
  checkEmail,
  checkName,
  checkNoticeText,
  checkOdsCode,
  checkGoLiveDate,
  checkPlannableDate,
  goLiveDayProblem,
  MAX_TEAM,
  type Check,
} from '../../domain/answers.js';
import { formatLong, type WorkingCalendar } from '../../domain/calendar.js';
import { describeOffset, type Template } from '../../domain/template.js';
import type {
  Absence,
  Answers,
  CalendarDate,
  ClinicalSystems,
  Nation,
  Person,
  Practice,
  ThirdPartyChoice,
} from '../../domain/types.js';
import { CancelledError, InputError } from '../../errors.js';

/**
 * Where the questions are asked. Defaults to the process's terminal. `output` must outlive each
 * prompt, as a terminal does: inquirer ends the stream it writes to unless it is stdout or stderr.
 */
export interface PromptIO {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  readonly signal?: AbortSignal;
}

export interface PromptContext {
  readonly template: Template;
  /** Working calendar for a nation (England until the nation is known). */
  readonly calendarFor: (nation: Nation) => WorkingCalendar;
  /** Today, from the clock adapter: a go-live before it is refused. */
  readonly today: CalendarDate;
}

const PROJECT_MANAGER = 'project-manager';
const LEAD_GP = 'lead-gp';
const SAFETY_OFFICER = 'clinical-safety-officer';

const NATION_CHOICES: readonly { name: string; value: Nation }[] = [
  { name: 'England', value: 'england' },
  { name: 'Wales', value: 'wales' },
  { name: 'Scotland', value: 'scotland' },
  { name: 'Northern Ireland', value: 'northern-ireland' },
];

/** What every prompt of one run shares: the streams, and a signal that Esc and the caller can fire. */
interface Session {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly signal: AbortSignal;
}

/** Asks, in order, only for what `known` lacks; returns complete Answers. Ctrl-C/Esc → throws CancelledError. */
export async function askForAnswers(
  known: Partial<Answers>,
  context: PromptContext,
  io: PromptIO = {},
): Promise<Answers> {
  return withSession(io, async (session) => {
    const practice = known.practice ?? (await askPractice(session));
    const { goLive, nation } = await askGoLiveAndNation(known, context, session);
    const systems = known.systems ?? (await askSystems(session));
    const team = known.team ?? (await askTeam(context.template, session));
    const thirdParties = known.thirdParties ?? (await askThirdParties(context.template, nation, session));
    const dispensing = known.dispensing ?? (await askDispensing(context.template, nation, session));
    const calendar = context.calendarFor(nation);
    const absences = known.absences ?? (await askAbsences(team, calendar, session));
    const kickoff = known.kickoff ?? (await askKickoff(goLive, calendar, session));
    const meetingLocation = known.meetingLocation ?? (await askMeetingLocation(session));
    return {
      practice,
      goLive,
      nation,
      systems,
      team,
      thirdParties,
      absences,
      ...(kickoff === undefined ? {} : { kickoff }),
      ...(meetingLocation === undefined ? {} : { meetingLocation }),
      ...(dispensing === undefined ? {} : { dispensing }),
    };
  });
}

/** After a "no" to writing: keep the answers in a file instead of losing them? Default yes. */
export async function confirmSaveAnswers(file: string, io: PromptIO = {}): Promise<boolean> {
  return withSession(io, (session) =>
    yesNo(session, `Save your answers in ${file} to use later (kickoff init --answers)?`, true),
  );
}

/** Shows nothing itself; asks "Write the plan and calendars?" default yes. Ctrl-C → CancelledError. */
export async function confirmWrite(io: PromptIO = {}): Promise<boolean> {
  return withSession(io, (session) => yesNo(session, 'Write the plan and calendars?', true));
}

/** The mail server's password for `kickoff invite --smtp`, typed unseen. Ctrl-C → CancelledError. */
export async function askSmtpPassword(user: string, host: string, io: PromptIO = {}): Promise<string> {
  return withSession(io, (session) =>
    password({ message: `Password for ${user} on ${host}:`, mask: true }, promptContext(session)),
  );
}

// --- Sessions and cancelling -------------------------------------------------------------------

/**
 * Runs `questions` with Esc wired to cancel. Inquirer only knows Ctrl-C; Esc is what people reach
 * for to back out, so it aborts the same signal the caller's own signal does. Ctrl-C that arrives
 * as a signal (SIGINT) rather than a key press cancels the same way: Ctrl-Break in a Windows
 * console, a terminal not in raw mode, `kill -INT`. Without this, inquirer's own handler ends the
 * process by the signal, which on Windows is exit code 1 with no word said.
 */
async function withSession<T>(io: PromptIO, questions: (session: Session) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const forward = () => controller.abort(io.signal?.reason);
  if (io.signal?.aborted) forward();
  io.signal?.addEventListener('abort', forward);
  const stdin = io.input ?? process.stdin;
  const onKeypress = (_text: unknown, key: unknown) => {
    if (isEscape(key)) controller.abort();
  };
  const onInterrupt = () => controller.abort();
  stdin.on('keypress', onKeypress);
  process.on('SIGINT', onInterrupt);
  try {
    const session = { input: stdin, output: io.output ?? process.stdout, signal: controller.signal };
    return await questions(session);
  } catch (error) {
    throw isCancellation(error) ? new CancelledError() : error;
  } finally {
    process.off('SIGINT', onInterrupt);
    stdin.removeListener('keypress', onKeypress);
    io.signal?.removeEventListener('abort', forward);
  }
}

function isEscape(key: unknown): boolean {
  return typeof key === 'object' && key !== null && (key as { name?: unknown }).name === 'escape';
}

/** Inquirer's own error classes are matched by name so this does not depend on @inquirer/core directly. */
function isCancellation(error: unknown): boolean {
  const name = error instanceof Error ? error.name : undefined;
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError';
}

function promptContext(session: Session) {
  return { input: session.input, output: session.output, signal: session.signal };
}

function say(session: Session, line: string): void {
  session.output.write(`${line}\n`);
}

// --- Building blocks ---------------------------------------------------------------------------

/** Turns a domain check into inquirer's validate: true, or the check's own message. */
function validateWith<T>(check: (text: string) => Check<T>): (text: string) => true | string {
  return (text) => {
    const checked = check(text);
    return checked.ok ? true : checked.message;
  };
}

/** A typed answer, refused at the prompt until `check` accepts it; returns the check's cleaned value. */
async function askChecked<T>(
  session: Session,
  message: string,
  check: (text: string) => Check<T>,
  options: { default?: string; transformer?: (text: string) => string } = {},
): Promise<T> {
  const text = await input(
    {
      message,
      default: options.default,
      validate: validateWith(check),
      ...(options.transformer ? { transformer: options.transformer } : {}),
    },
    promptContext(session),
  );
  const checked = check(text);
  // The prompt's validate already refused anything this would reject.
  if (!checked.ok) throw new Error(checked.message);
  return checked.value;
}

function yesNo(session: Session, message: string, defaultYes: boolean): Promise<boolean> {
  return confirm({ message, default: defaultYes }, promptContext(session));
}

/** Adds a rule to a check: `extra` returns a message when the otherwise-valid value is refused. */
function also<T>(
  check: (text: string) => Check<T>,
  extra: (value: T) => string | undefined,
): (text: string) => Check<T> {
  return (text) => {
    const checked = check(text);
    if (!checked.ok) return checked;
    const message = extra(checked.value);
    return message === undefined ? checked : { ok: false, message };
  };
}

// --- 1. The practice ---------------------------------------------------------------------------

async function askPractice(session: Session): Promise<Practice> {
  const name = await askChecked(session, 'Practice name', (text) => checkName(text, 'the practice name'));
  const ods = await askChecked(session, 'Practice ODS code (e.g. B82005)', checkOdsCode, {
    transformer: (text) => text.toUpperCase(),
  });
  return { name, ods };
}

// --- 2 and 3. Go-live date and nation ----------------------------------------------------------

async function askGoLiveAndNation(
  known: Partial<Answers>,
  context: PromptContext,
  session: Session,
): Promise<{ goLive: CalendarDate; nation: Nation }> {
  const first = context.calendarFor(known.nation ?? 'england');
  const goLive = known.goLive ?? (await askGoLive(first, context.today, session));
  const nation = known.nation ?? (await askNation(session));
  if (known.goLive !== undefined && known.nation !== undefined) return { goLive, nation };
  // A date kept "anyway" is not questioned twice; one that only the new nation makes a holiday is.
  if (nation === first.nation || !first.isWorkingDay(goLive)) return { goLive, nation };
  return {
    goLive: await offerWorkingDay(goLive, context.calendarFor(nation), context.today, session),
    nation,
  };
}

async function askGoLive(
  calendar: WorkingCalendar,
  today: CalendarDate,
  session: Session,
): Promise<CalendarDate> {
  const date = await askChecked(session, 'Go-live date (e.g. 15/03/2027)', (text) =>
    checkGoLiveDate(text, calendar, today),
  );
  return offerWorkingDay(date, calendar, today, session);
}

/**
 * A go-live on a weekend or bank holiday is usually a slip: offer the working days either side,
 * but never one before today.
 */
async function offerWorkingDay(
  date: CalendarDate,
  calendar: WorkingCalendar,
  today: CalendarDate,
  session: Session,
): Promise<CalendarDate> {
  const problem = goLiveDayProblem(date, calendar, today);
  if (!problem) return date;
  const { before, after } = problem;
  return select(
    {
      message: `${problem.reason}. Which date?`,
      choices: [
        ...(before ? [choice(before, `${formatLong(before)} (the working day before)`)] : []),
        choice(after, `${formatLong(after)} (the working day after)`),
        choice(date, `Keep ${formatLong(date)} anyway`),
      ],
      default: before ?? after,
    },
    promptContext(session),
  );
}

/** Once answered, the line shows just the date, not the explanation beside it. */
function choice(date: CalendarDate, name: string) {
  return { name, value: date, short: formatLong(date) };
}

function askNation(session: Session): Promise<Nation> {
  return select(
    { message: "Which nation's bank holidays apply?", choices: NATION_CHOICES, default: 'england' },
    promptContext(session),
  );
}

// --- 4. Clinical systems -----------------------------------------------------------------------

async function askSystems(session: Session): Promise<ClinicalSystems> {
  const current = await askChecked(
    session,
    'Current clinical system',
    (text) => checkName(text, 'the current clinical system'),
    { default: 'EMIS Web' },
  );
  const differs = (name: string) =>
    name.toLowerCase() === current.toLowerCase()
      ? `The new clinical system must be different from the current one (${current}).`
      : undefined;
  const next = await askChecked(
    session,
    'New clinical system',
    also((text) => checkName(text, 'the new clinical system'), differs),
    { default: current.toLowerCase() === 'systmone' ? undefined : 'SystmOne' },
  );
  return { current, new: next };
}

// --- 5. The team -------------------------------------------------------------------------------

async function askTeam(template: Template, session: Session): Promise<Person[]> {
  const team: Person[] = [];
  const needsManager = template.roles.some((role) => role.id === PROJECT_MANAGER);
  for (;;) {
    team.push(await askPerson(template, team, session));
    const hasManager = !needsManager || team.some((person) => person.role === PROJECT_MANAGER);
    const full = team.length >= MAX_TEAM;
    if (!full && (await yesNo(session, 'Add another person?', !hasManager))) continue;
    if (hasManager) return withSafetyOfficer(template, team, session);
    if (full)
      throw new InputError(
        `The team has ${MAX_TEAM} people, the most kickoff plans for, and none of them is the project manager.`,
        'Run kickoff init again and add the project manager among them.',
      );
    say(session, 'A migration needs a project manager: please add one.');
  }
}

/**
 * The clinical safety officer (DCB0160) signs the clinical safety case before go-live. Often the
 * lead GP holds the role too, so the lead GP is offered first; a person may also be added, or the
 * role left for later (the pack then names it as nobody's yet).
 */
async function withSafetyOfficer(template: Template, team: Person[], session: Session): Promise<Person[]> {
  if (!template.roles.some((role) => role.id === SAFETY_OFFICER)) return team;
  if (team.some((person) => person.role === SAFETY_OFFICER)) return team;
  const leads = team.filter((person) => person.role === LEAD_GP);
  const chosen = await select<Person | 'someone' | 'later'>(
    {
      message:
        'Who is the clinical safety officer (DCB0160: keeps the hazard log, signs the clinical safety case)?',
      choices: [
        ...leads.map((person) => ({
          name: `${person.name}, the lead GP`,
          value: person,
          short: person.name,
        })),
        { name: 'Someone else (add them now)', value: 'someone' as const, short: 'Someone else' },
        { name: 'Not chosen yet (add them to the team later)', value: 'later' as const, short: 'Not yet' },
      ],
      default: leads[0] ?? 'later',
    },
    promptContext(session),
  );
  if (chosen === 'later') return team;
  if (chosen !== 'someone') return [...team, { ...chosen, role: SAFETY_OFFICER }];
  const label = 'Clinical safety officer';
  const name = await askChecked(session, `${label}: name`, (text) => checkName(text, "the person's name"));
  const email = await askChecked(session, `${label}: email`, checkEmail);
  return [...team, { role: SAFETY_OFFICER, name, email }];
}

async function askPerson(template: Template, team: readonly Person[], session: Session): Promise<Person> {
  const label = `Team member ${team.length + 1}`;
  const role = await select(
    {
      message: `${label}: role`,
      choices: template.roles.map((r) => ({ name: r.title, value: r.id, description: r.description })),
      default: defaultRole(template, team),
    },
    promptContext(session),
  );
  const name = await askChecked(session, `${label}: name`, (text) => checkName(text, "the person's name"));
  const email = await askChecked(session, `${label}: email`, checkEmail);
  return { role, name, email };
}

/** The project manager until there is one, then the first role nobody has yet. */
function defaultRole(template: Template, team: readonly Person[]): string | undefined {
  const taken = new Set(team.map((person) => person.role));
  const ids = template.roles.map((role) => role.id);
  if (ids.includes(PROJECT_MANAGER) && !taken.has(PROJECT_MANAGER)) return PROJECT_MANAGER;
  return ids.find((id) => !taken.has(id)) ?? ids[0];
}

// --- 6. Third parties --------------------------------------------------------------------------

/** Only the parties that exist in the practice's nation are offered (no PCSE for a Scottish practice). */
async function askThirdParties(
  template: Template,
  nation: Nation,
  session: Session,
): Promise<ThirdPartyChoice[]> {
  const ids = await checkbox(
    {
      message: 'Which third parties and linked services does the practice use?',
      choices: template.thirdParties
        .filter((party) => !party.nations || party.nations.includes(nation))
        .map((party) => ({
          name: `${party.name} — ${describeOffset(party.notice)} notice${party.noticeAssumed ? ' (assumed; confirm with them)' : ''}`,
          short: party.name,
          value: party.id,
        })),
    },
    promptContext(session),
  );
  const chosen: ThirdPartyChoice[] = ids.map((id) => ({ id }));
  while (await yesNo(session, 'Add another third party not in the list?', false)) {
    chosen.push(await askCustomThirdParty(session));
  }
  return chosen;
}

async function askCustomThirdParty(session: Session): Promise<ThirdPartyChoice> {
  const name = await askChecked(session, 'Third party name', (text) =>
    checkName(text, 'the third party name'),
  );
  const notice = await askChecked(
    session,
    `How much notice does ${name} need? (e.g. 10 working days, 14 days or 5 weeks)`,
    checkNoticeText,
  );
  return { name, notice };
}

/** Asked only when the template has a dispensary's own items for this nation. */
async function askDispensing(
  template: Template,
  nation: Nation,
  session: Session,
): Promise<boolean | undefined> {
  const asks = template.items.some(
    (item) => item.when?.dispensing !== undefined && (!item.nations || item.nations.includes(nation)),
  );
  if (!asks) return undefined;
  return yesNo(session, 'Is it a dispensing practice (it dispenses medicines to its own patients)?', false);
}

// --- 7. Absences -------------------------------------------------------------------------------

async function askAbsences(
  team: readonly Person[],
  calendar: WorkingCalendar,
  session: Session,
): Promise<Absence[]> {
  const absences: Absence[] = [];
  if (team.length === 0) return absences;
  let more = await yesNo(session, 'Is anyone away during the migration?', false);
  while (more) {
    absences.push(await askAbsence(team, calendar, session));
    more = await yesNo(session, 'Add another absence?', false);
  }
  return absences;
}

async function askAbsence(
  team: readonly Person[],
  calendar: WorkingCalendar,
  session: Session,
): Promise<Absence> {
  const who = await select(
    { message: 'Who is away?', choices: team.map((person) => ({ name: person.name, value: person.name })) },
    promptContext(session),
  );
  const from = await askChecked(session, 'First day away', (text) => checkPlannableDate(text, calendar));
  const notBefore = (to: CalendarDate) =>
    to < from ? `The last day away cannot be before the first day (${formatLong(from)}).` : undefined;
  const to = await askChecked(
    session,
    'Last day away',
    also((text) => checkPlannableDate(text, calendar), notBefore),
    { default: from },
  );
  return { who, from, to };
}

// --- 8. Kick-off -------------------------------------------------------------------------------

async function askKickoff(
  goLive: CalendarDate,
  calendar: WorkingCalendar,
  session: Session,
): Promise<CalendarDate | undefined> {
  const beforeGoLive = (date: CalendarDate) =>
    date < goLive ? undefined : `The kick-off must be before go-live (${formatLong(goLive)}).`;
  const dated = also((text: string) => checkPlannableDate(text, calendar), beforeGoLive);
  // Empty means "let kickoff choose", so it passes the check as no date at all.
  const optional = (text: string): Check<CalendarDate | undefined> =>
    text.trim() === '' ? { ok: true, value: undefined } : dated(text);
  return askChecked(session, 'Kick-off meeting date (leave empty and kickoff will choose one)', optional);
}

// --- 9. Where the meetings are -----------------------------------------------------------------

/** Optional: a room or the call link, put on every meeting in the calendars (LOCATION). */
async function askMeetingLocation(session: Session): Promise<string | undefined> {
  const optional = (text: string): Check<string | undefined> =>
    text.trim() === '' ? { ok: true, value: undefined } : { ok: true, value: text.trim() };
  return askChecked(
    session,
    'Where are the meetings held? A room, or the call link (leave empty to skip)',
    optional,
  );
}
