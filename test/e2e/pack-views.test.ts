/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The kick-off pack as the people who receive it see it (issue 25): the chart's span and labels,
 * the printed label size, a phone's width, notes and meeting places, the weekly meeting's last date
 * said the same everywhere, and the commissioner named in the nation's words. The HTML is measured
 * in Debian's headless Chromium (playwright-core); the Markdown is read as text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, overlaps, svgTexts } from '../helpers/browser.js';
import { SKIP_BROWSER } from '../helpers/chromium.js';
import { assertBuilt, examplePlan, kickoff, tempDir } from '../helpers/cli.js';

const TODAY = '2026-11-25';
let dir: string;
let plan: string;
let browser: Browser | undefined;

function exportPack(format: 'md' | 'html', today = TODAY, from = plan): string {
  const out = join(dir, `pack-${today}.${format}`);
  const run = kickoff(['export', '--format', format, '--plan', from, '--out', out, '--today', today]);
  if (run.code !== 0) throw new Error(`export --format ${format}: ${run.stderr}`);
  return out;
}

beforeAll(() => {
  assertBuilt();
  dir = examplePlan('kickoff-pack-views-', TODAY);
  plan = join(dir, 'kickoff.yaml');
  // A meeting room for the meetings, and a note of two lines on an item ticked done.
  const text = readFileSync(plan, 'utf8')
    .replace('  nation: england\n', '  nation: england\n  meetingLocation: Meeting room 2\n')
    .replace(
      /(- id: rooms-booked\n(?: {8}.*\n)*? {8})status: todo\n/,
      '$1status: done\n        notes: "Room 2, with cover\\nfrom the locum"\n',
    );
  expect(text).toContain('notes: "Room 2, with cover\\nfrom the locum"');
  writeFileSync(plan, text);
});

afterAll(async () => {
  await browser?.close();
});

async function open(file: string, width = 1600, height = 1000): Promise<Page> {
  browser ??= await launchBrowser();
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`file://${file}`);
  return page;
}

/** Where an item's mark sits along the chart's time axis: 0 at its left edge, 1 at its right. */
function along(html: string, title: string): number {
  const svg = /<svg[^>]*class="gantt"[^>]*viewBox="0 0 (\d+) \d+"[\s\S]*?<\/svg>/.exec(html)!;
  const width = Number(svg[1]);
  const mark = new RegExp(`<rect class="bar" x="([\\d.]+)"[^>]*><title>${title}`).exec(svg[0]);
  expect(mark, `${title} is drawn`).not.toBeNull();
  return (Number(mark![1]) - 380) / (width - 380 - 10);
}

describe('the chart in the pack', () => {
  it("starts at the plan's first item when today is before the plan, not on empty months", () => {
    const html = readFileSync(exportPack('html'), 'utf8');
    // Today (25 Nov 2026) is seven weeks before the plan's first item, the order for the new system
    // (Mon 11 Jan 2027, a week before kick-off): the chart starts that week, kick-off a week in.
    expect(html).toMatch(/aria-label="Chart of the plan for [^"]* from Mon 11 Jan 2027, go-live/);
    const days = (Date.parse('2027-01-18') - Date.parse('2027-01-11')) / 86_400_000;
    const span = /<svg[^>]*class="gantt"[\s\S]*?<\/svg>/.exec(html)![0];
    const weeks = [...span.matchAll(/<line x1="[\d.]+" y1="38"/g)].length; // a faint line a week
    expect(along(html, 'Kick-off meeting')).toBeCloseTo(days / (weeks * 7), 1);
    expect(html).not.toMatch(/>Today Wed 25 Nov 2026</);
    expect(html).toContain("today (Wed 25 Nov 2026) is outside the plan's dates");
  });

  it('starts at today when today falls inside the plan, and marks it', () => {
    const html = readFileSync(exportPack('html', '2027-03-03'), 'utf8');
    expect(html).toContain('>Today Wed 3 Mar 2027<');
    // Go-live (19 Apr) sits about a third of the way along: six or so weeks from Mon 1 Mar, and
    // more than three months on to the end of legacy support.
    const svg = /<svg[^>]*class="gantt"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(svg).not.toContain('Kick-off meeting'); // over before today's week
    expect(svg).toContain('Final data production');
  });
});

