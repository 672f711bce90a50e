/**
 * Text as the bytes Excel on Windows saves: "CSV UTF-8" (a UTF-8 mark), "CSV" (Windows-1252, no
 * mark), "Unicode Text" (UTF-16LE with a mark), and UTF-16BE with a mark. Written out by hand, byte
 * by byte, so the tests do not use the decoder they test.
 */
export type ExcelEncoding = 'utf-8-bom' | 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Windows-1252's bytes 0x80–0x9F; other characters beyond Latin-1 become "?", as Excel saves them. */
// prettier-ignore
const CP1252: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

export function excelBytes(text: string, encoding: ExcelEncoding): Buffer {
  switch (encoding) {
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.from(`\uFEFF${text}`, 'utf16le');
    case 'utf-16be':
      return Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
    case 'windows-1252':
      return Buffer.from(
        [...text].map((c) => {
          const code = c.codePointAt(0)!;
          if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
          return CP1252[c] ?? 0x3f;
        }),
      );
  }
}
