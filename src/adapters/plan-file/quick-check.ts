/**
 * The quick check of a plan's data (what js-yaml read). For the plans kickoff writes and the edits
 * people usually make, it gives the very value the plan schema (plan-store.ts, zod) gives, without
 * building zod's schemas or running them: those were about 8 ms of every `kickoff show`, `calendar`
 * and `schedule`. It never explains. Wherever it is not sure (a wrong type, a key it does not know,
 * a value zod would change in a way it does not copy) it steps aside, and zod checks the plan and
 * reports, as before. test/property/plan-quick-check.property.test.ts holds it to zod: on real plans
 * and thousands of damaged ones, whenever it answers, zod gives the same value, key for key and in
 * the same order. The fields below are listed in the schema's order, which is the output's order.
 */
import { checkEmail, checkNoticeText, checkOdsCode } from '../../domain/answers.js';
import { isCalendarDate, parseCalendarDate } from '../../domain/calendar.js';
import { isKebabId } from '../../domain/ids.js';
import { ITEM_TYPES, NATIONS, STATUSES } from '../../domain/types.js';
import type { RawPlan } from './read.js';
import { DURATION, FINGERPRINT, TIME } from './rules.js';

/** Thrown, and caught in quickCheckPlan, wherever the quick check is not sure. */
const NOT_SURE = Symbol('not sure');

/** The plan's value as the schema gives it, or undefined: then ask zod. */
export function quickCheckPlan(data: unknown): RawPlan | undefined {
  try {
    return plan(data) as RawPlan;
  } catch (error) {
    if (error === NOT_SURE) return undefined;
    throw error;
  }
}

type Read = (value: unknown) => unknown;
type Data = Record<string, unknown>;

function ensure(ok: boolean): void {
  if (!ok) throw NOT_SURE;
}

// ---------------------------------------------------------------- values

const string: Read = (value) => {
  ensure(typeof value === 'string');
  return value;
};
const nonEmpty: Read = (value) => {
  ensure((string(value) as string).length > 0);
  return value;
};
/** z.string().trim().min(1): the trimmed text. */
const text: Read = (value) => {
  const trimmed = (string(value) as string).trim();
  ensure(trimmed.length > 0);
  return trimmed;
};
const matching =
  (pattern: RegExp): Read =>
  (value) => {
    ensure(pattern.test(string(value) as string));
    return value;
  };
const kebabId: Read = (value) => {
  ensure(isKebabId(string(value) as string));
  return value;
};
/** A plan date: already yyyy-mm-dd, a real day, kept as written. */
const planDate: Read = (value) => {
  ensure(isCalendarDate(value));
  return value;
};
/** An answers date: 2027-03-15 or 15/03/2027, given back as yyyy-mm-dd. */
const answerDate: Read = (value) => {
  const parsed = parseCalendarDate(string(value) as string);
  if (!parsed.ok) throw NOT_SURE;
  return parsed.date;
};
const checked =
  (check: (text: string) => { ok: true; value: unknown } | { ok: false }): Read =>
  (value) => {
    const result = check(string(value) as string);
    if (!result.ok) throw NOT_SURE;
    return result.value;
  };
const oneOf =
  (values: readonly string[]): Read =>
  (value) => {
    ensure(values.includes(value as string));
    return value;
  };
const boolean: Read = (value) => {
  ensure(typeof value === 'boolean');
  return value;
};
const integer =
  (min: number): Read =>
  (value) => {
    ensure(Number.isSafeInteger(value) && (value as number) >= min);
    return value;
  };

// ---------------------------------------------------------------- containers

/** Only what js-yaml makes: a plain object. */
function plain(value: unknown): Data {
  ensure(typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype);
  return value as Data;
}

const array =
  (read: Read): Read =>
  (value) => {
    ensure(Array.isArray(value));
    return (value as unknown[]).map((item) => read(item));
  };

/** z.record: every key checked by `key`, values read in the file's order. */
const record =
  (read: Read, key: Read = string): Read =>
  (value) => {
    const input = plain(value);
    const out: Data = {};
    for (const name of Object.keys(input)) {
      ensure(name !== '__proto__');
      key(name);
      out[name] = read(input[name]);
    }
    return out;
  };

