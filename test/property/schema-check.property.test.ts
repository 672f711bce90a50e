/**
 * The generated checks (plan-file/schema-check.generated.ts, written by scripts/gen-schema-check.mjs)
 * against zod, their source. They are the same schema as plain code, so they must agree with zod
 * both ways: accept exactly what zod accepts, with exactly zod's value (the same keys in the same
 * order, the same trimmed and normalised text, the same defaults), and refuse what zod refuses.
 * Checked on kickoff's own plans, thousands of damaged ones, every field of a plan that has them
 * all nudged every way, and damaged answers files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { answersSchema } from '../../src/adapters/inputs/answers-loader.js';
import { readKickoffYaml } from '../../src/adapters/plan-file/dialect-read.js';
import { checkAnswers, checkPlan } from '../../src/adapters/plan-file/schema-check.generated.js';
import { planSchema } from '../../src/adapters/plan-file/schema.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { plannedPlanTexts } from '../helpers/fixtures.js';
import { runs } from '../setup/fast-check.js';

const GOLDEN_PLANS = [
  'easter/kickoff.yaml',
  'christmas/kickoff.yaml',
  'moved/before.yaml',
  'moved/after.yaml',
];

/** Plans as kickoff's reader reads them (what the checks are given): the goldens and freshly planned ones. */
let plans: unknown[];

beforeAll(async () => {
  const planned = await plannedPlanTexts();
  const texts = [
    ...GOLDEN_PLANS.map((f) => readFileSync(join(REPO_ROOT, 'test/golden', f), 'utf8')),
    ...planned,
  ];
  plans = texts.map((text) => {
    const read = readKickoffYaml(text);
    if (read === undefined) throw new Error("a test plan kickoff's reader cannot read");
    return read;
  });
  plans.push(withEverything(plans[GOLDEN_PLANS.indexOf('moved/after.yaml')]));
});

/**
 * A plan with every optional field somewhere, as people and kickoff write them (a ticked item with
 * notes, a pinned one with its own room, an owner, an item dated from another, a cancelled event,
 * invitations sent, a RAID entry), so damage reaches them.
 */
function withEverything(plan: unknown): unknown {
  const copy = structuredClone(plan) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const items = copy.phases.flatMap((p: { items: unknown[] }) => p.items);
  Object.assign(items[0], { status: 'done', notes: 'Sent on the 3rd', pinned: true, location: 'Room 2' });
  Object.assign(items[1], { thirdParty: 'eps', description: 'Ask for the form', informational: true });
  Object.assign(items[2], { owners: ['Sam Lee'], from: 'go-live', at: 'end', offset: '-10wd' });
  const weekly = items.find((i: { repeatsWeeklyUntil?: string }) => i.repeatsWeeklyUntil);
  weekly.except = [weekly.date ?? weekly.start];
  weekly.moved = { [weekly.date ?? weekly.start]: weekly.date ?? weekly.start };
  const [firstEvent] = Object.values(copy.published) as Record<string, unknown>[];
  Object.assign(firstEvent!, { cancelled: true, cancelledFor: ['trainer', 'lead-gp'] });
  copy.invited = { 'priya.shah@nhs.net': { 'kick-off': 0, 'go-live': 2 } };
  copy.raid = [
    {
      id: 'risk-1',
      kind: 'risk',
      title: ' Data late ',
      owner: 'Sam Lee',
      rating: 'high',
      review: '2027-02-01',
    },
  ];
  Object.assign(copy.answers, {
    thirdParties: [...copy.answers.thirdParties, { name: 'Hospice', notice: '10 working days' }],
    absences: [{ who: 'Sam Lee', from: '05/04/2027', to: '2027-04-09' }],
    kickoff: '2027-01-11',
    meetingLocation: 'Meeting room',
    dispensing: true,
  });
  return copy;
}

