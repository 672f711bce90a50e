/**
 * kickoff's dialect of YAML: the part of YAML that kickoff writes (dialect-write.ts) and that its
 * own reader reads back line by line (dialect-read.ts). The two are one pair: whatever the writer
 * writes, the reader reads back as the same value, and `yaml` agrees
 * (test/property/dialect.property.test.ts). The rules both sides keep are here, once.
 */

/**
 * The core schema's other types (null, bool, int in octal/decimal/hex, float specials, exponent,
 * decimal): plain text matching any of these is read back as not text. yaml's tests, as one pattern.
 */
export const OTHER_TYPES = new RegExp(
  [
    /^(?:~|[Nn]ull|NULL)?$/,
    /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    /^0o[0-7]+$/,
    /^[-+]?[0-9]+$/,
    /^0x[0-9a-fA-F]+$/,
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
  ]
    .map((type) => `(?:${type.source})`)
    .join('|'),
);

/** Anything outside the dialect: tabs, CR, other line breaks, control characters, a byte-order mark. */
// eslint-disable-next-line no-control-regex
export const UNUSUAL = /[\x00-\x08\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]/;

/** Characters a plain scalar may not start with (YAML's indicators). */
export const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** A key as kickoff writes them: a name, an id, an email address or a date (the reader's patterns). */
export const KEY = /^([A-Za-z_][\w.@+-]*|\d{4}-\d\d-\d\d):(?: +|$)/;
export const FLOW_KEY = /([A-Za-z_][\w.@+-]*|\d{4}-\d\d-\d\d): +/y;
const KEY_NAME = /^(?:[A-Za-z_][\w.@+-]*|\d{4}-\d\d-\d\d)$/;

/**
 * A key the dialect writes plain and reads back: not one YAML's core schema reads as something else
 * (true, null…), nor JavaScript's __proto__, nor longer than `yaml` takes as an implicit key.
 */
export function isDialectKey(key: string): boolean {
  return KEY_NAME.test(key) && !OTHER_TYPES.test(key) && key !== '__proto__' && key.length <= 1000;
}

/** Whole numbers the dialect writes and reads: not negative, at most 15 digits. */
export const DIALECT_NUMBER = /^(?:0|[1-9]\d{0,14})$/;