interface Field {
  readonly read: Read;
  /** When the key is absent: left out ('optional'), a default, or (undefined) not sure. */
  readonly absent?: 'optional' | (() => unknown);
}
const required = (read: Read): Field => ({ read });
const optional = (read: Read): Field => ({ read, absent: 'optional' });
const orEmptyList = (read: Read): Field => ({ read, absent: () => [] });

/** z.strictObject: no key it does not know; the output has the fields in this order. */
function strictObject(fields: Record<string, Field>): Read {
  const keys = Object.keys(fields);
  const known = new Set(keys);
  return (value) => {
    const input = plain(value);
    for (const name of Object.keys(input)) ensure(known.has(name) && input[name] !== undefined);
    const out: Data = {};
    for (const name of keys) {
      const field = fields[name]!;
      if (Object.hasOwn(input, name)) out[name] = field.read(input[name]);
      else if (field.absent === undefined) throw NOT_SURE;
      else if (field.absent !== 'optional') out[name] = field.absent();
    }
    return out;
  };
}

// ---------------------------------------------------------------- the plan (plan-store.ts's order)

const customParty = strictObject({
  name: required(text),
  noticeDays: optional(integer(1)),
  noticeWorkingDays: optional(integer(1)),
  noticeWeeks: optional(integer(1)),
  notice: optional(checked(checkNoticeText)),
});
/** A template party's id, or one of the practice's own with exactly one notice period. */
const thirdParty: Read = (value) => {
  if (typeof value === 'string') return text(value);
  const party = customParty(value) as Data;
  const notices = ['noticeDays', 'noticeWorkingDays', 'noticeWeeks', 'notice'];
  ensure(notices.filter((key) => party[key] !== undefined).length === 1);
  return party;
};

const answers = strictObject({
  practice: optional(strictObject({ name: required(text), ods: required(checked(checkOdsCode)) })),
  goLive: optional(answerDate),
  nation: optional(oneOf(NATIONS)),
  systems: optional(strictObject({ current: required(text), new: required(text) })),
  team: optional(
    array(strictObject({ role: required(text), name: required(text), email: required(checked(checkEmail)) })),
  ),
  thirdParties: optional(array(thirdParty)),
  absences: optional(
    array(strictObject({ who: required(text), from: required(answerDate), to: required(answerDate) })),
  ),
  kickoff: optional(answerDate),
  meetingLocation: optional(text),
  dispensing: optional(boolean),
});

const item = strictObject({
  id: required(kebabId),
  title: required(nonEmpty),
  type: required(oneOf(ITEM_TYPES)),
  thirdParty: optional(string),
  date: optional(planDate),
  start: optional(planDate),
  end: optional(planDate),
  time: optional(matching(TIME)),
  duration: optional(matching(DURATION)),
  location: optional(text),
  repeatsWeeklyUntil: optional(planDate),
  moved: optional(record(planDate, planDate)),
  except: optional(array(planDate)),
  roles: orEmptyList(array(string)),
  informational: optional(boolean),
  status: optional(oneOf(STATUSES)),
  pinned: optional(boolean),
  notes: optional(string),
  description: optional(string),
});

const published = strictObject({
  sequence: required(integer(0)),
  since: required(planDate),
  fingerprint: required(matching(FINGERPRINT)),
  title: required(string),
  date: optional(planDate),
  start: optional(planDate),
  end: optional(planDate),
  time: optional(matching(TIME)),
  roles: orEmptyList(array(string)),
  cancelled: optional(boolean),
  cancelledFor: optional(array(string)),
});

const plan = strictObject({
  format: required(integer(Number.MIN_SAFE_INTEGER)),
  template: required(strictObject({ id: required(string), version: required(string) })),
  scheduled: required(planDate),
  answers: required(answers),
  roles: required(record(string)),
  phases: required(
    array(
      strictObject({ phase: required(string), title: required(string), items: orEmptyList(array(item)) }),
    ),
  ),
  published: optional(record(published)),
  invited: optional(record(record(integer(0)))),
});
