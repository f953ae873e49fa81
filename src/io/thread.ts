import { Worker } from 'node:worker_threads';

/**
 * Runs the worker module `module` with `data` and resolves with the one message it answers with;
 * rejects when the thread fails or stops first (`what` names its work in that error). The shared
 * shape of the helpers that do file work off the calling thread (`walkFilesOffThread`,
 * `statFilesOffThread`).
 */
export function answerOffThread<T>(module: URL, data: unknown, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(module, { workerData: data });
    worker.once('message', (answer: T) => resolve(answer));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the thread ${what} stopped (exit code ${code}) before it answered`)));
  });
}
