/**
 * A worker thread that reads the size and time of files with `statFiles` and answers with them
 * (see `statFilesOffThread`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { statFiles } from './stat.ts';

const { directory, files } = workerData as { directory: string; files: string[] };
const stats = statFiles(directory, files);
parentPort!.postMessage(stats, [stats.buffer]);
