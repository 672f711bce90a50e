/**
 * The quick check (plan-quick-check.ts) against zod, its oracle (the plan schema in plan-store.ts).
 * On real plans it must answer, and give zod's value exactly. On damaged plans it may step aside,
 * but whenever it answers, zod must accept the plan too and give the very same value: the same keys
 * in the same order, the same trimmed and normalised text, the same defaults.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { planSchema } from '../../src/adapters/plan-file/read.js';
import { quickCheckPlan } from '../../src/adapters/plan-file/quick-check.js';
import { readYamlQuickly } from '../../src/adapters/yaml-fast.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { plannedPlanTexts } from '../helpers/fixtures.js';
import { runs } from '../setup/fast-check.js';

const GOLDEN_PLANS = [
  'easter/kickoff.yaml',
  'christmas/kickoff.yaml',
  'moved/before.yaml',
  'moved/after.yaml',
];

/** Plans as js-yaml reads them (what the quick check is given): the goldens and freshly planned ones. */
let plans: unknown[];

beforeAll(async () => {
  const planned = await plannedPlanTexts();
  const texts = [
    ...GOLDEN_PLANS.map((f) => readFileSync(join(REPO_ROOT, 'test/golden', f), 'utf8')),
    ...planned,
  ];
  plans = texts.map((text) => {
    const read = readYamlQuickly(text);
    if (!read.ok) throw new Error('a test plan js-yaml cannot read');
    return read.value;
  });
  plans.push(withEverything(plans[GOLDEN_PLANS.indexOf('moved/after.yaml')]));
});

/**
 * A plan with every optional field somewhere, as people and kickoff write them (a ticked item with
 * notes, a pinned one with its own room, a cancelled event, invitations sent), so damage reaches them.
 */
function withEverything(plan: unknown): unknown {
  const copy = structuredClone(plan) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const items = copy.phases.flatMap((p: { items: unknown[] }) => p.items);
  Object.assign(items[0], { status: 'done', notes: 'Sent on the 3rd', pinned: true, location: 'Room 2' });
  Object.assign(items[1], { thirdParty: 'eps', description: 'Ask for the form', informational: true });
  const weekly = items.find((i: { repeatsWeeklyUntil?: string }) => i.repeatsWeeklyUntil);
  weekly.except = [weekly.date ?? weekly.start];
  const [firstEvent] = Object.values(copy.published) as Record<string, unknown>[];
  Object.assign(firstEvent!, { cancelled: true, cancelledFor: ['trainer', 'lead-gp'] });
  copy.invited = { 'priya.shah@nhs.net': { 'kick-off': 0, 'go-live': 2 } };
  Object.assign(copy.answers, {
    thirdParties: [...copy.answers.thirdParties, { name: 'Hospice', notice: '10 working days' }],
    absences: [{ who: 'Sam Lee', from: '05/04/2027', to: '2027-04-09' }],
    kickoff: '2027-01-11',
    meetingLocation: 'Meeting room',
  });
  return copy;
}

/** Same value, same key order all the way down (toStrictEqual ignores the order of keys). */
function expectSameAsZod(data: unknown, quick: unknown): void {
  const checked = planSchema().safeParse(data);
  expect(checked.success, 'the quick check accepted a plan zod refuses').toBe(true);
  expect(quick).toStrictEqual(checked.data);
  expect(JSON.stringify(quick)).toBe(JSON.stringify(checked.data));
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
    const paths = pathsOf(
      part.reduce<any>((node, key) => node[key], copy), // eslint-disable-line @typescript-eslint/no-explicit-any
      part,
    );
    const path = d.path ?? paths[d.at % paths.length]!;
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

describe('the quick check of a plan', () => {
  it("answers for kickoff's own plans, with exactly zod's value", () => {
    expect(plans.length).toBe(8);
    for (const plan of plans) {
      const quick = quickCheckPlan(plan);
      expect(quick, 'the quick check stepped aside on a plan kickoff wrote').toBeDefined();
      expectSameAsZod(plan, quick);
    }
  });

  it('on damaged plans, answers only where zod accepts, and then with the same value', () => {
    let answered = 0;
    let refusedByZod = 0;
    fc.assert(
      fc.property(fc.nat({ max: 7 }), fc.array(damage, { minLength: 1, maxLength: 3 }), (which, damages) => {
        const data = damaged(plans[which], damages);
        const quick = quickCheckPlan(data);
        if (quick !== undefined) {
          answered += 1;
          expectSameAsZod(data, quick);
        } else if (!planSchema().safeParse(data).success) refusedByZod += 1;
      }),
      { numRuns: runs(3000) },
    );
    // Both sides were exercised: damage the quick check took (a padded name, a reordered map, a
    // note added) and damage only zod can explain.
    expect(answered).toBeGreaterThan(runs(3000) / 10);
    expect(refusedByZod).toBeGreaterThan(runs(3000) / 10);
  }, 120_000);

  it("on every field of a plan that has them all, nudged every way, answers only with zod's value", () => {
    const rich = plans[plans.length - 1] as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const items = rich.phases.flatMap((p: { items: unknown[] }, ph: number) =>
      p.items.map((_: unknown, i: number) => ['phases', ph, 'items', i] as Path),
    );
    const parts: Path[] = [
      ['answers'],
      ['template'],
      ['invited'],
      ...onePerShape(items, rich),
      ...Object.keys(rich.published)
        .slice(0, 2)
        .map((id) => ['published', id] as Path),
    ];
    let checks = 0;
    const check = (damages: readonly Damage[]) => {
      const data = damaged(rich, damages);
      const quick = quickCheckPlan(data);
      if (quick !== undefined) expectSameAsZod(data, quick);
      checks += 1;
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
    expect(checks).toBeGreaterThan(1000);
  }, 120_000);
});
