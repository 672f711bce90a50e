/**
 * Orders text by its UTF-16 code units. Not localeCompare: that follows the machine's locale (so two
 * machines could sort one plan two ways, and pipelines diff plans), and its first call loads ICU's
 * collation data, about 10 ms of a short command.
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
