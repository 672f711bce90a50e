/**
 * The dialect's reader: YAML as kickoff writes it (dialect-write.ts) — block maps and lists
 * indented with spaces, one-line flow maps and lists, plain and quoted one-line scalars, # comments
 * — read line by line, several times faster than `yaml` from a cold start (reading the plan was
 * the largest part of `kickoff show`). It reads that part of YAML only and steps aside (undefined)
 * at anything else: a scalar over several lines, an anchor, a tag, a tab, a quoted key, a number
 * it does not know, a duplicate key. `yaml` then reads the file. test/property/dialect.property
 * .test.ts holds the pair to `yaml`: whatever the writer writes, this reads back as the same value,
 * and whenever it answers (on kickoff's files and thousands of damaged ones) `yaml` agrees.
 */
import { DIALECT_NUMBER, FLOW_KEY, INDICATOR, KEY, OTHER_TYPES, UNUSUAL } from './dialect.js';

/** Thrown, and caught in readKickoffYaml, wherever the reader is not sure. */
const NOT_SURE = Symbol('not sure');

function no(): never {
  throw NOT_SURE;
}

/** The file's value, or undefined: then let `yaml` read it. */
export function readKickoffYaml(text: string): unknown {
  try {
    return new Reader(text).document();
  } catch (error) {
    if (error === NOT_SURE) return undefined;
    throw error;
  }
}

interface Line {
  readonly indent: number;
  /** The line after its indentation. */
  readonly text: string;
  readonly comment: boolean;
}

/** A key YAML's core schema reads as something else (true, null...), or JavaScript's __proto__. */
const notAName = (key: string) => OTHER_TYPES.test(key) || key === '__proto__';
const DOUBLE_QUOTED = /"((?:[^"\\]|\\.)*)"/y;
const SINGLE_QUOTED = /'((?:[^']|'')*)'/y;
const FLOW_PLAIN = /[^,[\]{}]*/y;
/** What may follow a value on its line: a comment after a space, or spaces. */
const TRAILING = /( +#.*| *)$/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
};

/**
 * Deeper than kickoff ever nests (a plan is 5 levels): yaml's own stack gives out near 800. The
 * same limit holds for files `yaml` reads (yaml-file.ts), which are refused past it.
 */
export const MAX_DEPTH = 64;

class Reader {
  private readonly lines: Line[] = [];
  private at = 0;
  private depth = 0;

  constructor(text: string) {
    if (UNUSUAL.test(text)) no();
    // Counted loops, and no destructuring of arrays, throughout: a command reads its plan once,
    // cold, in V8's interpreter, where each iterator step is an object to make and collect.
    const raws = text.split('\n');
    for (let n = 0; n < raws.length; n++) {
      const raw = raws[n]!;
      // Only spaces count: YAML reads any other character, even a no-break space, as text.
      let indent = 0;
      while (raw.charCodeAt(indent) === 32) indent += 1;
      const rest = raw.slice(indent);
      if (rest === '') continue;
      if (indent === 0 && /^(---|\.\.\.|%)/.test(rest)) no();
      this.lines.push({ indent, text: rest, comment: rest.startsWith('#') });
    }
  }

  document(): unknown {
    this.skipComments();
    const first = this.lines[this.at];
    if (!first || first.indent !== 0) no();
    const value = this.block(0);
    this.skipComments();
    if (this.at !== this.lines.length) no();
    return value;
  }

  private skipComments(): void {
    while (this.lines[this.at]?.comment) this.at += 1;
  }

  /** The next content line, after any comment lines. */
  private next(): Line | undefined {
    this.skipComments();
    return this.lines[this.at];
  }

  private block(indent: number): unknown {
    this.deeper();
    const value = isListItem(this.next()!.text) ? this.list(indent) : this.map(indent);
    this.depth -= 1;
    return value;
  }

