/**
 * The answers file (`--answers FILE`, `-` for stdin) → the answers it gives. Every key is optional
 * here: what is missing is asked at a prompt, or named in a usage error without a terminal.
 */
import * as z from 'zod';
import {
  checkDate,
  checkEmail,
  checkNoticeText,
  checkOdsCode,
  hasOneNotice,
  MAX_NOTICE,
  MAX_NOTICE_TEXT,
  MAX_TEAM,
} from '../../domain/answers.js';
import { closest } from '../../domain/nearest.js';
import type { Template } from '../../domain/template.js';
import { NATIONS, type Answers, type NoticePeriod, type ThirdPartyChoice } from '../../domain/types.js';
import { InputError } from '../../errors.js';
import { readText } from '../files.js';
import { once } from '../once.js';
import { fromCheck } from './checked-text.js';
import { checkAnswers } from '../plan-file/schema-check.generated.js';
import { parseYaml, type YamlSource } from '../yaml-file.js';

/** The answers' schema, built the first time it is needed (building zod schemas costs milliseconds). */
export const answersSchema = once(() => {
  const date = fromCheck(checkDate);
  const text = z.string().trim().min(1, 'should not be empty');
  const noticeAmount = (most: number, unit: string) =>
    z
      .number()
      .int()
      .positive()
      .max(most, `should be at most ${most} ${unit}: a notice period is ${MAX_NOTICE_TEXT}`);

  const customParty = z
    .strictObject({
      name: text,
      noticeDays: noticeAmount(MAX_NOTICE.d, 'days').optional(),
      noticeWorkingDays: noticeAmount(MAX_NOTICE.wd, 'working days').optional(),
      noticeWeeks: noticeAmount(MAX_NOTICE.w, 'weeks').optional(),
      notice: fromCheck(checkNoticeText).optional(),
    })
    .refine(hasOneNotice, {
      message:
        'needs exactly one of noticeDays, noticeWorkingDays or noticeWeeks, e.g. { name: Vocare, noticeWorkingDays: 10 }',
    });

  return z.strictObject({
    practice: z.strictObject({ name: text, ods: fromCheck(checkOdsCode) }).optional(),
    goLive: date.optional(),
    nation: z.enum(NATIONS).optional(),
    systems: z.strictObject({ current: text, new: text }).optional(),
    team: z
      .array(z.strictObject({ role: text, name: text, email: fromCheck(checkEmail) }))
      .max(
        MAX_TEAM,
        `has more than ${MAX_TEAM} people, the most kickoff plans for: list the people who take part in the migration, and share the calendars with everyone else`,
      )
      .optional(),
    thirdParties: z.array(z.union([text, customParty])).optional(),
    absences: z.array(z.strictObject({ who: text, from: date, to: date })).optional(),
    kickoff: date.optional(),
    meetingLocation: text.optional(),
    dispensing: z.boolean().optional(),
  });
});

export type RawAnswers = z.output<ReturnType<typeof answersSchema>>;

