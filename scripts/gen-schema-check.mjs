#!/usr/bin/env node
/**
 * Writes src/adapters/plan-file/schema-check.generated.ts: the plan's and the answers' zod schemas
 * (plan-file/schema.ts, inputs/answers-loader.ts) as plain code, so that opening a valid plan needs
 * neither building zod's schemas nor running them (about 30 ms of every command that opens one).
 *
 * The generated checks say only "valid, and here is the value zod would give" or "not sure": on
 * anything else the reader asks zod, which explains the mistake as before. They are generated from
 * the built schemas (dist/), never written by hand: `npm run generate` after changing a schema;
 * test/unit/schema-check.test.ts fails while the committed file differs from what this writes, and
 * test/property/schema-check.property.test.ts holds the checks to zod on thousands of damaged plans.
 *
 * Every zod feature the schemas use is translated here; one this does not know (a new kind of
 * check, a transform it cannot name) stops the generator with its path, rather than guessing.
 *
 *   node scripts/gen-schema-check.mjs          write the file
 *   node scripts/gen-schema-check.mjs --check  exit 1 if the committed file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TARGET = 'src/adapters/plan-file/schema-check.generated.ts';

/** Modules whose exported functions a schema may call (a refinement or a checked transform). */
const CALLABLE = ['domain/calendar', 'domain/ids', 'domain/template', 'domain/answers'];

const load = (dist, module) => import(pathToFileURL(join(dist, `${module}.js`)).href);

/** The generated file's text, from the schemas built in `dist`. */
export async function generate(dist = join(ROOT, 'dist')) {
  const { planSchema } = await load(dist, 'adapters/plan-file/schema');
  const { answersSchema } = await load(dist, 'adapters/inputs/answers-loader');
  const { checkBehind } = await load(dist, 'adapters/inputs/checked-text');
  const callable = new Map();
  for (const module of CALLABLE)
    for (const [name, value] of Object.entries(await load(dist, module)))
      if (typeof value === 'function') callable.set(value, { name, module });
  const writer = new Writer(callable, checkBehind);
  const plan = writer.parser(planSchema(), 'plan');
  const answers = writer.parser(answersSchema(), 'answers');
  const prettier = await import('prettier');
  const target = join(ROOT, TARGET);
  const options = await prettier.resolveConfig(target);
  return prettier.format(writer.file({ plan, answers }), { ...options, filepath: target });
}

class Writer {
  constructor(callable, checkBehind) {
    this.callable = callable;
    this.checkBehind = checkBehind;
    this.names = new Map();
    this.bodies = new Map();
    this.functions = [];
    this.constants = [];
    this.imports = new Map();
  }

  /**
   * The name of the function that parses `schema` (first met at `path`), written once per schema
   * and once per body: two schemas that check the same (two plain strings) share one function.
   * zod's schemas here have no cycles (they would need zod's own parse context), so a schema's
   * parts are always written before it.
   */
  parser(schema, path) {
    const known = this.names.get(schema);
    if (known) return known;
    const body = this.body(schema, path)
      .map((l) => `  ${l}`)
      .join('\n');
    let name = this.bodies.get(body);
    if (!name) {
      name = `p${this.bodies.size}`;
      this.bodies.set(body, name);
      this.functions.push(`/** ${path} */\nfunction ${name}(v: any): any {\n${body}\n}`);
    }
    this.names.set(schema, name);
    return name;
  }

