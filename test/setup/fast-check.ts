/**
 * Property tests run from a fixed seed, so a CI run is repeatable and a failure can be replayed.
 * To look for new counterexamples: KICKOFF_FC_SEED=random (a new seed each run, printed on
 * failure) and KICKOFF_FC_RUNS=10 (ten times the runs); `npm run test:explore` does both.
 */
import fc from 'fast-check';

const seed = process.env.KICKOFF_FC_SEED ?? '20261201';
if (seed !== 'random') fc.configureGlobal({ seed: Number(seed) });

/** `n` runs, times KICKOFF_FC_RUNS when exploring. */
export function runs(n: number): number {
  return Math.round(n * Number(process.env.KICKOFF_FC_RUNS ?? 1));
}
