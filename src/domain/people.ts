/**
 * Who owns an item, as people: the team members who hold its roles, in the order of its roles, then
 * the people its `owners:` names. One person may hold several roles (a lead GP who is also the
 * clinical safety officer is two rows of the team): they are listed once.
 */
import type { Person, Plan, PlanItem } from './types.js';

/** A team member's identity: their e-mail (any case), or their name when they have none. */
export function personKey(person: Pick<Person, 'name' | 'email'>): string {
  return person.email.trim() ? person.email.trim().toLowerCase() : `name:${person.name.trim().toLowerCase()}`;
}

/** Each person once, in the order first met. */
export function distinctPeople(people: readonly Person[]): Person[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    const key = personKey(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The team's rows for the person `who` names: their e-mail or name, any case, spaces trimmed. */
export function teamRowsOf(team: readonly Person[], who: string): Person[] {
  const wanted = who.trim().toLowerCase();
  if (!wanted) return [];
  return team.filter(
    (p) => p.email.trim().toLowerCase() === wanted || p.name.trim().toLowerCase() === wanted,
  );
}

/**
 * Whether an owner names someone the plan knows: a team member (by e-mail or name, any case) or one
 * of its role ids. `byTitle` also takes a role's title ("IT lead"), as people type it on the command line.
 */
export function isKnownOwner(plan: Plan, owner: string, byTitle = false): boolean {
  const wanted = owner.trim().toLowerCase();
  const role = plan.roles.some((r) => r.id === owner || (byTitle && r.title.toLowerCase() === wanted));
  return role || teamRowsOf(plan.answers.team, owner).length > 0;
}

/** The team's people, each once: "Priya Shah <priya.shah@nhs.net>, …" for messages. */
export function teamList(team: readonly Person[]): string {
  return distinctPeople(team)
    .map((p) => (p.email ? `${p.name} <${p.email}>` : p.name))
    .join(', ');
}

/** The item's role ids: its `roles:`, then any role ids its `owners:` names, each once. */
export function ownerRoleIds(plan: Plan, item: PlanItem): string[] {
  const extra = (item.owners ?? []).filter((o) => plan.roles.some((r) => r.id === o));
  const ids = extra.length > 0 ? [...item.roles, ...extra] : item.roles;
  return ids.filter((id, i) => ids.indexOf(id) === i);
}

/**
 * The people `owners:` names (by e-mail or name) who do not already own the item by one of its
 * roles, each once; role ids are left to ownerRoleIds.
 */
export function namedOwners(plan: Plan, item: PlanItem): Person[] {
  if (!item.owners || item.owners.length === 0) return [];
  const known = new Set(plan.roles.map((r) => r.id));
  const roles = ownerRoleIds(plan, item);
  const byRole = new Set(plan.answers.team.filter((p) => roles.includes(p.role)).map(personKey));
  return distinctPeople(
    item.owners.filter((o) => !known.has(o)).flatMap((o) => teamRowsOf(plan.answers.team, o)),
  ).filter((p) => !byRole.has(personKey(p)));
}

/**
 * The item's owners as people: those who hold each of its roles, role by role in the item's order
 * (a role held by two people gives both, in the team's order), then the people named on it; each
 * person once.
 */
export function ownerPeople(plan: Plan, item: PlanItem): Person[] {
  const byRole = ownerRoleIds(plan, item).flatMap((role) => plan.answers.team.filter((p) => p.role === role));
  return distinctPeople([...byRole, ...namedOwners(plan, item)]);
}

/** Whether `person` (any of their team rows) owns the item: by holding one of its roles, or named on it. */
export function ownsItem(plan: Plan, item: PlanItem, person: readonly Person[]): boolean {
  const keys = new Set(person.map(personKey));
  return ownerPeople(plan, item).some((p) => keys.has(personKey(p)));
}

/**
 * The item's owners for people to read: a name for each person, and the role's title for a role
 * nobody holds yet; in role order, then the people named on it, each once.
 */
export function ownerLabels(plan: Plan, item: PlanItem, roleTitle: (id: string) => string): string[] {
  const labels: string[] = [];
  const seen = new Set<string>();
  const add = (key: string, label: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    labels.push(label);
  };
  for (const role of ownerRoleIds(plan, item)) {
    const people = plan.answers.team.filter((p) => p.role === role);
    if (people.length === 0) add(`role:${role}`, roleTitle(role));
    for (const p of people) add(personKey(p), p.name);
  }
  for (const p of namedOwners(plan, item)) add(personKey(p), p.name);
  return labels;
}
