/** Text for people: the first letter of a sentence made a capital ("the plan" → "The plan"). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A nation as people write it: "Northern Ireland", "Wales". */
export function nationName(nation: string): string {
  return nation
    .split('-')
    .map((word) => capitalise(word))
    .join(' ');
}
