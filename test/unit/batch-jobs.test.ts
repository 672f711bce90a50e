/** How many worker threads a batch gets when nobody says (planBatch's `jobs`, kickoff batch's --jobs). */
import { describe, expect, it } from 'vitest';
import { defaultJobs } from '../../src/app/batch/run.js';

describe('defaultJobs', () => {
  it('plans in this thread below 500 practices, whatever the cores', () => {
    expect(defaultJobs(1, 8)).toBe(1);
    expect(defaultJobs(499, 8)).toBe(1);
  });

  it('uses one worker per core from 500 practices', () => {
    expect(defaultJobs(500, 2)).toBe(2);
    expect(defaultJobs(10_000, 8)).toBe(8);
  });

  it('never asks for fewer than one', () => {
    expect(defaultJobs(10_000, 1)).toBe(1);
    expect(defaultJobs(10_000, 0)).toBe(1);
  });
});
