/**
 * Paths as people on Windows write them (issue 20), in the path handling kickoff does itself: a
 * batch row's `template` column, and the practice folders a batch makes from ODS codes. The paths
 * given on the command line (--plan, --dir, --out) are Node's to resolve; the Wine tests
 * (test/e2e/windows-wine.test.ts) run them on Windows's own rules.
 */
import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { practiceFolder, templatePath } from '../../src/app/batch/run.js';
import { InputError } from '../../src/errors.js';

describe("a batch row's template column", () => {
  it('on Windows: .\\ and ..\\ relative to the batch file, and C:\\ and \\\\server paths as they stand', () => {
    const folder = 'C:\\Users\\priya.shah\\plans';
    expect(templatePath(folder, '.\\templates\\north.yaml', win32)).toBe(
      'C:\\Users\\priya.shah\\plans\\templates\\north.yaml',
    );
    expect(templatePath(folder, 'templates\\north.yaml', win32)).toBe(
      'C:\\Users\\priya.shah\\plans\\templates\\north.yaml',
    );
    expect(templatePath(folder, '..\\shared\\csu.yaml', win32)).toBe(
      'C:\\Users\\priya.shah\\shared\\csu.yaml',
    );
    expect(templatePath(folder, 'templates/north.yaml', win32)).toBe(
      'C:\\Users\\priya.shah\\plans\\templates\\north.yaml',
    );
    expect(templatePath(folder, 'C:\\Users\\priya.shah\\OneDrive - NHS\\csu.yaml', win32)).toBe(
      'C:\\Users\\priya.shah\\OneDrive - NHS\\csu.yaml',
    );
    expect(templatePath(folder, '\\\\csu-files\\migrations\\csu.yaml', win32)).toBe(
      '\\\\csu-files\\migrations\\csu.yaml',
    );
  });

  it('elsewhere: a list made on Windows reads the same (\\ is its separator)', () => {
    const folder = '/srv/csu/plans';
    expect(templatePath(folder, '.\\templates\\north.yaml', posix)).toBe(
      '/srv/csu/plans/templates/north.yaml',
    );
    expect(templatePath(folder, 'templates\\north.yaml', posix)).toBe('/srv/csu/plans/templates/north.yaml');
    expect(templatePath(folder, '..\\shared\\csu.yaml', posix)).toBe('/srv/csu/shared/csu.yaml');
    expect(templatePath(folder, './templates/north.yaml', posix)).toBe('/srv/csu/plans/templates/north.yaml');
    expect(templatePath(folder, '/srv/csu/templates/csu.yaml', posix)).toBe('/srv/csu/templates/csu.yaml');
  });

  it('elsewhere: a Windows drive path is left as written (it names no file there, and the row says so)', () => {
    expect(templatePath('/srv/csu/plans', 'C:\\Users\\pm\\csu.yaml', posix)).toBe(
      '/srv/csu/plans/C:\\Users\\pm\\csu.yaml',
    );
  });
});

describe('practice folders a batch makes from ODS codes', () => {
  it('are the ODS code, directly inside --out', () => {
    expect(practiceFolder('out', 'B82005')).toBe(posix.join('out', 'B82005'));
  });

  it.each([
    ['a Windows device name', ['CON', 'PRN', 'AUX', 'NUL', 'COM1', 'COM9', 'LPT1', 'LPT9']],
    ['a trailing dot (Windows drops it)', ['B8200.', 'B82005.']],
    ['a trailing space (Windows drops it)', ['B8200 ', 'B82005 ']],
    ['a path', ['..\\B82005', 'B82\\005', 'C:B8200', '..', '.']],
    ['lower case or other letters', ['b82005', 'B82ÖÖ5']],
  ])('refuses %s', (_what, codes) => {
    for (const ods of codes)
      expect(() => practiceFolder('out', ods), JSON.stringify(ods)).toThrow(
        new InputError(`"${ods}" cannot be used as a folder name.`),
      );
  });
});
