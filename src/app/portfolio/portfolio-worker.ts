/** A thread of `kickoff portfolio`: reads the plans it is given, as readHere does in one thread. */
import { serveTasks, sharedData } from '../../adapters/worker-pool.js';
import { readOne, type PlanRead, type ReadRequest } from './read.js';
import { diskFiles, loadWorkspace } from '../workspace.js';

const request = sharedData<ReadRequest>();
// Not a top-level await: a single executable starts this worker as a CommonJS script (worker-pool.ts).
const workspace = loadWorkspace(request.template);
serveTasks<string, PlanRead>(async (file) => readOne(file, request, await workspace, diskFiles));
