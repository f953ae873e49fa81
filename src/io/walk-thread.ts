/**
 * A worker thread that lists one folder with `walkFiles` and answers with the list (see
 * `walkFilesOffThread`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { walkFiles } from './walk.ts';

parentPort!.postMessage(walkFiles((workerData as { directory: string }).directory));