  body(schema, path) {
    const def = schema._zod.def;
    switch (def.type) {
      case 'string':
        if (def.coerce) throw this.unknown(path, 'z.coerce');
        return [
          "if (typeof v !== 'string') return F;",
          ...this.checks(schema, path, 'v', 'string'),
          'return v;',
        ];
      case 'number':
        if (def.coerce) throw this.unknown(path, 'z.coerce');
        return [
          "if (typeof v !== 'number' || !Number.isFinite(v)) return F;",
          ...this.checks(schema, path, 'v', 'number'),
          'return v;',
        ];
      case 'boolean':
        return ["if (typeof v !== 'boolean') return F;", ...this.checks(schema, path, 'v'), 'return v;'];
      case 'enum':
        return [
          `if (!${this.constant(`new Set(${JSON.stringify(Object.values(def.entries))})`)}.has(v)) return F;`,
          'return v;',
        ];
      case 'optional':
        return ['if (v === undefined) return undefined;', `return ${this.parser(def.innerType, path)}(v);`];
      case 'default':
        return [
          `if (v === undefined) return ${this.literal(def.defaultValue, path)};`,
          `return ${this.parser(def.innerType, path)}(v);`,
        ];
      case 'array':
        return this.array(schema, path);
      case 'object':
        return this.object(schema, path);
      case 'record':
        return this.record(schema, path);
      case 'union':
        return [
          ...def.options.flatMap((option, i) => [
            `${i === 0 ? 'let ' : ''}x = ${this.parser(option, `${path} (option ${i + 1})`)}(v);`,
            'if (x !== F) return x;',
          ]),
          'return F;',
        ];
      case 'pipe':
        return this.pipe(schema, path);
      default:
        throw this.unknown(path, `z.${def.type}()`);
    }
  }

  array(schema, path) {
    const element = this.parser(schema._zod.def.element, `${path}[]`);
    return [
      'if (!Array.isArray(v)) return F;',
      'const out = new Array(v.length);',
      'for (let i = 0; i < v.length; i++) {',
      `  const x = ${element}(v[i]);`,
      '  if (x === F) return F;',
      '  out[i] = x;',
      '}',
      ...this.checks(schema, path, 'out', 'array'),
      'return out;',
    ];
  }

  /** zod's rules: fields in the shape's order; a key is written when its value is defined or the input has it. */
  object(schema, path) {
    const { shape, catchall } = schema._zod.def;
    const keys = Object.keys(shape);
    const lines = [
      "if (typeof v !== 'object' || v === null || Array.isArray(v)) return F;",
      'const out: any = {};',
    ];
    keys.forEach((key, i) => {
      const k = JSON.stringify(key);
      lines.push(
        `const x${i} = ${this.parser(shape[key], `${path}.${key}`)}(v[${k}]);`,
        `if (x${i} === F) return F;`,
        `if (x${i} !== undefined || ${k} in v) out[${k}] = x${i};`,
      );
    });
    if (catchall?._zod.def.type === 'never')
      lines.push(
        `for (const k in v) if (!${this.constant(`new Set(${JSON.stringify(keys)})`)}.has(k)) return F;`,
      );
    else if (catchall !== undefined) throw this.unknown(path, 'a catchall other than strictObject');
    return [...lines, ...this.checks(schema, path, 'out'), 'return out;'];
  }

  /** As zod reads a record: own keys in order, each checked; "__proto__" left out. */
  record(schema, path) {
    const { keyType, valueType } = schema._zod.def;
    if (keyType._zod.def.type !== 'string') throw this.unknown(path, 'a record whose keys are not strings');
    return [
      'if (!isPlainObject(v)) return F;',
      'const out: any = {};',
      'for (const key of Object.keys(v)) {',
      "  if (key === '__proto__') continue;",
      `  const k = ${this.parser(keyType, `${path} key`)}(key);`,
      '  if (k === F) return F;',
      `  const x = ${this.parser(valueType, `${path} value`)}(v[key]);`,
      '  if (x === F) return F;',
      '  out[k] = x;',
      '}',
      'return out;',
    ];
  }

  /** A text read by one of the domain's checks (inputs/checked-text.ts): its value when it says ok. */
  pipe(schema, path) {
    const check = this.checkBehind(schema);
    const input = schema._zod.def.in._zod.def;
    if (!check || input.type !== 'string' || input.checks?.length)
      throw this.unknown(path, 'a transform not made by fromCheck (inputs/checked-text.ts)');
    return [
      "if (typeof v !== 'string') return F;",
      `const r = ${this.call(check, path)}(v);`,
      'return r.ok ? r.value : F;',
    ];
  }