  private deeper(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) no();
  }

  private map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let line = this.next(); line && line.indent >= indent; line = this.next()) {
      if (line.indent > indent || isListItem(line.text)) no();
      const match = KEY.exec(line.text) ?? no();
      const key = match[1]!;
      // yaml refuses an implicit key of over 1,024 characters; dialect-write.ts writes none over 1,000.
      if (notAName(key) || Object.hasOwn(out, key) || key.length > 1000) no();
      const rest = line.text.slice(match[0].length);
      this.at += 1;
      out[key] = rest === '' || rest.startsWith('#') ? this.nested(indent) : this.inline(rest, indent);
    }
    return out;
  }

  private list(indent: number): unknown[] {
    const out: unknown[] = [];
    for (let line = this.next(); line && line.indent >= indent; line = this.next()) {
      if (line.indent > indent || !isListItem(line.text)) no();
      const rest = line.text.slice(1);
      if (/^ *(#.*)?$/.test(rest)) {
        this.at += 1;
        out.push(this.nested(indent));
        continue;
      }
      const inner = rest.replace(/^ +/, '');
      if (KEY.test(inner)) {
        // `- key: value`: a map whose first entry is on this line, at the column of its key.
        const column = indent + 1 + (rest.length - inner.length);
        this.lines[this.at] = { indent: column, text: inner, comment: false };
        out.push(this.map(column));
      } else {
        this.at += 1;
        out.push(this.inline(inner, indent));
      }
    }
    return out;
  }

  /** What `key:` or `-` with nothing after it holds: the block below it, or null. */
  private nested(indent: number): unknown {
    const line = this.next();
    if (!line || line.indent < indent) return null;
    if (line.indent === indent) {
      if (isListItem(line.text)) no(); // `key:` then `- a` at the key's own indentation
      return null;
    }
    return this.block(line.indent);
  }

  /** A value on its key's (or dash's) line: nothing may follow but a comment, nor continue below. */
  private inline(text: string, indent: number): unknown {
    const read = this.value(text, 0, false);
    const value = read[0];
    const end = read[1];
    TRAILING.lastIndex = end;
    if (!TRAILING.test(text)) no();
    // A line below it indented further: a scalar over several lines, a mistake, or a comment where
    // YAML's rules are subtle. All are left to yaml.
    if ((this.lines[this.at]?.indent ?? 0) > indent) no();
    return value;
  }

  /** A scalar or one-line flow collection at text[i]; returns it and where it ends. */
  private value(text: string, i: number, inFlow: boolean): [unknown, number] {
    const c = text[i];
    if (c === '{' || c === '[') {
      this.deeper();
      const collection = c === '{' ? this.flowMap(text, i) : this.flowList(text, i);
      this.depth -= 1;
      return collection;
    }
    if (c === '"') return doubleQuoted(text, i);
    if (c === "'") return singleQuoted(text, i);
    return inFlow ? flowPlain(text, i) : blockPlain(text, i);
  }

  private flowMap(text: string, i: number): [Record<string, unknown>, number] {
    const out: Record<string, unknown> = {};
    let j = skipSpaces(text, i + 1);
    if (text[j] === '}') return [out, j + 1];
    for (;;) {
      FLOW_KEY.lastIndex = j;
      const match = FLOW_KEY.exec(text) ?? no();
      const key = match[1]!;
      if (notAName(key) || Object.hasOwn(out, key)) no();
      const read = this.value(text, j + match[0].length, true);
      out[key] = read[0];
      j = skipSpaces(text, read[1]);
      if (text[j] === '}') return [out, j + 1];
      if (text[j] !== ',') no();
      j = skipSpaces(text, j + 1);
    }
  }

  private flowList(text: string, i: number): [unknown[], number] {
    const out: unknown[] = [];
    let j = skipSpaces(text, i + 1);
    if (text[j] === ']') return [out, j + 1];
    for (;;) {
      const read = this.value(text, j, true);
      out.push(read[0]);
      j = skipSpaces(text, read[1]);
      if (text[j] === ']') return [out, j + 1];
      if (text[j] !== ',') no();
      j = skipSpaces(text, j + 1);
    }
  }
}

function isListItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === ' ') i += 1;
  return i;
}

/** A plain scalar to the end of the line (or a comment): `title: Kick-off meeting`. */
function blockPlain(text: string, i: number): [unknown, number] {
  const comment = text.indexOf(' #', i);
  const end = comment === -1 ? text.length : comment;
  return [plain(text.slice(i, end).replace(/ +$/, '')), end];
}

/** A plain scalar in a flow collection, up to `,`, `]` or `}`: `[ lead-gp, trainer ]`. */
function flowPlain(text: string, i: number): [unknown, number] {
  FLOW_PLAIN.lastIndex = i;
  const raw = FLOW_PLAIN.exec(text)![0];
  if (raw.includes(' #')) no();
  return [plain(raw.replace(/ +$/, '')), i + raw.length];
}

/** What YAML's core schema makes of a plain scalar, for the ones kickoff writes; else not sure. */
function plain(text: string): unknown {
  if (text === '' || INDICATOR.test(text) || text.includes(': ') || text.endsWith(':')) no();
  if (DIALECT_NUMBER.test(text)) return Number(text);
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (text === 'null' || text === 'Null' || text === 'NULL' || text === '~') return null;
  // Any other number (-1, 0x1f, 1.5…): left to yaml.
  if (OTHER_TYPES.test(text)) no();
  return text;
}

function doubleQuoted(text: string, i: number): [string, number] {
  DOUBLE_QUOTED.lastIndex = i;
  const match = DOUBLE_QUOTED.exec(text) ?? no();
  const value = match[1]!.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) =>
    escape.length === 5 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : (ESCAPES[escape] ?? no()),
  );
  return [value, i + match[0].length];
}

function singleQuoted(text: string, i: number): [string, number] {
  SINGLE_QUOTED.lastIndex = i;
  const match = SINGLE_QUOTED.exec(text) ?? no();
  return [match[1]!.replace(/''/g, "'"), i + match[0].length];
}