/** zod's verdict and the generated one agree; when both accept, the same value, key order and all. */
function expectSameAsZod(
  data: unknown,
  generated: unknown,
  schema: { safeParse(data: unknown): { success: boolean; data?: unknown } },
): 'accepted' | 'refused' {
  const checked = schema.safeParse(data);
  if (!checked.success) {
    expect(generated, 'the generated check accepted what zod refuses').toBeUndefined();
    return 'refused';
  }
  expect(generated, 'the generated check refused what zod accepts').toBeDefined();
  // isDeepStrictEqual first: vitest's own comparison of two whole plans takes milliseconds.
  if (!isDeepStrictEqual(generated, checked.data)) expect(generated).toStrictEqual(checked.data);
  expect(JSON.stringify(generated)).toBe(JSON.stringify(checked.data));
  return 'accepted';
}

// ---------------------------------------------------------------- damage

type Path = readonly (string | number)[];

function pathsOf(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [path];
  const children = Object.keys(value).flatMap((key) =>
    pathsOf((value as Record<string, unknown>)[key], [...path, Array.isArray(value) ? Number(key) : key]),
  );
  return [path, ...children];
}

const ODD_VALUES = [
  null,
  0,
  -1,
  -0,
  1.5,
  2 ** 53,
  Number.NaN,
  '',
  ' ',
  '  padded  ',
  'Plain text',
  '2027-02-30',
  '2027-2-3',
  '15/03/2027',
  ' 2027-03-15 ',
  '2027-03-15',
  '10:00',
  '24:00',
  '1h 30m',
  '90',
  'todo',
  'done',
  'meeting',
  'england',
  'A81001',
  ' a81001 ',
  'x@y.z',
  ' x@y.z ',
  'not an email',
  '10 working days',
  'abcdef0123456789',
  'kebab-id',
  'Not Kebab',
  true,
  false,
  [],
  {},
  ['a'],
  [' a '],
  ['2027-03-15'],
  { a: 1 },
  { name: 'Hospice', noticeDays: 10 },
  { name: 'Hospice', noticeDays: 10, noticeWeeks: 2 },
  { name: 'Hospice', notice: '2 weeks' },
  '-10wd',
  ' +3d ',
  '10wd',
  'start',
  'risk',
  'high',
  'open',
  'Sam Lee',
] as const;
/** Near misses of a value: what a person's edit or a slip of the keyboard would make of it. */
function nearMisses(value: unknown): unknown[] {
  if (typeof value === 'string')
    return [
      '',
      ' ',
      ` ${value} `,
      `${value} `,
      value.toUpperCase(),
      value.toLowerCase(),
      `${value}x`,
      value.slice(1),
      value.replace(/-0?/, '-'),
      value.replace(/\d/, '9'),
      Number(value),
      [value],
      null,
    ];
  if (typeof value === 'number') return [-1, -0, value + 0.5, 2 ** 53, Number.NaN, String(value), null];
  if (typeof value === 'boolean') return [String(value), Number(value), null];
  if (Array.isArray(value))
    return [[], [...value, ...value], [...value, null], value.map((v) => ` ${String(v)} `)];
  return [{}, null, []];
}

const ODD_KEYS = [
  'extra',
  'owners',
  'offset',
  'from',
  'raid',
  '__proto__',
  'notes',
  'date',
  'end',
  'roles',
  'location',
  'cancelled',
  'time',
  'moved',
];

/**
 * Where damage goes: anywhere, or (as often) inside the answers, one item or one `published:` entry,
 * small parts with many rules that a random place in a 2,000-node plan would seldom hit.
 */
const SCOPES = {
  anywhere: (path: Path) => path.length === 0,
  answers: (path: Path) => path.length === 1 && path[0] === 'answers',
  item: (path: Path) => path.length === 4 && path[2] === 'items',
  published: (path: Path) => path.length === 2 && path[0] === 'published',
} as const;

