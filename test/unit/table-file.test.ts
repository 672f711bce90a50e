/** Reading spreadsheets people saved from Excel: every encoding it writes, from real bytes. */
import { describe, expect, it } from 'vitest';
import { decodeText, encodingNote, parseDelimited } from '../../src/adapters/spreadsheet/table-file.js';
import { excelBytes, type ExcelEncoding } from '../helpers/excel-bytes.js';

const TEXT = 'practice,notes\r\nCafé Surgery,“£5” for O’Neill’s — €3…\r\n';

describe('decodeText', () => {
  const cases: [ExcelEncoding, string, boolean][] = [
    ['utf-8-bom', 'UTF-8', false],
    ['utf-8', 'UTF-8', false],
    ['utf-16le', 'UTF-16LE', false],
    ['utf-16be', 'UTF-16BE', false],
    ['windows-1252', 'Windows-1252', true],
  ];
  for (const [saved, encoding, assumed] of cases)
    it(`reads ${saved} bytes as ${encoding}${assumed ? ', saying it assumed so' : ''}`, () => {
      const decoded = decodeText(excelBytes(TEXT, saved));
      expect(decoded).toEqual({ text: TEXT, encoding, assumed });
      expect(encodingNote('p.csv', decoded) !== undefined).toBe(assumed);
    });

  it('puts right the Windows-1252 bytes 0x80–0x9F that are C1 controls in Latin-1', () => {
    const bytes = Buffer.from([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0xa3, 0xe9]);
    expect(decodeText(bytes).text).toBe('€…‘’“”–—™£é');
  });

  it('tells the person which encoding it assumed and what to do', () => {
    expect(encodingNote('p.csv', decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9])))).toBe(
      'p.csv is not UTF-8: kickoff read it as Windows-1252, which Excel on Windows uses for "CSV". If a name or note looks wrong (é, £, ’), save the sheet from Excel as "CSV UTF-8" and run this again.',
    );
  });
});

describe('parseDelimited', () => {
  it('reads tab-separated "Unicode Text" and comma-separated CSV, keeping blank rows for row numbers', () => {
    expect(parseDelimited('Id\tStatus\tNotes\r\n\r\na\tdone\t"x, y"\r\n', 'f', 'the list')).toEqual([
      ['Id', 'Status', 'Notes'],
      [''],
      ['a', 'done', 'x, y'],
    ]);
    expect(parseDelimited('\uFEFFId,Status\r\n"a\tb",done\r\n', 'f', 'the list')).toEqual([
      ['Id', 'Status'],
      ['a\tb', 'done'],
    ]);
  });

  it('reports a broken quote at its line', () => {
    expect(() => parseDelimited('a,b\n"x,y\n', 'f.csv', 'the action list')).toThrow(
      /The action list is not valid CSV/,
    );
  });
});
