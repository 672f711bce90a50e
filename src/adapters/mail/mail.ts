/**
 * E-mail through nodemailer: one composer (MailComposer) builds every message, whether it is
 * written to an .eml file or sent over SMTP, so both are the same bytes but for the Date and
 * Message-ID headers. The SMTP connection upgrades with STARTTLS whenever the server offers it, and
 * insists on it before sending a password. Errors come back as ours: one recipient refused is a
 * result to report, a connection that fails is an IoError.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { IoError, UsageError } from '../../errors.js';

export interface Mailbox {
  readonly name: string;
  readonly address: string;
}

export interface MailMessage {
  readonly from: Mailbox;
  readonly to: Mailbox;
  readonly subject: string;
  readonly text: string;
  /** The same as `text`, as HTML: a digest's table (the text is its plain alternative). */
  readonly html?: string;
  /** The iCalendar object, and its METHOD (the text/calendar part's `method=` must match it). */
  readonly calendar?: { readonly method: 'REQUEST' | 'CANCEL'; readonly content: string };
  /** Files attached, not shown: the organiser's calendar of every event, to import. */
  readonly attachments?: readonly MailAttachment[];
}

export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string;
}

/**
 * For a file: the Date (an ISO instant from the clock), a Message-ID and the MIME boundaries made
 * from the content, so the same plan and --today write the same bytes.
 */
export interface FixedHeaders {
  readonly date: string;
}

/**
 * An invitation as MIME (RFC 6047 iMIP): multipart/mixed of a multipart/alternative (text/plain, then
 * `text/calendar; charset=utf-8; method=…`) and the same calendar as an invite.ics attachment,
 * which is the shape Outlook and Google Calendar send themselves. A digest has no calendar part:
 * multipart/alternative of text and HTML, and for the organiser their calendar file attached.
 */
export async function composeMessage(message: MailMessage, fixed?: FixedHeaders): Promise<Buffer> {
  const digest = fixed
    ? createHash('sha256')
        .update(JSON.stringify([message, fixed.date]))
        .digest('hex')
    : undefined;
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html !== undefined ? { html: message.html } : {}),
    ...(message.calendar
      ? { icalEvent: { method: message.calendar.method, content: message.calendar.content } }
      : {}),
    ...(message.attachments
      ? {
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
            contentDisposition: 'attachment' as const,
          })),
        }
      : {}),
    ...(fixed && digest
      ? {
          date: new Date(fixed.date),
          messageId: `<${digest.slice(0, 32)}@kickoff.invalid>`,
          baseBoundary: digest.slice(32, 48),
        }
      : {}),
  });
  return composer.compile().build();
}

export interface SmtpServer {
  /** smtp://host:port (STARTTLS when offered) or smtps://host:port (TLS from the start). */
  readonly url: string;
  readonly user?: string;
  readonly password?: string;
}

/** What the server said about one message. */
export type Delivery = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface MailSender {
  send(message: MailMessage): Promise<Delivery>;
  close(): void;
}

/** Where and how to connect; a URL that is not an SMTP server's is a usage error (exit 2). */
export function parseSmtpUrl(url: string): { host: string; port: number; secure: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(
      `--smtp: "${url}" is not a URL.`,
      'Give the mail server as smtp://host:587 or smtps://host:465.',
    );
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw new UsageError(
      `--smtp: "${url}" is not an smtp:// or smtps:// URL.`,
      'Give the mail server as smtp://host:587 or smtps://host:465.',
    );
  if (parsed.username || parsed.password)
    throw new UsageError(
      '--smtp: the URL has a user name or password in it; command lines are visible to others on the machine.',
      'Put them in KICKOFF_SMTP_USER and KICKOFF_SMTP_PASSWORD instead (or leave the password out to be asked).',
    );
  const secure = parsed.protocol === 'smtps:';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!host)
    throw new UsageError(`--smtp: "${url}" names no host.`, 'Give the mail server as smtp://host:587.');
  return { host, port: parsed.port ? Number(parsed.port) : secure ? 465 : 587, secure };
}

/** nodemailer's codes for a connection that failed as a whole (not one message). */
const CONNECTION_FAILURES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EAUTH',
  'ETLS',
  'EDNS',
  'EPROTOCOL',
]);

/**
 * One pooled connection for all the messages: a refused recipient is answered with RSET and the
 * next message goes on the same connection.
 */
export function openSmtp(server: SmtpServer): MailSender {
  const { host, port, secure } = parseSmtpUrl(server.url);
  const auth = server.user ? { user: server.user, pass: server.password ?? '' } : undefined;
  const transport = nodemailer.createTransport({
    host,
    port,
    secure,
    // A password only ever goes over an encrypted connection.
    requireTLS: Boolean(auth) && !secure,
    ...(auth ? { auth } : {}),
    pool: true,
    maxConnections: 1,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(message) {
      const raw = await composeMessage(message);
      try {
        await transport.sendMail({ envelope: { from: message.from.address, to: [message.to.address] }, raw });
        return { ok: true };
      } catch (error) {
        const {
          code,
          response,
          message: text,
        } = error as { code?: string; response?: string; message?: string };
        if (code && CONNECTION_FAILURES.has(code))
          throw connectionError(server.url, code, response ?? text ?? '');
        return { ok: false, reason: response ?? text ?? String(error) };
      }
    },
    close: () => transport.close(),
  };
}

function connectionError(url: string, code: string, detail: string): IoError {
  const hint =
    code === 'EAUTH'
      ? 'Check KICKOFF_SMTP_USER and KICKOFF_SMTP_PASSWORD.'
      : code === 'ETLS'
        ? 'The server would not set up an encrypted connection; ask your IT team for the right port (587 with STARTTLS, or smtps:// on 465).'
        : 'Check the server name and port in --smtp, and that this machine may reach it; or use --eml DIR and send the files yourself.';
  return new IoError(`Could not send through ${url}: ${detail.trim() || code}.`, hint);
}
