/**
 * kickoff portfolio FOLDER: every plan under the folder together — who is double-booked, which
 * weeks are over the programme's limits, and (with --suggest) the go-live moves that fix it. As a
 * timeline (terminal), JSON, a web page or a calendar of every go-live and FDP. Writes only --out.
 */
import { describeCapacity } from '../domain/portfolio/capacity.js';
import type { Move } from '../domain/portfolio/suggest.js';
import type { CalendarDate } from '../domain/types.js';
import { ExitCode, formatLocation, UsageError } from '../errors.js';
import { dateFlag } from '../app/flags.js';
import { readProgramme, type Programme } from '../app/portfolio/programme.js';
import { writeOutputFile } from '../app/output-file.js';
import { dataColourOf, sayDiagnostics, type Terminal } from '../adapters/terminal/terminal.js';
import { renderHealth, renderProgrammeTimeline } from '../render/portfolio-timeline.js';
import { byHealth, donePercent } from '../domain/portfolio/health.js';
import { wrap } from '../render/text.js';
import { kickoffVersion } from '../version.js';

export interface PortfolioOptions {
  readonly folder: string;
  readonly capacity?: string;
  readonly json?: boolean;
  readonly format?: string;
  readonly calendar?: boolean;
  readonly out?: string;
  readonly suggest?: boolean;
  readonly report?: boolean;
  readonly from?: string;
  readonly to?: string;
  /** One person's actions in every practice instead of the programme (portfolio-person.ts). */
  readonly person?: string;
  readonly template?: string;
  readonly today?: string;
  readonly quiet?: boolean;
}