/** Turns the file's shape into the domain's, checking ids against the template. */
export function toAnswers(
  raw: RawAnswers,
  template: Template,
  locate: YamlSource<unknown>['locate'],
): Partial<Answers> {
  const roles = new Set(template.roles.map((r) => r.id));
  raw.team?.forEach((person, i) => {
    if (!roles.has(person.role)) {
      throw new InputError(
        `Answers: team[${i}].role "${person.role}" is not a role in the template.`,
        `Use one of: ${[...roles].join(', ')}.`,
        locate(['team', i, 'role']),
      );
    }
  });
  const parties = new Set(template.thirdParties.map((p) => p.id));
  raw.thirdParties?.forEach((choice, i) => {
    if (typeof choice === 'string' && raw.thirdParties!.indexOf(choice) !== i) {
      throw new InputError(
        `Answers: third party ${i + 1} ("${choice}") is listed twice.`,
        'Remove one of them.',
        locate(['thirdParties', i]),
      );
    }
  });
  const thirdParties = raw.thirdParties?.map((choice, i): ThirdPartyChoice => {
    if (typeof choice === 'string') {
      if (!parties.has(choice)) {
        // Counted from 1, as people count the parties in their list; the nearest id when one is close.
        const near = closest(choice, [...parties]);
        throw new InputError(
          `Answers: third party ${i + 1} ("${choice}") is not a third party in the template.${near ? ` Did you mean "${near}"?` : ''}`,
          `Use one of: ${[...parties].join(', ')}; or add your own as { name: ..., noticeWorkingDays: 10 }.`,
          locate(['thirdParties', i]),
        );
      }
      return { id: choice };
    }
    const notice: NoticePeriod =
      choice.notice ??
      (choice.noticeWeeks
        ? { amount: choice.noticeWeeks, unit: 'w' }
        : choice.noticeWorkingDays
          ? { amount: choice.noticeWorkingDays, unit: 'wd' }
          : { amount: choice.noticeDays!, unit: 'd' });
    return { name: choice.name, notice };
  });
  raw.absences?.forEach((absence, i) => {
    if (absence.to < absence.from) {
      throw new InputError(
        `Answers: absences[${i}] ends before it starts.`,
        'Swap from and to.',
        locate(['absences', i, 'to']),
      );
    }
  });
  const result: Partial<Answers> = {
    ...(raw.practice ? { practice: raw.practice } : {}),
    ...(raw.goLive ? { goLive: raw.goLive } : {}),
    ...(raw.nation ? { nation: raw.nation } : {}),
    ...(raw.systems ? { systems: raw.systems } : {}),
    ...(raw.team ? { team: raw.team } : {}),
    ...(thirdParties ? { thirdParties } : {}),
    ...(raw.absences ? { absences: raw.absences } : {}),
    ...(raw.kickoff ? { kickoff: raw.kickoff } : {}),
    ...(raw.meetingLocation ? { meetingLocation: raw.meetingLocation } : {}),
    ...(raw.dispensing !== undefined ? { dispensing: raw.dispensing } : {}),
  };
  return result;
}

/** Reads an answers file; `-` reads standard input. */
export async function loadAnswers(path: string, template: Template): Promise<Partial<Answers>> {
  const name = path === '-' ? '<stdin>' : path;
  return answersFromText(
    await readText(path, 'the answers file', 'Check the path given to --answers.'),
    name,
    template,
  );
}

/** Answers from an answers file's text (`name` is the file, for messages). */
export function answersFromText(text: string, name: string, template: Template): Partial<Answers> {
  const source = parseYaml(text, name, answersSchema, 'Answers', checkAnswers);
  return toAnswers(source.value, template, source.locate);
}

/** A batch's defaults file (batch --defaults): an answers file, every key optional, and `template:`. */
export const defaultsSchema = once(() =>
  answersSchema().extend({
    template: z.string().trim().min(1, 'should be the path of a template file').optional(),
  }),
);

export interface DefaultsFile {
  /** The template the file names, as written (relative to the file's folder). */
  readonly template?: string;
  /** The answers as written (before checking: rows are checked with them filled in). */
  readonly answers: Readonly<Record<string, unknown>>;
  /** Checks the file's roles and third parties against a template, at the file's lines. */
  readonly check: (template: Template) => void;
}

/** Reads a defaults file; every mistake is reported at file:line:column. */
export async function loadDefaultsFile(path: string): Promise<DefaultsFile> {
  const text = await readText(path, 'the defaults file', 'Check the path given to --defaults.');
  const source = parseYaml(text, path, defaultsSchema, 'Defaults');
  const { template, ...checked } = source.value;
  // The same document again as plain values: the rows' answers are checked with these filled in.
  const { template: _template, ...answers } = parseYaml(
    text,
    path,
    z.record(z.string(), z.unknown()),
    'Defaults',
  ).value;
  return {
    ...(template ? { template } : {}),
    answers,
    check: (t) => {
      try {
        toAnswers(checked, t, source.locate);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        throw new InputError(error.message.replace(/^Answers: /, 'Defaults: '), error.hint, error.location);
      }
    },
  };
}
