/**
 * Reads YAML that people write (answers, templates, plans) and checks it against a schema.
 * Every problem becomes an InputError naming file:line:col, what was expected and how to fix it.
 */
import {
  isMap,
  isNode,
  isScalar,
  LineCounter,
  parseDocument,
  Parser,
  visit,
  type CST,
  type Document,
  type Node,
} from 'yaml';
import type { z } from 'zod';
import { InputError, type SourceLocation } from '../errors.js';
import { MAX_DEPTH, readKickoffYaml } from './plan-file/dialect-read.js';

export interface YamlSource<T> {
  readonly value: T;
  /** Where a path (as the schema sees it) sits in the file. */
  readonly locate: (path: readonly PropertyKey[], atKey?: boolean) => SourceLocation;
}

/**
 * Parses `text` (from `file`) with the YAML 1.2 core schema, so 2027-03-15 stays a string.
 *
 * One library reads YAML (`yaml`), with one fast path: text laid out as kickoff writes it (its
 * dialect, plan-file/dialect-write.ts) is read line by line by the dialect's own reader
 * (plan-file/dialect-read.ts), several times faster; positions are then worked out with `yaml`
 * only when a caller asks where something is, to report a problem. Anything else (a person's own
 * layout, a syntax error, anchors) and any value the schema refuses is read by `yaml`, whose
 * messages and positions kickoff reports. test/property/dialect.property.test.ts holds the pair
 * to `yaml`: whatever the reader answers, `yaml` gives the same value.
 *
 * `schema` may be a function that builds it (once.ts): then it is built only if it is used.
 * `generated` is the same schema as plain code (plan-file/schema-check.generated.ts), for the
 * plan and the answers: when it accepts the text's value, zod's schema is neither built nor run.
 */
export function parseYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S | (() => S),
  what: string,
  generated?: (data: unknown) => z.output<S> | undefined,
): YamlSource<z.output<S>> {
  const theSchema = () => (typeof schema === 'function' ? schema() : schema);
  const read = readKickoffYaml(text);
  // An empty file (or only comments) is left to `yaml`, which refuses it with the file named.
  if (read !== undefined && read !== null) {
    const quick = generated?.(read);
    const result =
      quick !== undefined ? { success: true as const, data: quick } : theSchema().safeParse(read);
    if (result.success) {
      let slow: YamlSource<unknown> | undefined;
      const locate = (path: readonly PropertyKey[], atKey = false): SourceLocation =>
        (slow ??= parseYamlDocument(text, file, theSchema(), what)).locate(path, atKey);
      return { value: result.data as z.output<S>, locate };
    }
    const tooMany = tooManyAtTop(result.error.issues[0]!, read, text, file, what);
    if (tooMany) throw tooMany;
  }
  return parseYamlDocument(text, file, theSchema(), what);
}

/**
 * A top-level list longer than the schema allows (a team of 154,000 people), said without `yaml`:
 * for a file of megabytes yaml takes seconds and a gigabyte only to say where the list starts, which
 * in kickoff's layout is the line its key starts.
 */
function tooManyAtTop(
  issue: z.core.$ZodIssue,
  data: unknown,
  text: string,
  file: string,
  what: string,
): InputError | undefined {
  const [key, ...rest] = issue.path;
  if (issue.code !== 'too_big' || typeof key !== 'string' || rest.length > 0) return undefined;
  const start = new RegExp(`^${key.replace(/[^\w-]/g, '\\$&')}:`, 'm').exec(text);
  if (!start) return undefined;
  const line = text.slice(0, start.index).split('\n').length;
  return new InputError(`${what}: ${issueText(issue, data)}`, hintFor(issue), { file, line, column: 1 });
}

