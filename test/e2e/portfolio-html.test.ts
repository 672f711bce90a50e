/**
 * The programme page (kickoff portfolio --format html) in Debian's headless Chromium: it needs
 * nothing from the network, draws the Gantt (bars, FDP and go-live diamonds, the practices in a
 * clash in red) and the load chart, and lists the clash. Skipped only without Chromium outside CI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromium, SKIP_BROWSER } from '../helpers/chromium.js';
import { assertBuilt, kickoff, tempDir } from '../helpers/cli.js';
import { countPixels, decodePng } from '../helpers/png.js';
import { baseProgramme, writeProgramme } from '../helpers/programme.js';

const SKIP = SKIP_BROWSER;

let dir: string;
let page: string;
let ods: string[];

beforeAll(async () => {
  assertBuilt();
  dir = tempDir('kickoff-portfolio-html-');
  const { workspace, practices } = await baseProgramme(40);
  ods = practices.map((p) => p.ods);
  // Practice 11 shares practice 10's project manager in the same go-live week: one clash.
  const pm = practices[10]!.answers.team.find((p) => p.role === 'project-manager')!;
  const eleven = practices[11]!.answers;
  practices[11]!.answers = {
    ...eleven,
    team: [...eleven.team.filter((p) => p.role !== 'project-manager'), pm],
  };
  await writeProgramme(dir, workspace, practices);
  page = join(dir, 'programme.html');
  const run = kickoff([
    'portfolio',
    dir,
    '--format',
    'html',
    '--out',
    page,
    '--today',
    '2026-11-25',
    '--suggest',
  ]);
  if (run.code !== 1) throw new Error(`portfolio --format html: exit ${run.code}: ${run.stderr}`);
}, 180_000);

describe.skipIf(SKIP)('the programme page in headless Chromium', () => {
  it('needs nothing from the network and no scripts', () => {
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html).toMatch(/<svg[^>]*class="gantt programme"/);
    expect(html).toMatch(/<svg[^>]*class="load"/);
  });

  it('draws every practice: bars, diamonds, and the two in the clash in red', () => {
    const shot = join(dir, 'screen.png');
    chromium([`--screenshot=${shot}`, '--window-size=1600,1000', `file://${page}`]);
    const image = decodePng(readFileSync(shot));
    const chart = { x: 0, y: 150, width: 1600, height: 850 };
    expect(countPixels(image, chart, [0x41, 0xb6, 0xe6])).toBeGreaterThan(5000); // bars
    expect(countPixels(image, chart, [0xda, 0x29, 0x1c])).toBeGreaterThan(500); // the clash's bars
    expect(countPixels(image, chart, [0x00, 0x7f, 0x3b])).toBeGreaterThan(200); // go-lives
    expect(countPixels(image, chart, [0xed, 0x8b, 0x00])).toBeGreaterThan(200); // FDPs
  });

  it('lists the clash and the move that clears it in the page text', () => {
    const dom = chromium(['--dump-dom', `file://${page}`]).stdout;
    expect(dom).toContain('Migration programme: 40 practices');
    expect(dom).toMatch(new RegExp(`PM ${ods[10]} is needed at ${ods[10]} and ${ods[11]} at once`));
    expect(dom).toContain('kickoff schedule --plan ');
  });
});
