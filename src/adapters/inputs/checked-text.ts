/**
 * A text field read by one of the domain's checks (domain/answers.ts): the check's value when it
 * says ok, its message when it does not. Each schema made here remembers its check, so that
 * scripts/gen-schema-check.mjs can call the same function by name in the generated plain-code check.
 */
import * as z from 'zod';
import type { Check } from '../../domain/answers.js';

const behind = new WeakMap<z.ZodType, (text: string) => Check<unknown>>();

export function fromCheck<T>(check: (text: string) => Check<T>) {
  const schema = z.string().transform((text, ctx): T => {
    const result = check(text);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });
  behind.set(schema, check);
  return schema;
}

/** The check a schema made by fromCheck runs; undefined for any other schema. */
export function checkBehind(schema: z.ZodType): ((text: string) => Check<unknown>) | undefined {
  return behind.get(schema);
}