/** The `yaml` reader: every node with its position, every problem at file:line:col. */
function parseYamlDocument<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  what: string,
): YamlSource<z.output<S>> {
  const lineCounter = new LineCounter();
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const document = parseDocument(text, {
    lineCounter,
    schema: 'core',
    prettyErrors: false,
    uniqueKeys: true,
  });
  // yaml catches the stack running out on a collection nested thousands deep, and says only that.
  const exhausted = document.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) throw nestedTooDeep(text, file, what, at(exhausted.pos[0]));
  const firstError = document.errors[0];
  if (firstError) {
    throw new InputError(
      `${what} is not valid YAML: ${firstError.message.split('\n')[0] ?? firstError.message}`,
      'Check the indentation and quoting around this line; a value containing ": " or "#" needs quotes.',
      at(unclosedBracket(text, firstError.message, firstError.pos[0]) ?? firstError.pos[0]),
    );
  }
  // A tag yaml does not know (!secret, !!js/function) would otherwise be read as plain text: kickoff's
  // files are data only, so a tag is refused rather than quietly given a meaning.
  const unknownTag = document.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag)
    throw new InputError(
      `${what}: kickoff does not read YAML tags (${unknownTag.message.split('\n')[0] ?? ''}).`,
      'Remove the tag (the word starting with !); if the value itself starts with !, put it in quotes.',
      at(unknownTag.pos[0]),
    );
  const locate = (path: readonly PropertyKey[], atKey = false): SourceLocation =>
    at(offsetOf(document, path, atKey));
  if (document.contents === null)
    throw new InputError(`${what} is empty.`, 'Check it is the right file, and that it was saved.', at(0));
  let data: unknown;
  let result: ReturnType<S['safeParse']>;
  try {
    data = toData(document, what, at);
    result = schema.safeParse(data) as ReturnType<S['safeParse']>;
  } catch (error) {
    // Turning the document into data, and checking it, recurse too: the same limit, said the same way.
    if (error instanceof RangeError && /call stack/i.test(error.message))
      throw nestedTooDeep(text, file, what, at(0));
    throw error;
  }
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new InputError(
      `${what}: ${issueText(issue, data)}`,
      hintFor(issue),
      locate(keyPathOf(issue), issue.code === 'unrecognized_keys' || issue.code === 'invalid_key'),
    );
  }
  return { value: result.data as z.output<S>, locate };
}

/**
 * A file whose lists and maps nest so deep that reading it ran out of stack (thousands of levels:
 * composing, turning into data and checking all recurse once a level), refused at the first list or
 * map deeper than MAX_DEPTH, or where reading gave up.
 */
function nestedTooDeep(text: string, file: string, what: string, fallback: SourceLocation): InputError {
  const deepest = deepestCollection(text);
  const where = deepest
    ? {
        file,
        line: deepest.lines.linePos(deepest.offset).line,
        column: deepest.lines.linePos(deepest.offset).col,
      }
    : fallback;
  return new InputError(
    `${what} is nested more than ${MAX_DEPTH} levels deep (lists or maps inside each other); kickoff's files never are.`,
    'Check this part of the file: it is not something kickoff wrote or asks for. Remove it, or the extra "-" and indentation.',
    where,
  );
}

/**
 * Where a list or map first sits more than MAX_DEPTH levels deep, or undefined. yaml's own parser
 * (the CST) keeps a stack of its own, so it can read any depth, and this walks its tokens with a
 * list rather than by recursion. It costs a second reading, so it runs only once reading failed.
 */
