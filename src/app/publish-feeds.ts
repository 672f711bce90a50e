/**
 * publishFeeds: what `kickoff publish` does. Each plan's calendars are published exactly as
 * `kickoff calendar` publishes them (publishCalendars: same UIDs, same SEQUENCEs, the plan's
 * `published:` record kept), but as subscription feeds in one folder, DIR/<ODS>/<calendar>.ics, with
 * an index.html that lists every feed and says how to subscribe. A plan that cannot be read is
 * reported and the others are still published.
 */
import { randomBytes } from 'node:crypto';
import { readdir, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { isCalendarDate } from '../domain/calendar.js';
import { feedUrl } from '../domain/calendar-events/feed.js';
import type { Diagnostic, Plan } from '../domain/types.js';
import { formatLocation, IoError, KickoffError, UsageError, type ExitCode } from '../errors.js';
import { readClock } from '../adapters/clock.js';
import { openPlan } from './open-plan.js';
import { renderFeedIndex, type FeedIndexEntry, type FeedIndexPractice } from '../render/feed-index.js';
import { practiceFolder } from './batch/run.js';
import { publishCalendars } from './publish-calendars.js';
import { waitSeconds } from './edit-plan.js';
import {
  assertInside,
  confinedFiles,
  diskFiles,
  loadWorkspace,
  PLAN_FILE,
  resolvePlanFile,
  type UseCaseOptions,
  type Workspace,
} from './workspace.js';
import { readPlan } from '../adapters/plan-file/read.js';
import { byText } from '../domain/order.js';

export const INDEX_FILE = 'index.html';
/**
 * What index.html lists, kept beside it: publishing one plan into a folder that has others' feeds
 * must not drop them from the index. Not served (kickoff serve serves .ics and index.html only).
 */
export const MANIFEST_FILE = 'feeds.json';

export interface PublishFeedsOptions extends UseCaseOptions {
  /** The feed folder: one folder per practice in it, and index.html. */
  readonly out: string;
  /** One plan (a file or its folder)… */
  readonly plan?: string;
  /** …or every FOLDER/<ODS>/kickoff.yaml, as `kickoff batch` writes them. */
  readonly plans?: string;
  /** Where `out` is published, ending in '/' (parseBaseUrl); without it, feeds carry no URL. */
  readonly baseUrl?: string;
  /** An RFC 5545 duration (parseRefreshInterval). */
  readonly refreshInterval: string;
  /** People's names and addresses in the events; roles only without it (the default). */
  readonly withNames?: boolean;
  /** A new token in every practice's feed addresses (its old feed files are removed). */
  readonly newToken?: boolean;
}

/**
 * A practice as feeds.json keeps it: what the index lists, and the random part of its feeds'
 * addresses (`<ODS>-<token>/everything.ics`), kept so that publishing again keeps the addresses.
 */
export interface ListedPractice extends FeedIndexPractice {
  readonly token?: string;
}

export interface PublishedPractice extends ListedPractice {
  readonly token: string;
  readonly planFile: string;
  readonly revised: number;
  readonly diagnostics: readonly Diagnostic[];
}

export interface FailedPlan {
  readonly planFile: string;
  /** The message as a person should read it, with file:line:col when known. */
  readonly message: string;
  readonly hint?: string;
  readonly exitCode: ExitCode;
}

export interface PublishedFeeds {
  readonly index: string;
  readonly practices: readonly PublishedPractice[];
  readonly failed: readonly FailedPlan[];
}

export async function publishFeeds(options: PublishFeedsOptions): Promise<PublishedFeeds> {
  const planFiles = await planFilesOf(options);
  const workspace = options.workspace ?? (await loadWorkspace(options.template));
  // Before anything is written: two plans for one practice would share one feed folder, and the
  // second silently replaced the first's feeds.
  if (options.plans !== undefined) await refuseSharedOds(planFiles, workspace);
  // Every write meant for the feed folder lands in it: a practice folder that is a link to
  // somewhere else is refused, before its plan or its feeds are written.
  const files = confinedFiles(options.out, options.files ?? diskFiles);
  const clock = readClock(options.today);
  const index = join(options.out, INDEX_FILE);
  // One plan alone: a plan kickoff cannot read stops publish before the feed folder is made.
  if (options.plans === undefined) await openPlan(planFiles[0]!, workspace, files);
  // One publish into a folder at a time: index.html and feeds.json list what each run found, and
  // two runs at once each wrote their own list, dropping the other's practice from the page.
  await files.makeFolder?.(options.out);
  const release = await files.lock?.(index, {
    command: 'publish',
    waitMs: waitSeconds(options.wait) * 1000,
  });
  try {
    const practices: PublishedPractice[] = [];
    const failed: FailedPlan[] = [];
    const seen = new Map<string, string>();
    const earlier = await readManifest(options.out);
    const tokens = new Map(earlier.flatMap((p) => (p.token ? [[p.ods, p.token] as const] : [])));
    for (const planFile of planFiles) {
      try {
        practices.push(await publishOne(planFile, { ...options, workspace, files }, seen, tokens));
      } catch (error) {
        // One plan alone: its error is the command's. In a batch, the other plans go on.
        if (!(error instanceof KickoffError) || options.plans === undefined) throw error;
        failed.push(failureOf(planFile, error));
      }
    }
    // A new token (or the first, for feeds published before kickoff made them): the old addresses
    // must stop working, so their files go once the new ones are written.
    for (const practice of practices) {
      const before = earlier.find((p) => p.ods === practice.ods);
      if (before && before.token !== practice.token) await removeFeeds(options.out, before);
    }
    const listed = await mergeManifest(options.out, earlier, practices);
    const html = renderFeedIndex({
      today: clock.today,
      refreshInterval: options.refreshInterval,
      ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
      practices: listed,
    });
    await files.writeAtomic(join(options.out, MANIFEST_FILE), `${JSON.stringify(listed, null, 2)}\n`);
    await files.writeAtomic(index, html);
    return { index, practices, failed };
  } finally {
    await release?.();
  }
}

async function publishOne(
  planFile: string,
  options: PublishFeedsOptions,
  seen: Map<string, string>,
  tokens: ReadonlyMap<string, string>,
): Promise<PublishedPractice> {
  const { baseUrl, out, refreshInterval } = options;
  let token = '';
  let folder = '';
  const folderOf = (plan: Plan) => {
    const ods = plan.answers.practice.ods;
    const earlier = seen.get(ods);
    // Checked before anything is written: a second plan must not overwrite the first one's feeds.
    if (earlier !== undefined)
      throw new UsageError(
        `${planFile} is for ${ods} too, like ${earlier}; only the first was published.`,
        'Keep one plan per practice in the folder.',
      );
    seen.set(ods, planFile);
    token = (!options.newToken && tokens.get(ods)) || newToken();
    // practiceFolder checks the code is a safe folder name; the token is ours, [0-9a-z] only.
    folder = `${relative(out, practiceFolder(out, ods))}-${token}`;
    return join(out, folder);
  };
  const result = await publishCalendars(planFile, {
    ...options,
    feeds: {
      folderOf,
      checkFolder: (folder) => assertInside(out, folder),
      feedOf: () => ({
        refreshInterval,
        ...(options.withNames ? { withNames: true } : {}),
        ...(baseUrl !== undefined
          ? { urlOf: (fileName: string) => feedUrl(baseUrl, `${folder}/${fileName}`) }
          : {}),
      }),
    },
  });
  const { practice, goLive } = result.plan.answers;
  return {
    planFile: result.planFile,
    name: practice.name,
    ods: practice.ods,
    goLive,
    token,
    feeds: result.calendars.map((c) => ({
      key: c.key,
      name: c.name,
      // Inside the feed folder, with '/' on every system: it is also the URL's path.
      path: relative(out, c.path).split(sep).join('/'),
    })),
    revised: result.revised.length,
    diagnostics: result.diagnostics,
  };
}

/** 128 random bits, as 26 lower-case letters and digits: a feed address no one can guess. */
function newToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(17);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let text = '';
  for (let i = 0; i < 26; i++) text += alphabet[Number((bits >> BigInt(i * 5)) & 31n)];
  return text;
}

