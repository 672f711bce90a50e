/**
 * Reads YAML that people write (answers, templates, plans) and checks it against a schema.
 * Every problem becomes an InputError naming file:line:col, what was expected and how to fix it.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { InputError, type SourceLocation } from '../errors.js';

export interface YamlSource<T> {
  readonly value: T;
  readonly document: Document;
  readonly lineCounter: LineCounter;
  /** Where a path (as the schema sees it) sits in the file. */
  readonly locate: (path: readonly PropertyKey[], atKey?: boolean) => SourceLocation;
}

/** Parses `text` (from `file`) with the YAML 1.2 core schema, so 2027-03-15 stays a string. */
export function parseYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  what: string,
): YamlSource<z.output<S>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    schema: 'core',
    prettyErrors: false,
    uniqueKeys: true,
  });
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const firstError = document.errors[0];
  if (firstError) {
    throw new InputError(
      `${what} is not valid YAML: ${firstError.message.split('\n')[0] ?? firstError.message}`,
      'Check the indentation and quoting around this line; a value containing ": " or "#" needs quotes.',
      at(firstError.pos[0]),
    );
  }
  const locate = (path: readonly PropertyKey[], atKey = false): SourceLocation =>
    at(offsetOf(document, path, atKey));
  const result = schema.safeParse(document.toJS() ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const keyPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    throw new InputError(
      `${what}: ${describePath(keyPath)}${explain(issue)}`,
      hintFor(issue),
      locate(keyPath, issue.code === 'unrecognized_keys'),
    );
  }
  return { value: result.data as z.output<S>, document, lineCounter, locate };
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

function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('')
    .concat(' ');
}

function explain(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `is not a key kickoff knows`;
    case 'invalid_type':
      return issue.input === undefined
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
