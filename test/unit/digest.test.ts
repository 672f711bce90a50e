/**
 * The digest e-mail (render/digest.ts): sections by change, dates as people read them, HTML that
 * mail programs show as written (inline styles, no scripts or style blocks), names escaped.
 */
import { describe, expect, it } from 'vitest';
import { renderDigest, type DigestInput } from '../../src/render/digest.js';
import { D } from '../helpers/fixtures.js';

const BASE: DigestInput = {
  name: 'Sam Lee',
  isOrganiser: false,
  practice: { name: 'Densham Surgery', ods: 'A81001' },
  systems: { current: 'EMIS Web', new: 'SystmOne' },
  organiser: { name: 'Priya Shah', email: 'priya.shah@nhs.net' },
  lines: [
    { kind: 'new', title: 'Core training', start: D('2027-03-30'), end: D('2027-04-16'), type: 'window' },
    { kind: 'update', title: 'Go live', start: D('2027-04-19'), end: D('2027-04-19'), type: 'milestone' },
    { kind: 'cancel', title: 'Remind <Docman> & co', start: D('2027-04-12'), end: D('2027-04-12') },
  ],
};

describe('renderDigest', () => {
  it('lists what is new, moved and cancelled, each with its dates, in the text and in the HTML', () => {
    const { subject, text, html } = renderDigest(BASE);
    expect(subject).toBe('Migration dates: 1 new, 1 changed, 1 cancelled (Densham Surgery, A81001)');
    expect(text).toMatch(/^Dear Sam Lee,\n/);
    expect(text).toContain('\nNew:\n  Tue 30 Mar 2027 to Fri 16 Apr 2027 Core training\n');
    expect(text).toMatch(
      /\nMoved or changed \(the date shown is the new one\):\n {2}Mon 19 Apr 2027 +Go live \(milestone\)\n/,
    );
    expect(text).toMatch(/\nCancelled:\n {2}Mon 12 Apr 2027 +Remind <Docman> & co\n/);
    expect(text).toContain('If a cancelled date is in your calendar, delete it.');
    expect(html).toContain('Remind &#60;Docman&#62; &#38; co');
    expect(html).not.toContain('<Docman>');
    expect(html).not.toMatch(/<script|<style|<link|<img|class=/i);
    expect(html.match(/<table /g)).toHaveLength(3);
  });

  it("gives the feed's address when there is one, and tells the organiser to import the file attached", () => {
    const plain = renderDigest(BASE);
    expect(plain.text).not.toContain('Subscribe');
    const feed = renderDigest({ ...BASE, feedUrl: 'https://intranet.example.nhs.uk/kickoff/A81001/' });
    expect(feed.text).toContain("Subscribe to the plan's calendar");
    expect(feed.html).toContain('<a href="https://intranet.example.nhs.uk/kickoff/A81001/"');
    const pm = renderDigest({
      ...BASE,
      name: 'Priya Shah',
      isOrganiser: true,
      calendarFile: 'a81001-everything.ics',
    });
    expect(pm.text).toContain('kickoff sends you no invitations');
    expect(pm.text).toContain('The attached file a81001-everything.ics holds every event of the plan.');
  });
});
