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
    const made = this.body(schema, path);
    const body = Array.isArray(made) ? made.map((l) => `  ${l}`).join('\n') : made.combined;
    let name = this.bodies.get(body);
    if (!name) {
      name = `p${this.bodies.size}`;
      this.bodies.set(body, name);
      this.functions.push(
        Array.isArray(made)
          ? `/** ${path} */\nfunction ${name}(v: any): any {\n${body}\n}`
          : `/** ${path} */\nconst ${name} = ${body};`,
      );
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
        return { combined: `optional(${this.parser(def.innerType, path)})` };
      case 'default':
        return {
          combined: `withDefault(${this.parser(def.innerType, path)}, () => ${this.literal(def.defaultValue, path)})`,
        };
      case 'array':
        return this.array(schema, path);
      case 'object':
        return this.object(schema, path);
      case 'record':
        return this.record(schema, path);
      case 'union':
        return {
          combined: `union(${def.options.map((o, i) => this.parser(o, `${path} (option ${i + 1})`)).join(', ')})`,
        };
      case 'pipe':
        return this.pipe(schema, path);
      default:
        throw this.unknown(path, `z.${def.type}()`);
    }
  }

  /** An array; the only check zod's schemas put on one here is a longest length. */
  array(schema, path) {
    const element = this.parser(schema._zod.def.element, `${path}[]`);
    const checks = (schema._zod.def.checks ?? []).map((c) => c._zod.def);
    if (checks.some((c) => c.check !== 'max_length'))
      throw this.unknown(path, 'an array check other than max()');
    const most = checks.length > 0 ? Math.min(...checks.map((c) => c.maximum)) : undefined;
    return { combined: `array(${element}${most !== undefined ? `, ${most}` : ''})` };
  }

  /** An object: its fields in the shape's order; strict or not; a refinement of the whole. */
  object(schema, path) {
    const { shape, catchall } = schema._zod.def;
    const strict = catchall?._zod.def.type === 'never';
    if (catchall !== undefined && !strict) throw this.unknown(path, 'a catchall other than strictObject');
    const fields = Object.keys(shape).map(
      (key) => `[${JSON.stringify(key)}, ${this.parser(shape[key], `${path}.${key}`)}]`,
    );
    const refinements = (schema._zod.def.checks ?? []).map((c) => {
      if (c._zod.def.check !== 'custom') throw this.unknown(path, `the object check ${c._zod.def.check}`);
      return this.call(c._zod.def.fn, path);
    });
    if (refinements.length > 1) throw this.unknown(path, 'more than one refinement of an object');
    return {
      combined: `object([${fields.join(', ')}], ${strict}${refinements.length ? `, ${refinements[0]}` : ''})`,
    };
  }

  record(schema, path) {
    const { keyType, valueType } = schema._zod.def;
    if (keyType._zod.def.type !== 'string') throw this.unknown(path, 'a record whose keys are not strings');
    return {
      combined: `record(${this.parser(keyType, `${path} key`)}, ${this.parser(valueType, `${path} value`)})`,
    };
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
      RUNTIME,
      '',
      this.functions.join('\n\n'),
      '',
      '/** The plan as zod would give it, or undefined when zod would refuse it (ask zod why). */',
      `export function checkPlan(data: unknown): RawPlan | undefined {\n  const out = ${plan}(data);\n  return out === F ? undefined : out;\n}`,
      '',
      '/** The answers as zod would give them, or undefined when zod would refuse them. */',
      `export function checkAnswers(data: unknown): RawAnswers | undefined {\n  const out = ${answers}(data);\n  return out === F ? undefined : out;\n}`,
      '',
    ].join('\n');
  }
}

/**
 * zod's containers, written once in the generated file: each takes the parsers of its parts and
 * gives zod's value (fresh arrays and objects, fields in the shape's order, a key written when its
 * value is defined or the input has it, "__proto__" left out of a record) or F. Counted loops, not
 * for...of: a command checks its plan once, in V8's interpreter, where each step of an iterator is
 * an object to make and collect (a fifth of reading a plan's garbage).
 */
const RUNTIME = `type Parser = (v: any) => any;

const optional =
  (parse: Parser): Parser =>
  (v) =>
    v === undefined ? undefined : parse(v);

const withDefault =
  (parse: Parser, made: () => unknown): Parser =>
  (v) =>
    v === undefined ? made() : parse(v);

function union(...options: Parser[]): Parser {
  return (v) => {
    for (let i = 0; i < options.length; i++) {
      const x = options[i]!(v);
      if (x !== F) return x;
    }
    return F;
  };
}

function array(element: Parser, most = Infinity): Parser {
  return (v) => {
    if (!Array.isArray(v)) return F;
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = element(v[i]);
      if (x === F) return F;
      out[i] = x;
    }
    return out.length > most ? F : out;
  };
}

function object(fields: [string, Parser][], strict: boolean, refine?: (o: any) => boolean): Parser {
  const keys = fields.map(([key]) => key);
  const parsers = fields.map(([, parse]) => parse);
  const known = new Set(keys);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return F;
    const out: any = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const x = parsers[i]!(v[key]);
      if (x === F) return F;
      if (x !== undefined || key in v) out[key] = x;
    }
    if (strict) for (const k in v) if (!known.has(k)) return F;
    return refine && !refine(out) ? F : out;
  };
}

/** As zod tells a record from other objects. */
function isPlainObject(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function record(keyOf: Parser, value: Parser): Parser {
  return (v) => {
    if (!isPlainObject(v)) return F;
    const out: any = {};
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === '__proto__') continue;
      const k = keyOf(key);
      if (k === F) return F;
      const x = value(v[key]);
      if (x === F) return F;
      out[k] = x;
    }
    return out;
  };
}`;

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
