/**
 * confinedFiles and insideCheck: nothing meant for a batch or feed folder is written through a link
 * in it that leads elsewhere, however deep the link. The e2e tests meet the folders batch and
 * publish check up front; these reach the writes' own check, below them.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confinedFiles, diskFiles, insideCheck } from '../../src/app/workspace.js';
import { IoError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';

function folders() {
  const root = tempDir('kickoff-confined-');
  const out = join(root, 'out');
  const elsewhere = join(root, 'elsewhere');
  mkdirSync(join(out, 'A81001', '.kickoff'), { recursive: true });
  mkdirSync(join(out, 'inner'));
  mkdirSync(elsewhere);
  return { out, elsewhere };
}

describe('insideCheck', () => {
  it('refuses a folder under a link that leads out, however deep, naming the link', async () => {
    const { out, elsewhere } = folders();
    symlinkSync(elsewhere, join(out, 'A81001', '.kickoff', 'history'));
    const check = insideCheck(out);
    await expect(check(join(out, 'A81001', '.kickoff', 'history', 'deeper'))).rejects.toThrow(
      `${join(out, 'A81001', '.kickoff', 'history')} is a symbolic link that leads outside ${out}`,
    );
  });

  it('passes folders not made yet, real folders, and a link that stays inside', async () => {
    const { out } = folders();
    symlinkSync(join(out, 'inner'), join(out, 'A81001', 'calendars'));
    const check = insideCheck(out);
    await check(join(out, 'A81002', 'calendars'));
    await check(join(out, 'A81001', '.kickoff', 'history'));
    await check(join(out, 'A81001', 'calendars'));
    await check(out);
  });
});

describe('confinedFiles', () => {
  it('writes nothing through a link in the folder that leads out of it', async () => {
    const { out, elsewhere } = folders();
    symlinkSync(elsewhere, join(out, 'A81001', 'calendars'));
    const files = confinedFiles(out, diskFiles);
    const write = files.writeAtomic(join(out, 'A81001', 'calendars', 'a81001-everything.ics'), 'x');
    await expect(write).rejects.toBeInstanceOf(IoError);
    expect(readdirSync(elsewhere)).toEqual([]);
    await files.writeAtomic(join(out, 'A81001', 'kickoff.yaml'), 'format: 1\n');
    expect(existsSync(join(out, 'A81001', 'kickoff.yaml'))).toBe(true);
  });
});
