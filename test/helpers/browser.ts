/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Debian's headless Chromium driven by playwright-core (which never downloads a browser of its own),
 * for what a screenshot cannot say: axe-core's WCAG checks, the size a label is drawn at, whether
 * two labels overlap, whether a page scrolls sideways. Launched as test/helpers/chromium.ts does:
 * no sandbox (root in a container), no GPU, nothing fetched in the background.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from './chromium.js';

const require = createRequire(import.meta.url);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: what NHS services must meet. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

/** axe-core's violations of those rules on the page as it is now, each as one readable line. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const violations = await page.evaluate(
    async (tags) => {
      const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }).axe;
      const result = (await axe.run(document, { runOnly: { type: 'tag', values: tags } })) as {
        violations: AxeViolation[];
      };
      return result.violations;
    },
    WCAG_TAGS as unknown as string[],
  );
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`)
        .join('; ')}`,
  );
}

/** WCAG's relative luminance of an sRGB colour like '#da291c' or 'rgb(218, 41, 28)'. */
export function luminance(colour: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour);
  const parts = hex ? hex.slice(1).map((h) => parseInt(h, 16)) : rgb ? rgb.slice(1).map(Number) : undefined;
  if (!parts) throw new Error(`not a colour: ${colour}`);
  const [r, g, b] = parts.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Every SVG text on the page: its words, the size it is drawn at in CSS pixels, its box and fill. */
export interface DrawnText {
  readonly text: string;
  readonly className: string;
  readonly px: number;
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly fill: string;
}

export async function svgTexts(page: Page, selector = 'svg text'): Promise<DrawnText[]> {
  return page.$$eval(selector, (nodes) =>
    nodes.map((node) => {
      const text = node as SVGTextElement;
      const scale = text.getScreenCTM()?.a ?? 1;
      const style = getComputedStyle(text);
      const box = text.getBoundingClientRect();
      return {
        text: text.textContent ?? '',
        className: text.getAttribute('class') ?? '',
        px: parseFloat(style.fontSize) * scale,
        box: { x: box.x, y: box.y, width: box.width, height: box.height },
        fill: style.fill,
      };
    }),
  );
}

export function overlaps(a: DrawnText['box'], b: DrawnText['box']): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
