/**
 * kickoff invite: each person's meetings as calendar invitations and their other dates in one
 * digest, and after a re-plan only what changed for them (sendInvitations). Says, person by person, what went and what was refused.
 */
import { sep } from 'node:path';
import { formatLong } from '../domain/calendar.js';
import { ExitCode, UsageError } from '../errors.js';
import { dataColourOf, muted, type Terminal } from '../adapters/terminal/terminal.js';
import {
  checkSmtpUrl,
  sendInvitations,
  type Delivery,
  type SentInvitation,
  type SentLine,
} from '../app/send-invitations.js';

export interface InviteCommandOptions {
  readonly plan: string;
  readonly since?: string;
  readonly smtp?: string;
  readonly eml?: string;
  readonly dryRun?: boolean;
  readonly template?: string;
  readonly today?: string;
  readonly wait?: string;
  /** Where the plan's calendar feeds are published, for the digests to give. */
  readonly feedUrl?: string;
  /** What was sent (or would be), as data on standard output. */
  readonly json?: boolean;
}

export const SMTP_USER = 'KICKOFF_SMTP_USER';
export const SMTP_PASSWORD = 'KICKOFF_SMTP_PASSWORD';

export async function invite(
  options: InviteCommandOptions,
  terminal: Terminal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ExitCode> {
  const delivery = await deliveryFrom(options, terminal, env);
  const result = await sendInvitations(options.plan, {
    delivery,
    ...(options.since !== undefined ? { since: options.since } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    ...(options.feedUrl !== undefined ? { feedUrl: options.feedUrl } : {}),
  });
  for (const person of result.noEmail)
    terminal.say(
      terminal.colour.yellow(
        `Warning: ${person.name} (${person.role}) has no e-mail address in the team, so nothing was sent to them. Add one under answers.team in ${result.planFile}.`,
      ),
    );
  if (options.json)
    terminal.data(
      JSON.stringify(
        {
          planFile: result.planFile,
          messages: result.sent.map((s) => ({
            to: s.to.email,
            kind: s.kind,
            items: s.lines.map((l) => ({
              item: l.invitation.itemId,
              change: l.invitation.kind,
              method: l.invitation.method,
              sequence: l.invitation.sequence,
            })),
            ...(s.attachment !== undefined ? { attachment: s.attachment } : {}),
            delivered: s.delivered,
            ...(s.refused !== undefined ? { refused: s.refused } : {}),
            ...(s.file !== undefined ? { file: s.file } : {}),
          })),
          planned: result.planned,
          noEmail: result.noEmail.map((p) => p.name),
          planChanged: result.planChanged,
        },
        null,
        2,
      ),
    );
  // A dry run's list is what was asked for: data, on standard output (to read, page or save).
  const out =
    delivery.kind === 'dry-run' && !options.json
      ? { ...terminal, colour: dataColourOf(terminal), say: (line = '') => terminal.data(line) }
      : muted(terminal, Boolean(options.json));
  if (result.stoppedBy) {
    if (result.sent.length > 0) report(result.sent, delivery, out);
    const left = result.planned - result.sent.filter((s) => s.refused === undefined).length;
    terminal.say(`${left} of ${result.planned} message(s) not sent; kickoff invite sends them next time.`);
  } else report(result.sent, delivery, out);
  if (result.planChanged) out.say(`${result.planFile} records what was delivered.`);
  if (result.stoppedBy) throw result.stoppedBy;
  return result.sent.some((s) => s.refused !== undefined) ? ExitCode.problems : ExitCode.ok;
}

async function deliveryFrom(
  options: InviteCommandOptions,
  terminal: Terminal,
  env: NodeJS.ProcessEnv,
): Promise<Delivery> {
  if (options.smtp !== undefined && options.eml !== undefined)
    throw new UsageError(
      'Give --smtp or --eml, not both.',
      'Send through the mail server (--smtp URL) or write files to send yourself (--eml DIR).',
    );
  if (options.dryRun) return { kind: 'dry-run' };
  if (options.eml !== undefined) return { kind: 'eml', folder: options.eml };
  if (options.smtp === undefined)
    throw new UsageError(
      'Say how to deliver the invitations.',
      'Use --smtp smtp://mail.example.nhs.uk:587 to send them, --eml DIR to write them as files to send from your own mailbox, or --dry-run to see what would be sent.',
    );
  // A mistyped URL is a usage error before anything else happens.
  await checkSmtpUrl(options.smtp);
  const user = env[SMTP_USER] || undefined;
  let password = env[SMTP_PASSWORD] || undefined;
  if (!user && password)
    throw new UsageError(
      `${SMTP_PASSWORD} is set but ${SMTP_USER} is not.`,
      `Set ${SMTP_USER} to the mail account's user name.`,
    );
  if (user && password === undefined) {
    if (!terminal.interactive)
      throw new UsageError(
        `${SMTP_USER} is set but ${SMTP_PASSWORD} is not, and there is no terminal to ask for it.`,
        `Set ${SMTP_PASSWORD} in the environment of this run.`,
      );
    const { askSmtpPassword } = await import('../adapters/terminal/prompts.js');
    password = await askSmtpPassword(user, options.smtp, { output: process.stderr });
  }
  return {
    kind: 'smtp',
    server: { url: options.smtp, ...(user ? { user } : {}), ...(password !== undefined ? { password } : {}) },
  };
}

const KIND_LABEL: Record<SentLine['invitation']['kind'], string> = {
  new: 'new',
  update: 'updated',
  resend: 'again',
  cancel: 'cancelled',
  uninvite: 'no longer needed',
};

function report(sent: readonly SentInvitation[], delivery: Delivery, terminal: Terminal): void {
  if (sent.length === 0) {
    terminal.say('Everyone has the latest version of their events: nothing to send.');
    return;
  }
  let person = '';
  for (const s of sent) {
    const to = s.to;
    if (to.email !== person) {
      person = to.email;
      terminal.say(to.name ? `${to.name} <${to.email}>` : `${to.email} (no longer in the team)`);
    }
    const lineOf = (l: SentLine, indent: string) =>
      `${indent}${KIND_LABEL[l.invitation.kind].padEnd(16)} ${formatLong(l.start)}  ${l.title} (sequence ${l.invitation.sequence})`;
    const text =
      s.kind === 'invitation'
        ? lineOf(s.lines[0]!, '  ')
        : [
            `  one digest e-mail of ${s.lines.length} date(s)${s.attachment ? `, with ${s.attachment} attached to import` : ''}:`,
            ...s.lines.map((l) => lineOf(l, '    ')),
          ].join('\n');
    terminal.say(
      s.refused === undefined
        ? text
        : terminal.colour.red(`${text}\n    REFUSED by the mail server: ${s.refused}`),
    );
  }
  const people = new Set(sent.map((s) => s.to.email)).size;
  const digests = sent.filter((s) => s.kind === 'digest').length;
  const kinds = `${sent.length - digests} meeting invitation(s) and ${digests} digest(s)`;
  const refused = sent.filter((s) => s.refused !== undefined);
  const done = sent.length - refused.length;
  if (delivery.kind === 'dry-run') {
    terminal.say(
      `Would send ${sent.length} message(s) to ${people} people: ${kinds} (dry run: nothing sent, nothing written).`,
    );
    return;
  }
  const verb =
    delivery.kind === 'eml'
      ? `Wrote ${done} message(s) to ${delivery.folder}${sep} to send from the project manager's mailbox`
      : `Sent ${done} message(s)`;
  terminal.say(`${verb}, to ${people} people: ${kinds}.`);
  if (refused.length > 0) {
    const who = [...new Set(refused.map((s) => s.to.email))].join(', ');
    terminal.say(
      terminal.colour.red(
        `${refused.length} message(s) refused (${who}): not recorded as sent. Check the address in the team, then run kickoff invite again to send just those.`,
      ),
    );
  }
}
