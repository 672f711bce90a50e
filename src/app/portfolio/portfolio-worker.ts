/** A thread of `kickoff portfolio`: reads the plans it is given, as readHere does in one thread. */
import { serveTasks, sharedData } from '../../adapters/worker-pool.js';
import { readOne, type PlanRead, type ReadRequest } from './read.js';
import { diskFiles, loadWorkspace } from '../workspace.js';

const request = sharedData<ReadRequest>();
const workspace = await loadWorkspace(request.template);
serveTasks<string, PlanRead>((file) => readOne(file, request, workspace, diskFiles));