export async function portfolio(options: PortfolioOptions, terminal: Terminal): Promise<ExitCode> {
  if (options.person !== undefined) {
    const { portfolioPerson } = await import('./portfolio-person.js');
    return portfolioPerson({ ...options, person: options.person }, terminal);
  }
  const from = dateFlag('--from', options.from);
  const to = dateFlag('--to', options.to);
  checkModes(options);
  const progress = !options.quiet && !options.json;
  const programme = await readProgramme(options.folder, {
    ...(options.capacity !== undefined ? { capacity: options.capacity } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    suggest: Boolean(options.suggest),
    ...(options.report ? { report: true } : {}),
    ...(options.calendar ? { calendar: { name: CALENDAR_NAME, productVersion: kickoffVersion() } } : {}),
    ...(progress ? { onPlan: (n, total) => terminal.progress(`Reading plan ${n + 1}/${total}…`) } : {}),
  });
  if (progress) terminal.progress(undefined);
  for (const b of programme.broken) {
    const where = b.location ? formatLocation(b.location) : b.file;
    terminal.say(`${terminal.colour.red('Skipped')} ${where}: ${b.message}`);
  }
  if (!options.quiet) sayDiagnostics(terminal, programme.warnings);
  if (options.report) await writeReport(programme, options, terminal);
  else if (options.json) terminal.data(JSON.stringify(toJson(programme), null, 2));
  else if (options.calendar) await writeCalendar(programme, options, terminal);
  else if (options.format === 'html') await writeHtml(programme, options, terminal);
  else terminal.data(report(programme, { from, to, terminal }).join('\n'));
  if (programme.practices.length === 0 && programme.broken.length === 0)
    terminal.say(
      `No kickoff.yaml under ${options.folder}. Plan practices there with kickoff batch --out ${options.folder}.`,
    );
  return programme.broken.length > 0 || programme.problems.length > 0 || ownErrors(programme)
    ? ExitCode.problems
    : ExitCode.ok;
}

/** A practice whose own plan has an error (a missed notice, a go-live that cannot be met). */
function ownErrors(programme: Programme): boolean {
  return [...programme.health.values()].some((h) => h.reasons.some((r) => r.severity === 'error'));
}

function checkModes(options: PortfolioOptions): void {
  if (options.format === 'md' && !options.report)
    throw new UsageError('--format md is for the weekly report: add --report.');
  if (options.format !== undefined && options.format !== 'html' && options.format !== 'md')
    throw new UsageError(
      `--format: "${options.format}" is not a format portfolio writes.`,
      'Use --format html (or --json, or --calendar).',
    );
  if (options.report && options.calendar) throw new UsageError('Choose one of --report and --calendar.');
  const modes = [options.json, options.calendar, options.format].filter(Boolean).length;
  if (modes > 1) throw new UsageError('Choose one of --json, --calendar and --format html.');
}

function capacitySource(programme: Programme): string {
  return programme.capacityFile
    ? `from ${programme.capacityFile}`
    : 'built-in defaults; set your own with --capacity capacity.yaml';
}

/** Shell-safe: a path with spaces or quotes still pastes as one argument. */
function quote(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function scheduleCommand(move: Move): string {
  return `kickoff schedule --plan ${quote(move.practice)} --go-live ${move.to}`;
}

function report(
  programme: Programme,
  view: { from?: CalendarDate | undefined; to?: CalendarDate | undefined; terminal: Terminal },
): string[] {
  const paint = dataColourOf(view.terminal);
  const lines = renderProgrammeTimeline({
    practices: programme.practices,
    problems: programme.problems,
    health: programme.health,
    today: programme.today,
    ...(view.from ? { from: view.from } : {}),
    ...(view.to ? { to: view.to } : {}),
    paint,
  });
  // One line or more per practice: appended one by one, since spreading 10,000 practices' lines
  // into push() overflowed the call stack.
  lines.push('');
  for (const line of renderHealth(programme.practices, programme.health, paint)) lines.push(line);
  lines.push('', ...wrap(summary(programme), 80).map((line) => paint.bold(line)));
  for (const problem of programme.problems)
    lines.push(...wrap(problem.message, 78).map((l, i) => `${i === 0 ? '-' : ' '} ${l}`));
  lines.push(
    '',
    ...wrap(`Limits (${capacitySource(programme)}): ${describeCapacity(programme.capacity).join('; ')}.`, 80),
  );
  const s = programme.suggestion;
  if (s) {
    lines.push('');
    if (s.moves.length === 0 && s.unresolved.length === 0) lines.push('Nothing to move.');
    if (s.moves.length > 0) {
      lines.push(paint.bold(`To clear them, move ${s.moves.length} go-live(s) (run these):`));
      for (const move of s.moves) lines.push(scheduleCommand(move));
    }
    for (const u of s.unresolved) lines.push(...wrap(`Not cleared: ${u.message} Why: ${u.reason}`, 80));
  }
  return lines;
}

function summary(p: Programme): string {
  const broken = p.broken.length > 0 ? `; ${p.broken.length} plan(s) could not be read (above)` : '';
  if (p.problems.length === 0)
    return `${p.practices.length} practice(s): no clashes and no limits broken${broken}.`;
  const clashes = p.problems.filter((x) => x.kind === 'clash' || x.kind === 'absence').length;
  return `${p.practices.length} practice(s): ${clashes} clash(es) between people's days, ${p.problems.length - clashes} limit(s) broken${broken}.`;
}

async function writeHtml(programme: Programme, options: PortfolioOptions, terminal: Terminal): Promise<void> {
  const { renderProgrammeHtml } = await import('../render/portfolio-html.js');
  const html = renderProgrammeHtml({
    today: programme.today,
    folder: programme.folder,
    practices: programme.practices,
    problems: programme.problems,
    health: programme.health,
    load: programme.load,
    capacitySource: capacitySource(programme),
    capacity: describeCapacity(programme.capacity),
    broken: programme.broken,
    ...(programme.suggestion
      ? { suggestion: programme.suggestion, commands: programme.suggestion.moves.map(scheduleCommand) }
      : {}),
  });
  await output(html, options, terminal, 'programme page');
}

const CALENDAR_NAME = 'Migration programme: go-lives and final data productions';

async function writeCalendar(
  programme: Programme,
  options: PortfolioOptions,
  terminal: Terminal,
): Promise<void> {
  if (programme.calendar === undefined) throw new UsageError('No plan has a go-live to put in a calendar.');
  await output(programme.calendar, options, terminal, 'programme calendar');
}

async function output(
  text: string,
  options: PortfolioOptions,
  terminal: Terminal,
  what: string,
): Promise<void> {
  if (!options.out) return terminal.data(text, { file: true });
  await writeOutputFile(options.out, text);
  if (!options.quiet) terminal.say(`Wrote the ${what} to ${options.out}.`);
}

/** The stable JSON shape documented in the README. */
export function toJson(p: Programme) {
  return {
    folder: p.folder,
    today: p.today,
    capacity: { source: p.capacityFile ?? 'defaults', ...p.capacity },
    practices: p.practices.map((v) => ({
      ods: v.ods,
      name: v.name,
      plan: v.id,
      goLive: v.goLive,
      ...(v.kickoff ? { kickoff: v.kickoff } : {}),
      ...(v.fdp ? { fdp: v.fdp } : {}),
      supplier: v.supplier,
      goLivePinned: v.goLivePinned,
      ...healthJson(p, v.id),
    })),
    broken: p.broken.map((b) => ({
      plan: b.file,
      message: b.message,
      ...(b.location?.line !== undefined ? { line: b.location.line, column: b.location.column ?? 1 } : {}),
    })),
    warnings: p.warnings,
    problems: p.problems,
    load: p.load,
    ...(p.suggestion
      ? {
          suggestion: {
            ...p.suggestion,
            commands: p.suggestion.moves.map(scheduleCommand),
          },
        }
      : {}),
  };
}

function healthJson(p: Programme, id: string) {
  const h = p.health.get(id);
  if (!h) return {};
  return {
    health: {
      status: h.status,
      actions: { ...h.actions, percentDone: donePercent(h) },
      ...(h.next ? { nextMilestone: h.next } : {}),
      reasons: h.reasons,
    },
  };
}

/** `portfolio --report`: the programme's weekly report, as Markdown, a web page or JSON. */
async function writeReport(
  programme: Programme,
  options: PortfolioOptions,
  terminal: Terminal,
): Promise<void> {
  const { programmeReport, renderReportHtml, renderReportMarkdown } = await import('../render/report.js');
  const input = {
    folder: programme.folder,
    today: programme.today,
    practices: programme.practices,
    health: programme.health,
    weeks: programme.weeks ?? new Map(),
    problems: programme.problems,
    broken: programme.broken,
  };
  if (options.json) {
    const doc = programmeReport(input);
    const json = {
      folder: programme.folder,
      today: programme.today,
      practices: [...programme.practices]
        .sort((a, b) => byHealth(statusOf(programme, a.id), statusOf(programme, b.id)))
        .map((v) => ({
          ods: v.ods,
          name: v.name,
          plan: v.id,
          goLive: v.goLive,
          ...(v.fdp ? { fdp: v.fdp } : {}),
          ...healthJson(programme, v.id),
          ...(programme.weeks?.get(v.id) ? { week: programme.weeks.get(v.id) } : {}),
        })),
      problems: programme.problems.map((p) => ({ id: p.id, kind: p.kind, message: p.message })),
      sections: doc.sections,
    };
    return terminal.data(JSON.stringify(json, null, 2));
  }
  const doc = programmeReport(input);
  const text = options.format === 'html' ? renderReportHtml(doc) : renderReportMarkdown(doc);
  await output(text, options, terminal, 'programme report');
}

function statusOf(p: Programme, id: string) {
  return p.health.get(id)?.status ?? 'green';
}