  /** zod's checks, in the order they were added (a trim comes before the length it changes). */
  checks(schema, path, value, kind) {
    return (schema._zod.def.checks ?? []).map((c) => {
      const def = c._zod.def;
      switch (def.check) {
        case 'min_length':
          // zod counts a string's code points; for "at least one" that is the same as its length.
          if (kind === 'string' && def.minimum > 1) throw this.unknown(path, 'a minimum length over 1');
          return `if (${value}.length < ${def.minimum}) return F;`;
        case 'max_length':
          if (kind === 'string') throw this.unknown(path, "a string's maximum length");
          return `if (${value}.length > ${def.maximum}) return F;`;
        case 'string_format':
          if (def.format !== 'regex' || /[gy]/.test(def.pattern.flags))
            throw this.unknown(path, `format ${def.format}`);
          return `if (!${this.constant(String(def.pattern))}.test(${value})) return F;`;
        case 'overwrite':
          if (!isTrim(def.tx)) throw this.unknown(path, 'an overwrite other than trim()');
          return `${value} = ${value}.trim();`;
        case 'number_format':
          if (def.format !== 'safeint') throw this.unknown(path, `number format ${def.format}`);
          return `if (!Number.isSafeInteger(${value})) return F;`;
        case 'greater_than':
          return `if (${value} ${def.inclusive ? '<' : '<='} ${def.value}) return F;`;
        case 'less_than':
          return `if (${value} ${def.inclusive ? '>' : '>='} ${def.value}) return F;`;
        case 'custom':
          return `if (!${this.call(def.fn, path)}(${value})) return F;`;
        default:
          throw this.unknown(path, `the check ${def.check}`);
      }
    });
  }

  /** A domain function the generated file imports by name. */
  call(fn, path) {
    const found = this.callable.get(fn);
    if (!found)
      throw new Error(
        `${path}: the schema calls a function that is not exported from ${CALLABLE.join(', ')}: ${String(fn).slice(0, 80)}. Give it a name there and use that in the schema.`,
      );
    const names = this.imports.get(found.module) ?? new Set();
    this.imports.set(found.module, names.add(found.name));
    return found.name;
  }

  constant(code) {
    let index = this.constants.indexOf(code);
    if (index < 0) index = this.constants.push(code) - 1;
    return `C${index}`;
  }

  literal(value, path) {
    const text = JSON.stringify(value);
    if (text === undefined || JSON.stringify(JSON.parse(text)) !== text)
      throw this.unknown(path, 'a default that is not plain data');
    return text;
  }

  unknown(path, feature) {
    return new Error(
      `${path}: scripts/gen-schema-check.mjs does not translate ${feature}; teach it, or check this field in read.ts.`,
    );
  }

  file({ plan, answers }) {
    const imports = [...this.imports]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([module, names]) => `import { ${[...names].sort().join(', ')} } from '../../${module}.js';`);
    return [
      '// Generated by scripts/gen-schema-check.mjs from the zod schemas in schema.ts and',
      '// inputs/answers-loader.ts: do not edit. `npm run generate` writes it again.',
      '/* eslint-disable */',
      "import type { RawAnswers } from '../inputs/answers-loader.js';",
      "import type { RawPlan } from './schema.js';",
      ...imports,
      '',
      '/** What a parser returns for a value it does not accept. */',
      'const F = Symbol();',
      ...this.constants.map((code, i) => `const C${i} = ${code};`),
      '',
      '/** As zod tells a record from other objects. */',
      'function isPlainObject(v: unknown): boolean {',
      "  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;",
      '  const proto = Object.getPrototypeOf(v);',
      '  return proto === Object.prototype || proto === null;',
      '}',
      '',
      '/** The plan as zod would give it, or undefined when zod would refuse it (ask zod why). */',
      `export function checkPlan(data: unknown): RawPlan | undefined {\n  const out = ${plan}(data);\n  return out === F ? undefined : out;\n}`,
      '',
      '/** The answers as zod would give them, or undefined when zod would refuse them. */',
      `export function checkAnswers(data: unknown): RawAnswers | undefined {\n  const out = ${answers}(data);\n  return out === F ? undefined : out;\n}`,
      '',
      this.functions.join('\n\n'),
      '',
    ].join('\n');
  }
}

/** zod's trim() is an overwrite whose function trims; anything else is refused. */
function isTrim(tx) {
  return [' a ', '\u00a0b\t', '\ufeffc\n', 'd'].every((s) => tx(s) === s.trim());
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = await generate();
  const target = join(ROOT, TARGET);
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error(`${TARGET} is out of date: run npm run generate.`);
      process.exit(1);
    }
  } else writeFileSync(target, text);
}