describe.skipIf(SKIP_BROWSER)('the pack in headless Chromium', () => {
  it("keeps today's and go-live's labels clear of the month names and of each other", async () => {
    for (const today of [TODAY, '2027-03-03', '2027-04-14']) {
      const page = await open(exportPack('html', today));
      const texts = await svgTexts(page, 'svg.gantt text');
      await page.close();
      const months = texts.filter((t) => /^\d{1,2} \w{3} \d{4}$/.test(t.text));
      const markers = texts.filter((t) => /^(Today|Go-live) (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d/.test(t.text));
      expect(months.length).toBeGreaterThanOrEqual(3);
      for (const marker of markers)
        for (const month of months)
          expect(overlaps(marker.box, month.box), `${marker.text} / ${month.text} (${today})`).toBe(false);
      if (markers.length === 2) expect(overlaps(markers[0]!.box, markers[1]!.box), today).toBe(false);
      // Today is marked only inside the plan.
      expect(markers.map((m) => m.text.split(' ')[0])).toEqual(
        today === TODAY ? ['Go-live'] : ['Today', 'Go-live'],
      );
    }
  }, 90_000);

  it('prints the row labels at 7pt or more (A4 landscape, the chart in parts of a page each)', async () => {
    // The printed page: A4 landscape less the pack's margins (297 − 16 mm wide) at 96 px to the inch.
    const page = await open(exportPack('html'), Math.floor((281 / 25.4) * 96), Math.floor((198 / 25.4) * 96));
    await page.emulateMedia({ media: 'print' });
    // On paper the chart comes in parts, a page each, with every row of the screen's chart.
    const labels = (await svgTexts(page, 'svg.gantt-print text')).filter((t) => t.text.length > 0);
    const parts = await page.evaluate(() => document.querySelectorAll('svg.gantt-print').length);
    const screen = await page.evaluate(() => document.querySelectorAll('svg.gantt text.label').length);
    const printed = await page.evaluate(() => document.querySelectorAll('svg.gantt-print text.label').length);
    await page.close();
    expect(parts).toBeGreaterThanOrEqual(2);
    expect(printed).toBe(screen);
    expect(labels.length).toBeGreaterThan(50);
    const smallest = Math.min(...labels.map((t) => t.px * 0.75)); // CSS px → pt
    expect(smallest).toBeGreaterThanOrEqual(7);
  });

  it('fits a 390 px phone: the page does not scroll sideways, the chart scrolls in its own box', async () => {
    const page = await open(exportPack('html'), 390, 844);
    const sizes = await page.evaluate(() => {
      const svg = document.querySelector('svg.gantt')!;
      const box = svg.parentElement!;
      return {
        page: document.documentElement.scrollWidth,
        box: { scroll: box.scrollWidth, client: box.clientWidth, overflow: getComputedStyle(box).overflowX },
        label:
          parseFloat(getComputedStyle(svg.querySelector('text')!).fontSize) *
          (svg as SVGGraphicsElement).getScreenCTM()!.a,
      };
    });
    await page.close();
    expect(sizes.page).toBeLessThanOrEqual(390);
    expect(sizes.box.scroll).toBeGreaterThan(sizes.box.client);
    expect(['auto', 'scroll']).toContain(sizes.box.overflow);
    expect(sizes.label).toBeGreaterThanOrEqual(10); // readable once scrolled to
  });

  it('keeps the line breaks of a note of several lines', async () => {
    const page = await open(exportPack('html'));
    const note = await page.evaluate(
      () =>
        [...document.querySelectorAll('td')].find((td) => td.textContent?.startsWith('Room 2'))!.innerText,
    );
    await page.close();
    expect(note).toBe('Room 2, with cover\nfrom the locum');
  });
});

describe('the pack in words', () => {
  it("keeps a note's line breaks in Markdown too", () => {
    const md = readFileSync(exportPack('md'), 'utf8');
    expect(md).toContain('| Room 2, with cover<br>from the locum |');
  });

  it('says where the meetings are held, with the meetings', () => {
    for (const format of ['md', 'html'] as const) {
      const text = readFileSync(exportPack(format), 'utf8');
      expect(text).toContain('Kick-off meeting (at Meeting room 2)');
      expect(text).toContain('Weekly migration meeting (at Meeting room 2)');
      expect(text).not.toContain('Data checking (phase 1) (at');
    }
  });

  it("gives the weekly meeting's last date as show, due and the calendars do", () => {
    const md = readFileSync(exportPack('md'), 'utf8');
    const pack = /then weekly until (\w{3} \d{1,2} \w{3}) \d{4}: Weekly migration meeting/.exec(md)?.[1];
    const show = kickoff(['show', '--plan', plan, '--today', TODAY]).stdout;
    const shown = /Weekly migration meeting \(weekly until (\w{3} \d{1,2} \w{3})/.exec(show)?.[1];
    const due = kickoff(['due', '--plan', plan, '--today', '2027-02-01']).stdout;
    const dueSays = /weekly until (\w{3} \d{1,2} \w{3}) \d{4}/.exec(due)?.[1];
    const ics = readFileSync(join(dir, 'calendars', 'a81001-everything.ics'), 'utf8').replace(/\r\n /g, '');
    const calendar = /Every week from Mon 25 Jan 2027 to (\w{3} \d{1,2} \w{3}) \d{4}/.exec(ics)?.[1];
    expect(pack).toBe('Tue 1 Jun');
    expect([shown, dueSays, calendar]).toEqual([pack, pack, pack]);
  });

  it("names the commissioner in the practice's nation's words", () => {
    const md = readFileSync(exportPack('md'), 'utf8');
    expect(md).toContain('Commissioner (ICB)');
    expect(md).not.toContain('health board');
    const wales = tempDir('kickoff-pack-wales-');
    const init = kickoff(['init', '--example', '--nation', 'wales', '--dir', wales, '--today', TODAY]);
    expect(init.code, init.stderr).toBe(0);
    const welsh = readFileSync(exportPack('md', TODAY, join(wales, 'kickoff.yaml')), 'utf8');
    expect(welsh).toContain('Commissioner (health board)');
    expect(welsh).not.toContain('ICB');
  });
});
