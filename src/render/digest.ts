/**
 * A digest: one e-mail per person per `kickoff invite` run, listing the deadlines, reminders and
 * milestones (and, for the organiser, every event) that are new, changed or cancelled for them.
 * Plain text and the same as HTML made for mail programs: one table per section, inline styles
 * only (Outlook's Word engine ignores <style> blocks and most CSS; Gmail drops <style> in some
 * views), no images, no scripts, nothing fetched.
 */
import { formatLong } from '../domain/calendar.js';
import type { InvitationKind } from '../domain/calendar-events/invite.js';
import type { CalendarDate, ItemType } from '../domain/types.js';
import { escapeXml as esc } from './gantt.js';

export interface DigestLine {
  readonly kind: InvitationKind;
  readonly title: string;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly time?: string;
  /** Absent for an event that has left the plan (only its title and dates are kept). */
  readonly type?: ItemType;
  /** A weekly series: its last day. */
  readonly until?: CalendarDate;
}

export interface DigestInput {
  /** The person's name; empty for someone no longer in the team. */
  readonly name: string;
  readonly isOrganiser: boolean;
  readonly practice: { readonly name: string; readonly ods: string };
  readonly systems: { readonly current: string; readonly new: string };
  readonly organiser: { readonly name: string; readonly email: string };
  /** By date, as planInvitations orders them. */
  readonly lines: readonly DigestLine[];
  /** Where the plan's calendar feeds are published (`invite --feed-url`). */
  readonly feedUrl?: string;
  /** The file of every event attached for the organiser. */
  readonly calendarFile?: string;
}

export interface DigestText {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const SECTIONS: readonly { kinds: readonly InvitationKind[]; heading: string }[] = [
  { kinds: ['new'], heading: 'New' },
  { kinds: ['update'], heading: 'Moved or changed (the date shown is the new one)' },
  { kinds: ['resend'], heading: 'Sent again, unchanged' },
  { kinds: ['cancel'], heading: 'Cancelled' },
  { kinds: ['uninvite'], heading: 'No longer yours (it goes ahead without you)' },
];

const TYPE_LABEL: Partial<Record<ItemType, string>> = { meeting: 'meeting', milestone: 'milestone' };

export function renderDigest(input: DigestInput): DigestText {
  const { practice, systems, organiser } = input;
  const move = `the move of ${practice.name} (${practice.ods}) from ${systems.current} to ${systems.new}`;
  const count = (kinds: readonly InvitationKind[]) =>
    input.lines.filter((l) => kinds.includes(l.kind)).length;
  const parts = [
    [count(['new']), 'new'],
    [count(['update']), 'changed'],
    [count(['resend']), 'sent again'],
    [count(['cancel', 'uninvite']), 'cancelled'],
  ] as const;
  const summary = parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
    .join(', ');
  const subject = `Migration dates: ${summary} (${oneLine(practice.name)}, ${practice.ods})`;
  const lead = input.isOrganiser
    ? [
        `You organise the events of ${move}, so kickoff sends you no invitations to them: this one e-mail per run lists what is new, changed or cancelled.`,
        ...(input.calendarFile
          ? [
              `The attached file ${input.calendarFile} holds every event of the plan. Import it into your calendar (Outlook: open the attachment and choose Import, or File > Open & Export > Import/Export; Google Calendar: Settings > Import & export). Importing it again after a change updates the same entries. Your team's replies to meeting invitations are then matched to these entries.`,
            ]
          : []),
      ]
    : [
        `These are your dates in ${move}. Meetings come as separate invitations to accept; the deadlines, reminders and milestones below need no reply, so they come together in this one e-mail.`,
      ];
  const feed = input.feedUrl
    ? [
        `Subscribe to the plan's calendar to have these dates in your calendar, kept up to date by itself: ${input.feedUrl}`,
      ]
    : [];
  const ask = `Questions, or a date that does not work: ask ${organiser.name} (${organiser.email}), the migration project manager.`;
  const sections = SECTIONS.map((s) => ({
    heading: s.heading,
    lines: input.lines.filter((l) => s.kinds.includes(l.kind)),
  })).filter((s) => s.lines.length > 0);

  const text = [
    input.name ? `Dear ${oneLine(input.name)},` : 'Hello,',
    '',
    ...lead.flatMap((p) => [p, '']),
    ...sections.flatMap((s) => [
      `${s.heading}:`,
      ...s.lines.map((l) => `  ${when(l).padEnd(34)} ${oneLine(l.title)}${typeNote(l)}`),
      '',
    ]),
    ...(sections.some((s) => s.heading === 'Cancelled')
      ? ['If a cancelled date is in your calendar, delete it.', '']
      : []),
    ...feed.flatMap((p) => [p, '']),
    ask,
    '',
  ].join('\n');

  const p = (body: string) => `<p style="margin:0 0 12px 0;">${body}</p>`;
  const cell = 'border:1px solid #c8cdd0;padding:4px 8px;text-align:left;vertical-align:top;';
  const table = (lines: readonly DigestLine[]) =>
    [
      '<table cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 16px 0;">',
      `<tr><th style="${cell}background:#e8edee;">Date</th><th style="${cell}background:#e8edee;">What</th></tr>`,
      ...lines.map(
        (l) =>
          `<tr><td style="${cell}white-space:nowrap;">${esc(when(l))}</td><td style="${cell}">${esc(oneLine(l.title))}${esc(typeNote(l))}</td></tr>`,
      ),
      '</table>',
    ].join('\n');
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>' +
      esc(subject) +
      '</title></head>',
    '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#212b32;">',
    p(esc(input.name ? `Dear ${oneLine(input.name)},` : 'Hello,')),
    ...lead.map((l) => p(esc(l))),
    ...sections.flatMap((s) => [
      `<h2 style="font-size:17px;color:#003087;margin:16px 0 6px 0;">${esc(s.heading)}</h2>`,
      table(s.lines),
    ]),
    ...(sections.some((s) => s.heading === 'Cancelled')
      ? [p('If a cancelled date is in your calendar, delete it.')]
      : []),
    ...(input.feedUrl
      ? [
          p(
            `Subscribe to the plan's calendar to have these dates in your calendar, kept up to date by itself: <a href="${esc(input.feedUrl)}" style="color:#005eb8;">${esc(input.feedUrl)}</a>`,
          ),
        ]
      : []),
    p(esc(ask)),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

/** "Mon 11 Jan 2027 10:00", "Mon 1 Feb 2027 to Fri 5 Feb 2027", "Mon 11 Jan 2027, weekly to …". */
function when(line: DigestLine): string {
  const first = `${formatLong(line.start)}${line.time ? ` ${line.time}` : ''}`;
  if (line.until) return `${first}, weekly to ${formatLong(line.until)}`;
  return line.end !== line.start ? `${first} to ${formatLong(line.end)}` : first;
}

function typeNote(line: DigestLine): string {
  const label = line.type ? TYPE_LABEL[line.type] : undefined;
  return label ? ` (${label})` : '';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
