/** Stable identities: item ids and calendar UIDs never depend on dates or randomness. */

/** 'Out of Hours (Vocare)' → 'out-of-hours-vocare'. */
export function toKebabId(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function isKebabId(text: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(text);
}

/**
 * The calendar UID of one item of one practice's plan. The same (practice, item) always gives the
 * same UID, so a regenerated calendar updates events in place instead of duplicating them.
 */
export function eventUid(odsCode: string, itemId: string): string {
  return `${odsCode.toLowerCase()}-${itemId}@kickoff.invalid`;
}
