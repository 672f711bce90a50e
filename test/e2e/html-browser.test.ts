/**
 * The HTML kick-off pack in a real browser (Debian's headless Chromium) and printed to PDF, which
 * poppler's pdftoppm turns into page images. Skipped only on a machine without Chromium outside CI;
 * in CI (.ci/run installs chromium and poppler-utils) they must run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromium, CHROMIUM, which } from '../helpers/chromium.js';
import { assertBuilt, examplePlan, kickoff, tempDir } from '../helpers/cli.js';
import { countPixels, decodePng } from '../helpers/png.js';

const PDFTOPPM = which('pdftoppm');
const SKIP = (!CHROMIUM || !PDFTOPPM) && !process.env.CI;

let dir: string;
let page: string;

beforeAll(() => {
  assertBuilt();
  dir = examplePlan('kickoff-html-', '2026-11-25');
  page = join(dir, 'pack.html');
  const out = kickoff([
    'export',
    '--format',
    'html',
    '--plan',
    join(dir, 'kickoff.yaml'),
    '--out',
    page,
    '--today',
    '2026-11-25',
  ]);
  if (out.code !== 0) throw new Error(`export --format html failed: ${out.stderr}`);
});

describe.skipIf(SKIP)('the HTML kick-off pack in headless Chromium', () => {
  it('needs nothing from the network and no scripts', () => {
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html).toMatch(/<svg[^>]*class="gantt"/);
  });

  it('shows the chart on screen: bars, milestones and the go-live line in the chart area', () => {
    const shot = join(dir, 'screen.png');
    chromium([`--screenshot=${shot}`, '--window-size=1600,1000', `file://${page}`]);
    const image = decodePng(readFileSync(shot));
    expect([image.width, image.height]).toEqual([1600, 1000]);
    // The chart starts under the title and legend and fills the rest of the first screen.
    const chart = { x: 380, y: 260, width: 1180, height: 700 };
    const area = chart.width * chart.height;
    const ink = countPixels(image, chart);
    expect(ink / area).toBeGreaterThan(0.03);
    expect(ink / area).toBeLessThan(0.8);
    expect(countPixels(image, chart, [0x00, 0x5e, 0xb8])).toBeGreaterThan(1500); // bars and diamonds
    expect(countPixels(image, chart, [0x00, 0x7f, 0x3b])).toBeGreaterThan(300); // go-live line
    expect(countPixels(image, chart, [0xda, 0x29, 0x1c])).toBeGreaterThan(100); // notice deadlines, today
  });

  it('names the practice and go-live in the page text', () => {
    const dom = chromium(['--dump-dom', `file://${page}`]).stdout;
    expect(dom).toContain('Kick-off pack: The Densham Surgery (A81001)');
    expect(dom).toContain('Go-live: Mon 19 Apr 2027.');
    expect(dom).toContain('Electronic Prescription Service (EPS)</b> — tell them by Mon 8 Mar 2027');
  });

  it('prints on at most eight A4 landscape pages (it was nine; the chart at 7pt takes two since template 1.1.0 made it 81 rows, and the why appendix one), none of them blank', () => {
    const pdf = join(dir, 'pack.pdf');
    chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${page}`]);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const pages = tempDir('kickoff-pages-');
    const ppm = spawnSync(PDFTOPPM ?? 'pdftoppm', ['-r', '30', '-png', pdf, join(pages, 'page')]);
    expect(ppm.status, String(ppm.stderr)).toBe(0);
    const files = readdirSync(pages)
      .filter((f) => f.endsWith('.png'))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files.length).toBeLessThanOrEqual(8);
    for (const file of files) {
      const image = decodePng(readFileSync(join(pages, file)));
      expect(image.width, `${file} is landscape`).toBeGreaterThan(image.height);
      const ink = countPixels(image, { x: 0, y: 0, width: image.width, height: image.height });
      expect(ink / (image.width * image.height), `${file} is not blank`).toBeGreaterThan(0.005);
    }
    // The first page carries the chart: its go-live line (the pack's only green this wide) is there.
    const first = decodePng(readFileSync(join(pages, files[0]!)));
    const whole = { x: 0, y: 0, width: first.width, height: first.height };
    expect(countPixels(first, whole, [0x00, 0x7f, 0x3b])).toBeGreaterThan(50);
    expect(countPixels(first, whole, [0x00, 0x5e, 0xb8])).toBeGreaterThan(400);
  });
});
