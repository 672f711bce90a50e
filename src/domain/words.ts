/** Text for people: the first letter of a sentence made a capital ("the plan" → "The plan"). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