type Damage = {
  readonly scope: keyof typeof SCOPES | 'exactly';
  readonly part: number;
  readonly at: number;
  /** With scope 'exactly': this place. */
  readonly path?: Path;
} & (
  | { readonly kind: 'replace'; readonly value: unknown }
  | { readonly kind: 'nudge'; readonly which: number }
  | { readonly kind: 'delete' }
  | { readonly kind: 'add'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'reorder' }
  | { readonly kind: 'rename'; readonly which: number }
);

const where = {
  scope: fc.constantFrom(...(Object.keys(SCOPES) as (keyof typeof SCOPES)[])),
  part: fc.nat(),
  at: fc.nat(),
};
const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ ...where, kind: fc.constant('replace' as const), value: fc.constantFrom(...ODD_VALUES) }),
  fc.record({ ...where, kind: fc.constant('nudge' as const), which: fc.nat() }),
  fc.record({ ...where, kind: fc.constant('nudge' as const), which: fc.nat() }),
  fc.record({ ...where, kind: fc.constant('delete' as const) }),
  fc.record({
    ...where,
    kind: fc.constant('add' as const),
    key: fc.constantFrom(...ODD_KEYS),
    value: fc.constantFrom(...ODD_VALUES),
  }),
  fc.record({ ...where, kind: fc.constant('reorder' as const) }),
  fc.record({ ...where, kind: fc.constant('rename' as const), which: fc.nat() }),
);

/** Sets a key as js-yaml does: an own property, even for __proto__. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function damaged(plan: unknown, damages: readonly Damage[]): unknown {
  const copy = structuredClone(plan);
  for (const d of damages) {
    // One part of the scope's kind (the plan itself, the answers, an item, an entry), then a place in it.
    const parts = d.scope === 'exactly' ? [] : pathsOf(copy).filter(SCOPES[d.scope]);
    const part = parts.length > 0 ? parts[d.part % parts.length]! : [];
    const paths = () =>
      pathsOf(
        part.reduce<any>((node, key) => node[key], copy), // eslint-disable-line @typescript-eslint/no-explicit-any
        part,
      );
    const path = d.path ?? paths()[d.at % paths().length]!;
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy); // eslint-disable-line @typescript-eslint/no-explicit-any
    const target = path.reduce<any>((node, key) => node[key], copy); // eslint-disable-line @typescript-eslint/no-explicit-any
    const key = path[path.length - 1];
    if (d.kind === 'replace' && key !== undefined) parent[key] = structuredClone(d.value);
    if (d.kind === 'nudge' && key !== undefined) {
      const misses = nearMisses(target);
      parent[key] = misses[d.which % misses.length];
    }
    if (d.kind === 'delete' && key !== undefined) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    }
    if (d.kind === 'add' && target && typeof target === 'object' && !Array.isArray(target))
      put(target, d.key, structuredClone(d.value));
    if (d.kind === 'rename' && typeof key === 'string' && !Array.isArray(parent)) {
      const names = nearMisses(key).filter((n): n is string => typeof n === 'string' && !(n in parent));
      const name = names[d.which % Math.max(names.length, 1)];
      if (name !== undefined) {
        const value = parent[key];
        delete parent[key];
        put(parent, name, value);
      }
    }
    if (d.kind === 'reorder' && target && typeof target === 'object' && !Array.isArray(target)) {
      const entries = Object.entries(target).reverse();
      for (const [k] of entries) delete target[k];
      for (const [k, v] of entries) put(target, k, v);
    }
  }
  return copy;
}

/** One item for each set of fields the plan's items have: every field, without every item. */
function onePerShape(paths: readonly Path[], plan: unknown): Path[] {
  const shapes = new Map<string, Path>();
  for (const path of paths) {
    const item = path.reduce<any>((node, key) => node[key], plan); // eslint-disable-line @typescript-eslint/no-explicit-any
    const shape = Object.keys(item).sort().join();
    if (!shapes.has(shape)) shapes.set(shape, path);
  }
  return [...shapes.values()];
}

