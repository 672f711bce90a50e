/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Every web page kickoff writes — the kick-off pack, the programme page, the feed index (with and
 * without a base URL) — against axe-core's WCAG 2.2 A and AA rules in Debian's headless Chromium,
 * on a desktop and on a phone; and what axe-core does not check: the contrast of the charts' SVG
 * text, colour never the only sign, and a text alternative for each chart. Then the programme
 * page printed and at a desk, and the feed index's addresses wrapping at "/".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, contrast, launchBrowser, svgTexts } from '../helpers/browser.js';
import { chromium, SKIP_BROWSER, which } from '../helpers/chromium.js';
import { assertBuilt, examplePlan, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';
import { decodePng } from '../helpers/png.js';
import { baseProgramme, writeProgramme } from '../helpers/programme.js';

const TODAY = '2026-11-25';
const PDFTOPPM = which('pdftoppm');
const SKIP = SKIP_BROWSER || (!PDFTOPPM && !process.env.CI);

let pages: Record<string, string>;
let browser: Browser | undefined;

function run(args: readonly string[], ok: readonly number[] = [0]): void {
  const result = kickoff(args);
  if (!ok.includes(result.code ?? -1))
    throw new Error(`kickoff ${args[0]}: exit ${result.code}: ${result.stderr}`);
}

beforeAll(async () => {
  if (SKIP) return;
  assertBuilt();
  const dir = examplePlan('kickoff-a11y-', TODAY);
  const plan = join(dir, 'kickoff.yaml');
  // Ticks in every state the pack colours (done and not-needed are greyed), and a note.
  writeFileSync(
    plan,
    readFileSync(plan, 'utf8')
      .replace(/(- id: rooms-booked\n(?: {8}.*\n)*? {8}status: )todo/, '$1done\n        notes: "Booked"')
      .replace(/(- id: docman-notice\n(?: {8}.*\n)*? {8}status: )todo/, '$1not-needed')
      .replace(/(- id: technical-survey\n(?: {8}.*\n)*? {8}status: )todo/, '$1doing'),
  );
  const out = (name: string) => join(dir, name);
  run(['export', '--format', 'html', '--plan', plan, '--out', out('pack.html'), '--today', TODAY]);
  run([
    'export',
    '--format',
    'html',
    '--plan',
    plan,
    '--out',
    out('pack-march.html'),
    '--today',
    '2027-03-03',
  ]);
  // A programme of 40 with one clash (practice 11 shares practice 10's project manager).
  const programme = tempDir('kickoff-a11y-programme-');
  const { workspace, practices } = await baseProgramme(40);
  const pm = practices[10]!.answers.team.find((p) => p.role === 'project-manager')!;
  const eleven = practices[11]!.answers;
  practices[11]!.answers = {
    ...eleven,
    team: [...eleven.team.filter((p) => p.role !== 'project-manager'), pm],
  };
  await writeProgramme(programme, workspace, practices);
  const html = out('programme.html');
  run(['portfolio', programme, '--format', 'html', '--out', html, '--today', TODAY, '--suggest'], [1]);
  const batch = join(REPO_ROOT, 'test/fixtures/batch/practices.csv');
  run(['batch', batch, '--out', out('plans'), '--today', TODAY], [1]);
  run([
    'publish',
    '--plans',
    out('plans'),
    '--out',
    out('feeds'),
    '--base-url',
    'https://intranet.example.nhs.uk/kickoff/',
    '--today',
    TODAY,
  ]);
  run(['publish', '--plans', out('plans'), '--out', out('feeds-here'), '--today', TODAY]);
  pages = {
    'the kick-off pack': out('pack.html'),
    'the kick-off pack, today inside the plan': out('pack-march.html'),
    'the programme page': html,
    'the feed index': out('feeds/index.html'),
    'the feed index without a base URL': out('feeds-here/index.html'),
  };
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

async function open(file: string, width = 1280, height = 900): Promise<Page> {
  browser ??= await launchBrowser();
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`file://${file}`);
  return page;
}

describe.skipIf(SKIP)('axe-core: WCAG 2.2 A and AA, no violations', () => {
  for (const name of [
    'the kick-off pack',
    'the kick-off pack, today inside the plan',
    'the programme page',
    'the feed index',
    'the feed index without a base URL',
  ])
    for (const [device, width] of [
      ['a desktop', 1280],
      ['a phone', 390],
    ] as const)
      it(`${name}, on ${device}`, async () => {
        const page = await open(pages[name]!, width, 844);
        const violations = await axeViolations(page);
        await page.close();
        expect(violations).toEqual([]);
      }, 60_000);
});

describe.skipIf(SKIP)('beyond axe-core', () => {
  it('draws chart text at 4.5:1 contrast or more on its white background', async () => {
    for (const name of ['the kick-off pack, today inside the plan', 'the programme page']) {
      const page = await open(pages[name]!);
      const texts = await svgTexts(page);
      await page.close();
      expect(texts.length).toBeGreaterThan(20);
      for (const text of texts)
        expect(
          contrast(text.fill, '#ffffff'),
          `${name}: "${text.text}" in ${text.fill}`,
        ).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('never signals by colour alone: notice deadlines have a shape of their own, problems a "!"', () => {
    const pack = readFileSync(pages['the kick-off pack']!, 'utf8');
    const chart = /<svg[^>]*class="gantt"[\s\S]*?<\/svg>/.exec(pack)![0]; // the screen's (print has it in parts)
    const notices = [...chart.matchAll(/<polygon class="notice"[^>]*><title>Last day to give /g)];
    expect(notices.length).toBe(5);
    expect(pack).not.toMatch(/<polygon class="diamond"[^>]*fill="#da291c"/);
    expect(pack).toMatch(/▲ third-party notice deadline/);
    const programme = readFileSync(pages['the programme page']!, 'utf8');
    const flagged = [...programme.matchAll(/<text [^>]*fill="#da291c"[^>]*>([^<]*)<\/text>/g)].map(
      (m) => m[1]!,
    );
    expect(flagged).toHaveLength(2);
    for (const label of flagged) expect(label.startsWith('! ')).toBe(true);
  });

  it('gives each chart a text alternative: a described figure and its dates as a table', async () => {
    const page = await open(pages['the kick-off pack']!);
    const pack = await page.evaluate(() => ({
      label: document.querySelector('svg.gantt')!.getAttribute('aria-label'),
      rows: [...document.querySelectorAll('table.chart-table tbody tr')].map((tr) => tr.textContent),
      labels: [...document.querySelectorAll('svg.gantt text.label')].map((t) => t.textContent),
    }));
    await page.close();
    expect(pack.label).toContain('the same dates are in the table after it');
    // A row for each row of the chart (a phase, or an item with its dates), in the same order.
    expect(pack.rows).toHaveLength(pack.labels.length);
    expect(pack.rows).toContain('Kick-off meetingmeetingMon 18 Jan 2027');
    expect(pack.rows).toContain('Kick-off and preparation');
    const programme = await open(pages['the programme page']!);
    const table = await programme.evaluate(() =>
      [...document.querySelectorAll('details.chart-text table')].map(
        (t) => t.querySelectorAll('tbody tr').length,
      ),
    );
    await programme.close();
    expect(table[0]).toBe(40);
    expect(table[1]).toBeGreaterThan(0);
  });
});

describe.skipIf(SKIP)('the programme page, printed and on screen', () => {
  it('prints its sections one after another: no page ends three-quarters empty but the last', () => {
    const pdf = join(tempDir('kickoff-programme-pdf-'), 'programme.pdf');
    chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${pages['the programme page']}`]);
    const folder = tempDir('kickoff-programme-pages-');
    const ppm = spawnSync(PDFTOPPM ?? 'pdftoppm', ['-r', '30', '-png', pdf, join(folder, 'page')]);
    expect(ppm.status, String(ppm.stderr)).toBe(0);
    const files = readdirSync(folder).sort();
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files.slice(0, -1)) {
      const image = decodePng(readFileSync(join(folder, file)));
      expect(lowestInk(image) / image.height, `${file} is filled`).toBeGreaterThan(0.6);
    }
  });

  it('draws its chart labels at 10px or more, on a laptop, a wide screen and a phone', async () => {
    for (const width of [390, 1024, 1280, 1920]) {
      const page = await open(pages['the programme page']!, width);
      const texts = await svgTexts(page);
      await page.close();
      const smallest = Math.min(...texts.map((t) => t.px));
      expect(smallest, `at ${width} px`).toBeGreaterThanOrEqual(10);
    }
  });
});

describe.skipIf(SKIP)('the feed index', () => {
  it('wraps an address after a "/", never inside a word', async () => {
    const page = await open(pages['the feed index']!, 390);
    const lines = await page.evaluate(() =>
      [...document.querySelectorAll('code')].map((code) => {
        // The characters of the address, line by line as drawn.
        const text = code.textContent ?? '';
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        const tops: number[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode())
          for (let i = 0; i < (node.textContent ?? '').length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            tops.push(Math.round(range.getBoundingClientRect().top));
          }
        const out: string[] = [];
        tops.forEach((top, i) => {
          if (i === 0 || top !== tops[i - 1]) out.push(text[i] ?? '');
          else out.push(`${out.pop() ?? ''}${text[i] ?? ''}`);
        });
        return out;
      }),
    );
    await page.close();
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.length > 1)).toBe(true); // narrow enough that addresses wrap
    for (const address of lines)
      for (const line of address.slice(0, -1)) expect(line.endsWith('/'), address.join(' | ')).toBe(true);
  });
});

/** The lowest row of the page (0 at the top) with anything drawn on it. */
function lowestInk(image: ReturnType<typeof decodePng>): number {
  for (let y = image.height - 1; y >= 0; y--)
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      if (image.pixels[i]! < 200 || image.pixels[i + 1]! < 200 || image.pixels[i + 2]! < 200) return y;
    }
  return 0;
}
