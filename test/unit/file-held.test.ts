/**
 * A plan another program holds open (issue 20): on Windows, Excel, Notepad, OneDrive syncing or a
 * virus scanner make the rename that replaces kickoff.yaml fail for a while with EBUSY, EPERM or
 * EACCES. renameWhenFree tries again for a bounded time; writeAtomic then gives up with exit 3,
 * naming the likely holders, and leaves the file as it was. Here with a rename that fails on
 * purpose, and (as root on Linux) a real EBUSY: a rename onto a bind-mounted file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isHeld, renameWhenFree, RENAME_PATIENCE_MS, writeAtomic } from '../../src/adapters/files.js';
import { ExitCode, IoError } from '../../src/errors.js';

function failure(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: rename failed`), { code });
}

/** A rename that fails with `code` the first `times` times, then succeeds; it counts its calls. */
function failingMove(code: string, times: number) {
  const calls: number[] = [];
  const started = Date.now();
  const move = async () => {
    calls.push(Date.now() - started);
    if (calls.length <= times) throw failure(code);
  };
  return { move, calls };
}

describe('renameWhenFree: a file another program holds', () => {
  it('tries again while the file is held (EBUSY), and succeeds once it is let go', async () => {
    const { move, calls } = failingMove('EBUSY', 4);
    await renameWhenFree('a', 'b', move);
    expect(calls).toHaveLength(5);
    // Pauses of 25, 50, 100, 200 ms between tries: well within the patience, in no busy loop.
    expect(calls[4]!).toBeGreaterThanOrEqual(350);
    expect(calls[4]!).toBeLessThan(RENAME_PATIENCE_MS);
  });

  it('gives up after its patience, with the error the rename gave', async () => {
    const { move, calls } = failingMove('EBUSY', Infinity);
    const started = Date.now();
    await expect(renameWhenFree('a', 'b', move, 500)).rejects.toMatchObject({ code: 'EBUSY' });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(500);
    // The last pause is at most 400 ms; a busy machine may add a little.
    expect(took).toBeLessThan(500 + 400 + 1000);
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.length).toBeLessThan(10);
  });

  it('gives up after about RENAME_PATIENCE_MS by default', async () => {
    const { move } = failingMove('EBUSY', Infinity);
    const started = Date.now();
    await expect(renameWhenFree('a', 'b', move)).rejects.toMatchObject({ code: 'EBUSY' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(RENAME_PATIENCE_MS);
    expect(Date.now() - started).toBeLessThan(RENAME_PATIENCE_MS + 2000);
  });

  it('on Windows also waits out EPERM and EACCES (how a rename over an open file fails there)', async () => {
    for (const code of ['EPERM', 'EACCES']) {
      const { move, calls } = failingMove(code, 2);
      await renameWhenFree('a', 'b', move, RENAME_PATIENCE_MS, 'win32');
      expect(calls, code).toHaveLength(3);
    }
  });

  it('elsewhere takes EPERM and EACCES at their word (permission denied): no waiting', async () => {
    for (const code of ['EPERM', 'EACCES']) {
      const { move, calls } = failingMove(code, 2);
      await expect(renameWhenFree('a', 'b', move, RENAME_PATIENCE_MS, 'linux')).rejects.toMatchObject({
        code,
      });
      expect(calls, code).toHaveLength(1);
    }
  });

  it('does not wait for errors no other program causes (ENOENT, ENOSPC, EXDEV)', async () => {
    for (const code of ['ENOENT', 'ENOSPC', 'EXDEV']) {
      const { move, calls } = failingMove(code, 2);
      await expect(renameWhenFree('a', 'b', move, RENAME_PATIENCE_MS, 'win32')).rejects.toMatchObject({
        code,
      });
      expect(calls, code).toHaveLength(1);
    }
  });

  it('isHeld: EBUSY everywhere, EPERM and EACCES on Windows only', () => {
    expect(isHeld(failure('EBUSY'), 'linux')).toBe(true);
    expect(isHeld(failure('EBUSY'), 'win32')).toBe(true);
    expect(isHeld(failure('EPERM'), 'win32')).toBe(true);
    expect(isHeld(failure('EACCES'), 'win32')).toBe(true);
    expect(isHeld(failure('EPERM'), 'linux')).toBe(false);
    expect(isHeld(failure('ENOENT'), 'win32')).toBe(false);
  });
});

/** Root on Linux can make a real EBUSY: a file that is a bind mount cannot be renamed over. */
const canBindMount =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('mount', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!canBindMount)('writeAtomic onto a file held open (a real EBUSY: a bind mount)', () => {
  const mounted: string[] = [];
  afterEach(() => {
    for (const target of mounted.splice(0)) spawnSync('umount', [target], { stdio: 'ignore' });
  });

  function heldFile(): { dir: string; file: string } {
    const dir = mkdtempSync(join(tmpdir(), 'kickoff-held-'));
    const file = join(dir, 'kickoff.yaml');
    writeFileSync(file, 'the plan as it was\n');
    const other = join(mkdtempSync(join(tmpdir(), 'kickoff-holder-')), 'elsewhere.yaml');
    writeFileSync(other, 'the plan as it was\n');
    const mount = spawnSync('mount', ['--bind', other, file], { encoding: 'utf8' });
    if (mount.status !== 0) throw new Error(`mount --bind failed: ${mount.stderr}`);
    mounted.push(file);
    return { dir, file };
  }

  it('waits, then stops with exit 3 naming the likely holders; the file and its folder are as they were', async () => {
    const { dir, file } = heldFile();
    const started = Date.now();
    const error: unknown = await writeAtomic(file, 'a new plan\n').catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(RENAME_PATIENCE_MS);
    expect(error).toBeInstanceOf(IoError);
    const { message, hint, exitCode } = error as IoError;
    expect(exitCode).toBe(ExitCode.environment);
    expect(exitCode).toBe(3);
    expect(message).toBe(
      `Cannot replace ${file}: another program has it open (Excel or Notepad, say), or OneDrive or a virus scanner is busy with it. kickoff.yaml was not changed.`,
    );
    expect(hint).toContain('Close the file in the other program');
    expect(readFileSync(file, 'utf8')).toBe('the plan as it was\n');
    // No temp file is left beside it.
    expect(readdirSync(dir)).toEqual(['kickoff.yaml']);
  }, 15_000);

  it('succeeds when the file is let go within the patience', async () => {
    const { file } = heldFile();
    setTimeout(() => spawnSync('umount', [file]), 500);
    await writeAtomic(file, 'a new plan\n');
    expect(readFileSync(file, 'utf8')).toBe('a new plan\n');
    expect(existsSync(file)).toBe(true);
  }, 15_000);
});
