/**
 * A template is data only (issue 13): nothing in it can run code, read other files or reach the
 * network. Text that looks like a URL, a file path or an include stays text; a key kickoff does not
 * know (an "include") is refused at its line; a local server sees no request while kickoff plans
 * with a template full of its address.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, assertBuilt, tempDir } from '../helpers/cli.js';
import { kickoffAsync } from '../helpers/cli-async.js';

let server: Server;
let requests = 0;
let url: string;
const shipped = readFileSync(join(REPO_ROOT, 'templates/nhs-england-gp.yaml'), 'utf8');

beforeAll(async () => {
  assertBuilt();
  server = createServer((_request, response) => {
    requests += 1;
    response.end('nothing');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** kickoff init --example with `template`, the plan written to DIR/plan. */
const initWith = (template: string, dir: string) =>
  kickoffAsync([
    'init',
    '--example',
    '--template',
    template,
    '--dir',
    join(dir, 'plan'),
    '--today',
    '2026-11-25',
  ]);

describe('a template is data only', () => {
  it('plans with URLs and file paths in its text without fetching or reading them', async () => {
    const dir = tempDir('kickoff-template-data-');
    const template = join(dir, 'template.yaml');
    writeFileSync(
      template,
      shipped
        .replace(/source: P-kick, S-kick, P2/, `source: ${url}/source file:///etc/passwd`)
        .replace(/title: Kick-off meeting/, `title: "Kick-off ${url}/title $(cat /etc/passwd) \`id\`"`),
    );
    const run = await initWith(template, dir);
    expect(run.code, run.stderr).toBe(0);
    const plan = readFileSync(join(dir, 'plan', 'kickoff.yaml'), 'utf8');
    expect(plan).toContain(`Kick-off ${url}/title $(cat /etc/passwd) \`id\``);
    expect(plan).not.toMatch(/root:x:0:0/);
    expect(requests).toBe(0);
  }, 60_000);

  it('refuses an include (a key it does not know) at its line, reading nothing', async () => {
    const dir = tempDir('kickoff-template-include-');
    const template = join(dir, 'template.yaml');
    writeFileSync(template, `include: ${url}/more.yaml\n${shipped}`);
    const run = await initWith(template, dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/template\.yaml:1:1/);
    expect(run.stderr).toMatch(/include/);
    expect(requests).toBe(0);
  }, 60_000);
});
