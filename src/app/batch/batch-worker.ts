/**
 * A worker thread of `kickoff batch --jobs N`: it receives the batch's shared data once and then
 * plans one practice at a time with planTask, exactly as the batch's own thread does with --jobs 1.
 */
import { serveTasks, sharedData } from '../../adapters/worker-pool.js';
import { planTask, type BatchShared, type PracticeTask } from './practice.js';

const shared = sharedData<BatchShared>();
// Fault injection for the tests only: make this worker stop, or fail, on one row, as a bug would.
const crash = /^(exit|throw):(\d+)$/.exec(process.env.KICKOFF_TEST_WORKER_CRASH ?? '');

serveTasks<PracticeTask, unknown>(async (task) => {
  if (crash && Number(crash[2]) === task.entry.row) {
    if (crash[1] === 'exit') process.exit(9);
    throw new Error('injected fault');
  }
  return planTask(task, shared);
});
