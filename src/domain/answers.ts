/**
 * Rules for single answers, shared by the prompts, the answers file and the flags so that each
 * answer has one rule and one message wherever it comes from.
 */
import { formatLong, parseCalendarDate, type WorkingCalendar } from './calendar.js';
import { NATIONS, type CalendarDate, type Nation } from './types.js';

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

/** GP practice ODS codes: a letter and five digits (England and Wales), e.g. B82005. */
export function checkOdsCode(text: string): Check<string> {
  const code = text.trim().toUpperCase();
  if (/^[A-Z]\d{5}$/.test(code)) return { ok: true, value: code };
  return {
    ok: false,
    message: `"${text.trim()}" is not a GP practice ODS code: expected a letter and five digits, like B82005.`,
  };
}

export function checkName(text: string, what: string): Check<string> {
  const name = text.replace(/\s+/g, ' ').trim();
  return name ? { ok: true, value: name } : { ok: false, message: `Please enter ${what}.` };
}

export function checkEmail(text: string): Check<string> {
  const email = text.trim();
  if (/^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/.test(email)) return { ok: true, value: email };
  return { ok: false, message: `"${email}" is not an email address, like jane.smith@nhs.net.` };
}

export function checkNation(text: string): Check<Nation> {
  const nation = text.trim().toLowerCase().replace(/\s+/g, '-') as Nation;
  if ((NATIONS as readonly string[]).includes(nation)) return { ok: true, value: nation };
  return { ok: false, message: `"${text}" is not a nation kickoff knows: use ${NATIONS.join(', ')}.` };
}

export function checkDate(text: string): Check<CalendarDate> {
  const parsed = parseCalendarDate(text);
  return parsed.ok ? { ok: true, value: parsed.date } : { ok: false, message: parsed.message };
}

/** A date the working calendar can schedule around (inside the bank-holiday table's years). */
export function checkPlannableDate(text: string, calendar: WorkingCalendar): Check<CalendarDate> {
  const checked = checkDate(text);
  if (!checked.ok) return checked;
  if (!calendar.covers(checked.value)) {
    const { firstYear, lastYear } = calendar.table;
    return {
      ok: false,
      message: `kickoff knows bank holidays for ${firstYear}–${lastYear} only; ${formatLong(checked.value)} is outside them.`,
    };
  }
  return checked;
}

/**
 * A go-live date a plan can be made for: plannable, and not before today (a migration cannot go
 * live in the past; `schedule` reports a plan whose go-live has passed instead).
 */
export function checkGoLiveDate(
  text: string,
  calendar: WorkingCalendar,
  today: CalendarDate,
): Check<CalendarDate> {
  const checked = checkPlannableDate(text, calendar);
  if (!checked.ok || checked.value >= today) return checked;
  return {
    ok: false,
    message: `go-live ${formatLong(checked.value)} is before today (${formatLong(today)}); choose a date from today on.`,
  };
}

/**
 * When a go-live date is not a working day: why, and the working days either side to offer instead.
 * A working day before `today` is not offered (`before` is then absent).
 */
export function goLiveDayProblem(
  date: CalendarDate,
  calendar: WorkingCalendar,
  today: CalendarDate,
): { reason: string; before?: CalendarDate; after: CalendarDate } | undefined {
  if (calendar.isWorkingDay(date)) return undefined;
  const holiday = calendar.bankHoliday(date);
  const reason = holiday
    ? `${formatLong(date)} is a bank holiday (${holiday.title})`
    : `${formatLong(date)} is a weekend`;
  const before = calendar.previousWorkingDay(date);
  return { reason, ...(before >= today ? { before } : {}), after: calendar.nextWorkingDay(date) };
}

/**
 * The most people a plan's team may have. A practice's migration team is a handful of named people
 * and the practice's staff, tens at most; 500 leaves room for the largest practices, keeps `kickoff
 * invite` to a few thousand messages, and keeps every plan kickoff writes well under the 10 MB it
 * reads back (a plan with 500 people, each invited to everything, is about 1 MB).
 */
export const MAX_TEAM = 500;

/**
 * The longest notice period kickoff takes, in each unit: a year. Third parties ask for days or weeks
 * (the template's longest is 5 weeks); a period of years is a typing mistake, and would put its
 * deadline outside any calendar kickoff knows.
 */
export const MAX_NOTICE = { d: 365, wd: 260, w: 52 } as const;
export const MAX_NOTICE_TEXT = `at most a year (${MAX_NOTICE.d} days, ${MAX_NOTICE.wd} working days or ${MAX_NOTICE.w} weeks)`;

/**
 * Notice given in an answers file or at the "add another" prompt: '10d', '10 days',
 * '10 working days', '10wd', '5w', '3 weeks'.
 */
export function checkNoticeText(text: string): Check<{ amount: number; unit: 'd' | 'wd' | 'w' }> {
  const match = /^\s*(\d{1,3})\s*(wd|working\s+days?|d|days?|w|weeks?)\s*$/i.exec(text);
  if (!match)
    return {
      ok: false,
      message: `"${text}" is not a notice period: write e.g. "10 working days", "14 days" or "5 weeks".`,
    };
  const amount = Number(match[1]);
  if (amount < 1) return { ok: false, message: 'A notice period must be at least 1 day.' };
  const word = match[2]!.toLowerCase();
  const unit = word === 'wd' || word.startsWith('working') ? 'wd' : word.startsWith('w') ? 'w' : 'd';
  if (amount > MAX_NOTICE[unit])
    return {
      ok: false,
      message: `"${text.trim()}" is too long: a notice period must be ${MAX_NOTICE_TEXT}.`,
    };
  return { ok: true, value: { amount, unit } };
}

/** A third party of the practice's own gives its notice one way: in days, working days, weeks or words. */
export function hasOneNotice(party: {
  readonly noticeDays?: number;
  readonly noticeWorkingDays?: number;
  readonly noticeWeeks?: number;
  readonly notice?: unknown;
}): boolean {
  const given = [party.noticeDays, party.noticeWorkingDays, party.noticeWeeks, party.notice];
  return given.filter((n) => n !== undefined).length === 1;
}