/** The plan with one item of each shape: every field is still there, in a plan a tenth the size. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function onlyOnePerShape(plan: unknown): any {
  const copy = structuredClone(plan) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const shapes = new Set<string>();
  for (const phase of copy.phases)
    phase.items = phase.items.filter((item: object) => {
      const shape = Object.keys(item).sort().join();
      return !shapes.has(shape) && shapes.add(shape);
    });
  return copy;
}

describe('the generated check of a plan', () => {
  it("accepts kickoff's own plans, with exactly zod's value", () => {
    expect(plans.length).toBe(8);
    for (const plan of plans) expect(expectSameAsZod(plan, checkPlan(plan), planSchema())).toBe('accepted');
  });

  it('on damaged plans, agrees with zod: refuses what it refuses, and gives the same value', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(fc.nat({ max: 7 }), fc.array(damage, { minLength: 1, maxLength: 3 }), (which, damages) => {
        const data = damaged(plans[which], damages);
        seen[expectSameAsZod(data, checkPlan(data), planSchema())] += 1;
      }),
      { numRuns: runs(1500) },
    );
    // Both sides were exercised: damage zod takes (a padded name, a reordered map, a note added)
    // and damage it refuses.
    expect(seen.accepted).toBeGreaterThan(runs(1500) / 10);
    expect(seen.refused).toBeGreaterThan(runs(1500) / 10);
  }, 120_000);

  it('on every field of a plan that has them all, nudged every way, agrees with zod', () => {
    const rich = onlyOnePerShape(plans[plans.length - 1]);
    const items = rich.phases.flatMap((p: { items: unknown[] }, ph: number) =>
      p.items.map((_: unknown, i: number) => ['phases', ph, 'items', i] as Path),
    );
    const parts: Path[] = [
      ['answers'],
      ['template'],
      ['invited'],
      ['raid'],
      ['roles'],
      ...onePerShape(items, rich),
      ...Object.keys(rich.published)
        .slice(0, 2)
        .map((id) => ['published', id] as Path),
    ];
    const seen = { accepted: 0, refused: 0 };
    const check = (damages: readonly Damage[]) => {
      const data = damaged(rich, damages);
      seen[expectSameAsZod(data, checkPlan(data), planSchema())] += 1;
    };
    for (const part of parts) {
      const paths = pathsOf(
        part.reduce((n: any, k) => n[k], rich), // eslint-disable-line @typescript-eslint/no-explicit-any
        part,
      );
      paths.forEach((path, at) => {
        const base = { scope: 'exactly' as const, part: 0, at, path };
        const target = path.reduce((n: any, k) => n[k], rich); // eslint-disable-line @typescript-eslint/no-explicit-any
        for (let which = 0; which < nearMisses(target).length; which += 1)
          check([{ ...base, kind: 'nudge', which }]);
        for (let which = 0; which < 8; which += 1) check([{ ...base, kind: 'rename', which }]);
        check([{ ...base, kind: 'delete' }]);
        check([{ ...base, kind: 'reorder' }]);
        if (target && typeof target === 'object' && !Array.isArray(target))
          for (const key of ODD_KEYS)
            for (const value of ['  x  ', 1, null]) check([{ ...base, kind: 'add', key, value }]);
      });
    }
    expect(seen.accepted).toBeGreaterThan(500);
    expect(seen.refused).toBeGreaterThan(500);
  }, 120_000);
});

describe('the generated check of an answers file', () => {
  it('on damaged answers, agrees with zod', () => {
    const rich = (plans[plans.length - 1] as { answers: unknown }).answers;
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 3 }), (damages) => {
        const data = damaged(rich, damages);
        seen[expectSameAsZod(data, checkAnswers(data), answersSchema())] += 1;
      }),
      { numRuns: runs(2000) },
    );
    expect(seen.accepted).toBeGreaterThan(runs(2000) / 10);
    expect(seen.refused).toBeGreaterThan(runs(2000) / 10);
  }, 120_000);
});
