/**
 * editItemFields: the in-place edits behind `tick`, `pin` and `unpin`, on plan text a person has
 * edited. Every byte outside the edited values must survive.
 */
import { describe, expect, it } from 'vitest';
import { editItemFields } from '../../src/adapters/plan-file/edit.js';
import { D } from '../helpers/fixtures.js';

const TEXT = `# my header
phases:
  - phase: preparation
    title: Prep
    items:
      # the first one
      - id: kick-off
        title: Kick-off meeting
        type: meeting
        date: 2027-01-18
        roles: [ project-manager ]   # everyone
        status: todo # not yet
        pinned: true  # Priya fixed this
        notes: Room booked
      - id: survey
        title: Survey
        type: task
        start: 2027-01-19
        end: 2027-01-21
        roles: [ it-lead ]
      # between items
      - id: review
        title: Review
        type: task
        date: 2027-01-25
        roles: []
        status: doing
        notes: |-
          first
          second
published: {}
`;

describe('editItemFields', () => {
  it('replaces a status value and keeps its trailing comment', () => {
    const out = editItemFields(TEXT, [{ id: 'kick-off', status: 'done' }]);
    expect(out).toBe(TEXT.replace('status: todo # not yet', 'status: done # not yet'));
  });

  it('adds a status line after roles when a person deleted it', () => {
    const out = editItemFields(TEXT, [{ id: 'survey', status: 'not-needed' }]);
    expect(out).toBe(
      TEXT.replace('roles: [ it-lead ]\n', 'roles: [ it-lead ]\n        status: not-needed\n'),
    );
  });

  it('removes pinned: true with its comment line, and adds it after the status', () => {
    expect(editItemFields(TEXT, [{ id: 'kick-off', pinned: false }])).toBe(
      TEXT.replace('        pinned: true  # Priya fixed this\n', ''),
    );
    expect(editItemFields(TEXT, [{ id: 'review', pinned: true }])).toBe(
      TEXT.replace('status: doing\n', 'status: doing\n        pinned: true\n'),
    );
  });

  it('appends notes: a plain note becomes a block, a block grows, a missing one is added last', () => {
    const out = editItemFields(TEXT, [
      { id: 'kick-off', note: 'Minutes: sent' },
      { id: 'review', note: 'third' },
      { id: 'survey', note: 'Chris: Tuesday' },
    ]);
    expect(out).toContain(
      '        notes: |-\n          Room booked\n          Minutes: sent\n      - id: survey',
    );
    expect(out).toContain('        notes: |-\n          first\n          second\n          third\npublished');
    expect(out).toContain('roles: [ it-lead ]\n        notes: "Chris: Tuesday"\n      # between items');
    expect(out).toContain('      # the first one\n');
  });

  it('moves dates for a pin: one day, or a stretch keeping its length', () => {
    const out = editItemFields(TEXT, [
      {
        id: 'survey',
        pinned: true,
        dates: {
          before: { start: D('2027-01-19'), end: D('2027-01-21') },
          after: { start: D('2027-01-26'), end: D('2027-01-28') },
        },
      },
    ]);
    expect(out).toBe(
      TEXT.replace(
        'start: 2027-01-19\n        end: 2027-01-21\n        roles: [ it-lead ]\n',
        'start: 2027-01-26\n        end: 2027-01-28\n        roles: [ it-lead ]\n        pinned: true\n',
      ),
    );
  });
});