/** What feeds.json lists, checked; an unreadable one lists nothing (its feeds stay on disk). */
async function readManifest(out: string): Promise<ListedPractice[]> {
  try {
    const parsed: unknown = JSON.parse(await diskFiles.readText(join(out, MANIFEST_FILE), 'the feed list'));
    return Array.isArray(parsed) ? parsed.filter(isListedPractice) : [];
  } catch {
    return [];
  }
}

/**
 * An earlier publication's feed files (the addresses that must stop working), then its folder if
 * that leaves it empty. Only files feeds.json lists, inside the feed folder, are touched.
 */
async function removeFeeds(out: string, practice: ListedPractice): Promise<void> {
  const folders = new Set<string>();
  for (const feed of practice.feeds) {
    const path = join(out, feed.path);
    await assertInside(out, path);
    await unlink(path).catch(() => undefined);
    folders.add(dirname(path));
  }
  for (const folder of folders) await rmdir(folder).catch(() => undefined);
}

/**
 * The practices to list: those published now, and those published before into the same folder whose
 * feeds are still there, sorted by ODS code.
 */
async function mergeManifest(
  out: string,
  earlier: readonly ListedPractice[],
  published: readonly PublishedPractice[],
): Promise<ListedPractice[]> {
  const now = new Set(published.map((p) => p.ods));
  const kept: ListedPractice[] = [];
  for (const practice of earlier.filter((p) => !now.has(p.ods))) {
    const feeds = [];
    for (const feed of practice.feeds) if (await diskFiles.exists(join(out, feed.path))) feeds.push(feed);
    if (feeds.length > 0) kept.push({ ...practice, feeds });
  }
  return [
    ...kept,
    ...published.map(({ name, ods, goLive, token, feeds }) => ({ name, ods, goLive, token, feeds })),
  ].sort((a, b) => byText(a.ods, b.ods));
}