function deepestCollection(text: string): { offset: number; lines: LineCounter } | undefined {
  const lines = new LineCounter();
  const pending: { token: CST.Token | null | undefined; depth: number }[] = [];
  for (const token of new Parser(lines.addNewLine).parse(text)) pending.push({ token, depth: 0 });
  while (pending.length > 0) {
    const { token, depth } = pending.pop()!;
    if (!token) continue;
    if (token.type === 'document') pending.push({ token: token.value, depth });
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection')
      continue;
    if (depth + 1 > MAX_DEPTH) return { offset: token.offset, lines };
    for (const item of token.items as CST.CollectionItem[]) {
      pending.push({ token: item.key, depth: depth + 1 });
      pending.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * The data, with aliases (*name) expanded at most MAX_ALIASES times: a "billion laughs" file (aliases
 * of aliases of lists) would otherwise take gigabytes. kickoff's own files use no aliases at all.
 */
const MAX_ALIASES = 100;

function toData(document: Document, what: string, at: (offset: number) => SourceLocation): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (error) {
    // yaml throws a ReferenceError for too many or unknown aliases; anything else is a bug.
    if (!(error instanceof ReferenceError)) throw error;
    let offset = 0;
    visit(document, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const tooMany = /alias count/i.test(error.message);
    throw new InputError(
      tooMany
        ? `${what} has too many aliases (*name): more than ${MAX_ALIASES} copies, which could exhaust memory.`
        : `${what}: ${error.message.split('\n')[0] ?? error.message}`,
      'Write the values out instead of using anchors (&name) and aliases (*name).',
      at(offset),
    );
  }
}

/** Where zod's issue is: for an unknown key, the key itself. */
function keyPathOf(issue: z.core.$ZodIssue): PropertyKey[] {
  return issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
}

/** zod's issue about `data` in words people read: where, then what is wrong ("goLive is missing …"). */
export function issueText(issue: z.core.$ZodIssue, data: unknown): string {
  // A key the schema refuses (a role id that is a path): the map it is in, and what is wrong with it.
  if (issue.code === 'invalid_key')
    return `${describePath(issue.path.slice(0, -1), data)}${issue.issues[0]?.message ?? issue.message}`;
  // One of two shapes (a third party's id, or its own name and notice): say what is wrong with the
  // shape that was given, rather than zod's "Invalid input".
  if (issue.code === 'invalid_union') {
    const given = issue.errors.find((branch) => branch[0] && !isWrongShape(branch[0]))?.[0];
    if (given) return issueText({ ...given, path: [...issue.path, ...given.path] }, data);
  }
  const keyPath = keyPathOf(issue);
  return `${describePath(keyPath, data)}${explain(issue, valueAt(data, keyPath))}`;
}

/** zod's word for a value of another type altogether (an object where a string is expected). */
function isWrongShape(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.path.length === 0;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path)
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

/**
 * The start offset of the deepest node along `path` that exists (a missing key points at its
 * parent). `atKey` points at the last key itself rather than its value (for unknown keys).
 */
function offsetOf(document: Document, path: readonly PropertyKey[], atKey: boolean): number {
  let node: unknown = document.contents;
  let offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
  for (const [index, key] of path.entries()) {
    if (!isNode(node)) break;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      offset = isNode(pair.key) ? (pair.key.range?.[0] ?? offset) : offset;
      if (atKey && index === path.length - 1) break;
      node = pair.value;
      if (isNode(node) && !isScalar(node)) continue;
      if (isNode(node)) offset = (node as Node).range?.[0] ?? offset;
      continue;
    }
    const child = (node as { get?: (k: unknown, keep: boolean) => unknown }).get?.(key, true);
    if (!isNode(child)) break;
    offset = child.range?.[0] ?? offset;
    node = child;
  }
  return offset;
}

/**
 * `answers.team[2].email`; inside something with an id, by that id: `item "kick-off" date` reads
 * better than `phases[0].items[1].date`.
 */
function describePath(path: readonly PropertyKey[], data: unknown): string {
  if (path.length === 0) return '';
  let node = data;
  let named: { at: number; id: string } | undefined;
  path.forEach((key, at) => {
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    if (typeof key === 'number' && typeof id === 'string') named = { at, id };
  });
  if (named) {
    const rest = path
      .slice(named.at + 1)
      .map(String)
      .join('.');
    return `item "${named.id}"${rest ? ` ${rest}` : ''} `;
  }
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('')
    .concat(' ');
}

function explain(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `is not a key kickoff knows`;
    case 'invalid_type':
      // zod leaves issue.input out unless asked; the value in the data says whether it is there.
      return value === undefined
        ? `is missing (expected ${issue.expected})`
        : `should be ${article(issue.expected)}`;
    case 'invalid_value':
      return `should be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function hintFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') return 'Check the spelling, or remove the key.';
  return undefined;
}

/**
 * yaml reports an unclosed `[` or `{` where it gave up (the next line); people need the line with
 * the bracket. Scans up to the error, skipping quoted scalars and comments, for the unclosed opener.
 */
function unclosedBracket(text: string, message: string, errorAt: number): number | undefined {
  const wanted = /end with an? ([\]}])/.exec(message)?.[1];
  if (!wanted) return undefined;
  const open: { char: string; at: number }[] = [];
  let quote: string | undefined;
  for (let i = 0; i < Math.min(errorAt, text.length); i += 1) {
    const c = text[i]!;
    if (quote) {
      if (c === quote || c === '\n') quote = undefined;
    } else if ((c === '"' || c === "'") && startsScalar(text, i)) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (end === -1) break;
      i = end - 1;
    } else if (c === '[' || c === '{') open.push({ char: c, at: i });
    else if (c === ']' || c === '}') open.pop();
  }
  const opener = wanted === ']' ? '[' : '{';
  return [...open].reverse().find((o) => o.char === opener)?.at;
}

/** A quote opens a quoted scalar only where a value starts (O'Connor's apostrophe does not). */
function startsScalar(text: string, at: number): boolean {
  const before = text.slice(text.lastIndexOf('\n', at - 1) + 1, at).trimEnd();
  return before === '' || /[[{,:-]$/.test(before);
}
