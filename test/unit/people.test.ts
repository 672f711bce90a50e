/**
 * Who owns an item as people (domain/people.ts): role by role, then the people named on it, each
 * person once, however many roles they hold.
 */
import { describe, expect, it } from 'vitest';
import {
  namedOwners,
  ownerLabels,
  ownerPeople,
  ownerRoleIds,
  ownsItem,
  teamRowsOf,
} from '../../src/domain/people.js';
import type { Person, Plan, PlanItem } from '../../src/domain/types.js';
import { parsePlan } from '../../src/adapters/plan-file/read.js';
import { renderPlan } from '../../src/adapters/plan-file/write.js';
import { answersFor, D, loadDefaults, scheduleWith } from '../helpers/fixtures.js';

const TEAM: Person[] = [
  { role: 'project-manager', name: 'Priya Shah', email: 'priya.shah@nhs.net' },
  { role: 'practice-manager', name: "Mark O'Connor", email: 'mark.oconnor@nhs.net' },
  { role: 'lead-gp', name: 'Dr Zoë Adams', email: 'zoe.adams@nhs.net' },
  { role: 'clinical-safety-officer', name: 'Dr Zoë Adams', email: 'Zoe.Adams@nhs.net' },
  { role: 'trainer', name: 'Sam Lee', email: 'sam.lee@nhs.net' },
];

const ROLE_TITLES: Record<string, string> = {
  'project-manager': 'Migration project manager',
  'practice-manager': 'Practice manager',
  'lead-gp': 'Lead GP',
  'clinical-safety-officer': 'Clinical safety officer',
  commissioner: 'Commissioner',
  trainer: 'Trainer',
  'it-lead': 'IT lead',
};

function planWith(item: Partial<PlanItem>): { plan: Plan; item: PlanItem } {
  const full: PlanItem = {
    id: 'risk-escalation-route',
    title: 'Route for escalating a material clinical risk agreed',
    phase: 'preparation',
    type: 'deadline',
    start: D('2027-01-18'),
    end: D('2027-01-18'),
    roles: ['clinical-safety-officer', 'project-manager', 'commissioner', 'lead-gp'],
    origin: 'computed',
    status: 'todo',
    source: '',
    ...item,
  };
  const plan: Plan = {
    template: { id: 't', version: '1' },
    answers: answersFor({ team: TEAM }),
    phases: [{ id: 'preparation', title: 'Preparation' }],
    roles: Object.entries(ROLE_TITLES).map(([id, title]) => ({ id, title })),
    thirdParties: [],
    items: [full],
    diagnostics: [],
  };
  return { plan, item: full };
}

const title = (id: string) => ROLE_TITLES[id] ?? id;

describe('owners as people', () => {
  it('names one person per role in the order of the roles, each person once', () => {
    const { plan, item } = planWith({});
    // Not the team's order (Priya first), and Zoë once though she holds two of the roles.
    expect(ownerPeople(plan, item).map((p) => p.name)).toEqual(['Dr Zoë Adams', 'Priya Shah']);
    expect(ownerLabels(plan, item, title)).toEqual(['Dr Zoë Adams', 'Priya Shah', 'Commissioner']);
  });

  it('adds the people named on the item, by e-mail or name in any case, after the roles', () => {
    const { plan, item } = planWith({
      roles: ['practice-manager'],
      owners: ['SAM.LEE@nhs.net', 'priya shah'],
    });
    expect(namedOwners(plan, item).map((p) => p.name)).toEqual(['Sam Lee', 'Priya Shah']);
    expect(ownerPeople(plan, item).map((p) => p.name)).toEqual(["Mark O'Connor", 'Sam Lee', 'Priya Shah']);
  });

  it('reads a role id among the owners as one more role, and names nobody twice', () => {
    const { plan, item } = planWith({
      roles: ['practice-manager'],
      owners: ['it-lead', 'trainer', 'Sam Lee'],
    });
    expect(ownerRoleIds(plan, item)).toEqual(['practice-manager', 'it-lead', 'trainer']);
    expect(namedOwners(plan, item)).toEqual([]);
    expect(ownerLabels(plan, item, title)).toEqual(["Mark O'Connor", 'IT lead', 'Sam Lee']);
  });

  it("finds a person's items by their roles or by their name on the item", () => {
    const { plan, item } = planWith({ roles: ['practice-manager'], owners: ['sam.lee@nhs.net'] });
    expect(ownsItem(plan, item, teamRowsOf(TEAM, 'Sam Lee'))).toBe(true);
    expect(ownsItem(plan, item, teamRowsOf(TEAM, "mark o'connor"))).toBe(true);
    expect(ownsItem(plan, item, teamRowsOf(TEAM, 'priya.shah@nhs.net'))).toBe(false);
    // Zoë by either of her rows (the e-mail written in two cases is one person).
    expect(teamRowsOf(TEAM, 'zoe.adams@NHS.net')).toHaveLength(2);
  });
});

describe('owners in the plan file', () => {
  it('writes an item’s owners as a flow list under its roles, and reads them back as written', async () => {
    const { template, holidays } = await loadDefaults();
    const team: Person[] = [
      { role: 'project-manager', name: 'Priya Shah', email: 'priya.shah@nhs.net' },
      { role: 'practice-manager', name: "Mark O'Connor", email: 'mark.oconnor@nhs.net' },
      { role: 'trainer', name: 'Patel, Anika', email: 'anika.patel@nhs.net' },
    ];
    const plan = scheduleWith({ template, holidays }, { team }, D('2026-11-25'));
    const owners = ["Mark O'Connor", 'Patel, Anika', 'it-lead'];
    const named = { ...plan, items: plan.items.map((i) => (i.id === 'kick-off' ? { ...i, owners } : i)) };
    const text = renderPlan(named, { version: '0.1.0', today: D('2026-11-25') }, []);
    expect(text).toMatch(/\n {8}roles: \[[^\]]*\]\n {8}owners: \[ .* \]\n/);
    const read = parsePlan(text, 'kickoff.yaml', template).plan;
    expect(read.items.find((i) => i.id === 'kick-off')?.owners).toEqual(owners);
    expect(read.items.find((i) => i.id === 'order-placed')?.owners).toBeUndefined();
  });
});