/** The manifest is a file on disk like any other: its paths end up in links, so they are checked. */
function isListedPractice(value: unknown): value is ListedPractice {
  const p = value as Partial<ListedPractice> | null;
  // Before tokens, a practice's feeds were <ODS>/…; now <ODS>-<token>/….
  const folder = p?.token === undefined ? p?.ods : `${p.ods}-${p.token}`;
  return (
    typeof p?.name === 'string' &&
    typeof p.ods === 'string' &&
    /^[A-Z][0-9A-Z]{2,5}$/.test(p.ods) &&
    (p.token === undefined || (typeof p.token === 'string' && /^[a-z2-7]{26}$/.test(p.token))) &&
    typeof p.goLive === 'string' &&
    isCalendarDate(p.goLive) &&
    Array.isArray(p.feeds) &&
    p.feeds.every(
      (f: Partial<FeedIndexEntry> | null) =>
        typeof f?.key === 'string' &&
        typeof f.name === 'string' &&
        typeof f.path === 'string' &&
        f.path.startsWith(`${folder}/`) &&
        /^[A-Z0-9]+(-[a-z2-7]{26})?\/[a-z0-9-]+\.ics$/.test(f.path),
    )
  );
}

/**
 * Every pair of plans for the same ODS code, named by path: a UsageError (exit 2), and nothing
 * published. A plan that cannot be read is left to the publishing loop, which reports it.
 */
async function refuseSharedOds(planFiles: readonly string[], workspace: Workspace): Promise<void> {
  const byOds = new Map<string, string[]>();
  for (const file of planFiles) {
    let ods: string;
    try {
      ods = (await readPlan(file, workspace.template)).plan.answers.practice.ods;
    } catch (error) {
      if (error instanceof KickoffError) continue;
      throw error;
    }
    byOds.set(ods, [...(byOds.get(ods) ?? []), file]);
  }
  const shared = [...byOds].filter(([, files]) => files.length > 1);
  if (shared.length === 0) return;
  const lines = shared.map(([ods, files]) => `${ods}: ${files.join(' and ')}`);
  throw new UsageError(
    `Two plans are for the same practice, so their feeds would overwrite each other; nothing was published.\n  ${lines.join('\n  ')}`,
    'Keep one plan per practice (ODS code) in the folder: move or remove the other one, or correct its practice.ods, then run kickoff publish again.',
  );
}

function failureOf(planFile: string, error: KickoffError): FailedPlan {
  const where = error.location ? `${formatLocation(error.location)}: ` : `${planFile}: `;
  return {
    planFile,
    message: `${where}${error.message}`,
    ...(error.hint !== undefined ? { hint: error.hint } : {}),
    exitCode: error.exitCode,
  };
}

/** The plan files to publish: --plan (default ./kickoff.yaml), or each FOLDER/<name>/kickoff.yaml. */
async function planFilesOf(options: PublishFeedsOptions): Promise<string[]> {
  if (options.plan !== undefined && options.plans !== undefined)
    throw new UsageError('Give --plan or --plans, not both.', 'kickoff publish --plans FOLDER --out DIR');
  if (options.plans === undefined) return [await resolvePlanFile(options.plan ?? `./${PLAN_FILE}`)];
  const folder = options.plans;
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    throw new IoError(`Cannot read the folder ${folder}.`, 'Check the path given to --plans.');
  }
  const plans: string[] = [];
  for (const name of names)
    if (await diskFiles.exists(join(folder, name, PLAN_FILE))) plans.push(join(folder, name, PLAN_FILE));
  if (plans.length === 0)
    throw new IoError(
      `There is no plan in ${folder} (kickoff looked for ${join(folder, '<ODS>', PLAN_FILE)}).`,
      'Point --plans at the folder kickoff batch --out wrote, or use --plan for one plan.',
    );
  return plans;
}
