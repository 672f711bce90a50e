/** Status and notes edits in a plan's text: only those lines change, and what is written reads back. */
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { editItemFields, yamlString } from '../../src/adapters/plan-file/edit.js';
import { readItemNotes } from '../../src/adapters/plan-file/notes.js';
import { neutralise, parseCsv, unneutralise } from '../../src/render/csv.js';

const PLAN = `# header comment
phases:
  - phase: preparation
    title: Kick-off and preparation
    items:
      - id: kick-off
        title: Kick-off meeting   # a comment a person wrote
        type: meeting
        date: 2027-01-18
        roles: [ project-manager ]
        status: todo
        notes: |
          First line
          second line

      - id: survey
        title: Survey
        type: meeting
        date: 2027-01-21
        roles: [ it-lead ]
        # no status yet: kickoff reads it as todo
      - id: fact
        title: Support ends
        type: milestone
        date: 2027-07-18
        roles: []
        informational: true
        notes: keep me
`;

describe('editItemFields: status and notes, as import writes them', () => {
  it('changes a status scalar and nothing else', () => {
    const out = editItemFields(PLAN, [{ id: 'kick-off', status: 'done' }]);
    expect(out).toBe(PLAN.replace('        status: todo\n', '        status: done\n'));
  });

  it('adds a status line after roles when the item had none', () => {
    const out = editItemFields(PLAN, [{ id: 'survey', status: 'doing', notes: 'Booked' }]);
    expect(out).toBe(
      PLAN.replace(
        '        roles: [ it-lead ]\n',
        '        roles: [ it-lead ]\n        status: doing\n        notes: Booked\n',
      ),
    );
  });

  it('replaces a block-scalar note, keeping the blank line after it', () => {
    const out = editItemFields(PLAN, [{ id: 'kick-off', notes: 'Held: minutes sent' }]);
    expect(out).toBe(
      PLAN.replace(
        'notes: |\n          First line\n          second line\n',
        'notes: "Held: minutes sent"\n',
      ),
    );
    expect(readItemNotes(out).get('kick-off')).toBe('Held: minutes sent');
  });

  it('removes the notes line when the note was cleared', () => {
    const out = editItemFields(PLAN, [{ id: 'fact', notes: '' }]);
    expect(out).toBe(PLAN.replace('        notes: keep me\n', ''));
  });

  it('writes notes that read back exactly, whatever they hold', () => {
    for (const note of ['yes', '- a dash', '#hash', 'a: b', 'line\nbreak', 'quote " and \\', '12', 'Zoë’s']) {
      const out = editItemFields(PLAN, [{ id: 'fact', notes: note }]);
      expect(parseDocument(out).errors).toEqual([]);
      expect(readItemNotes(out).get('fact')).toBe(note);
    }
    expect(yamlString('Plain words, fine')).toBe('Plain words, fine');
  });
});

describe('CSV cells', () => {
  it('neutralises formula starts and takes the apostrophe off again on import', () => {
    for (const cell of ['=1+1', '+44 20', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutralise(cell)).toBe(`'${cell}`);
      expect(unneutralise(neutralise(cell))).toBe(cell);
    }
    expect(neutralise('2027-01-18')).toBe('2027-01-18');
    expect(neutralise('kick-off')).toBe('kick-off');
    expect(unneutralise("'quoted by a person")).toBe("'quoted by a person");
  });

  it('parses RFC 4180: quotes, commas and line breaks inside quoted cells, a BOM, CRLF', () => {
    expect(parseCsv('\uFEFFa,"b,c","d ""e""\r\nf"\r\n,x\r\n')).toEqual([
      ['a', 'b,c', 'd "e"\r\nf'],
      ['', 'x'],
    ]);
  });
});
