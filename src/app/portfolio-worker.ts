/** A thread of `kickoff portfolio`: reads its share of the plans, posts each result in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { readingAhead, readOne, type ReadRequest } from './portfolio-read.js';
import { diskFiles, loadWorkspace } from './workspace.js';

const { files, request } = workerData as { files: string[]; request: ReadRequest };
const workspace = await loadWorkspace(request.template);
const reader = readingAhead(diskFiles, files);
for (const file of files) parentPort!.postMessage(await readOne(file, request, workspace, reader));
