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

/** Lower-case letters and digits in words joined by single hyphens: practice-open-day, it-lead. */
export const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isKebabId(text: string): boolean {
  return KEBAB_ID.test(text);
}

/** The longest UID that keeps `UID:…` on one 75-octet line: some readers (khal) break on a folded UID. */
const MAX_UID = 75 - 'UID:'.length;
const UID_DOMAIN = '@kickoff.invalid';

/**
 * The calendar UID of one item of one practice's plan. The same (practice, item) always gives the
 * same UID, so a regenerated calendar updates events in place instead of duplicating them. A very
 * long item id (a third party with a long name) is shortened, with a digest of the whole id so that
 * two long ids never share a UID.
 */
export function eventUid(odsCode: string, itemId: string): string {
  const prefix = `${odsCode.toLowerCase()}-`;
  const uid = `${prefix}${itemId}${UID_DOMAIN}`;
  if (uid.length <= MAX_UID) return uid;
  const digest = fnv1a(itemId);
  const room = MAX_UID - prefix.length - UID_DOMAIN.length - digest.length - 1;
  return `${prefix}${itemId.slice(0, Math.max(0, room)).replace(/-+$/, '')}-${digest}${UID_DOMAIN}`;
}

/** 32-bit FNV-1a as 8 hex digits: a stable digest needing no crypto library (domain/ is pure). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
