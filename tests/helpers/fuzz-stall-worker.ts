/**
 * A stand-in for `scripts/fuzz/worker.ts` in the harness's own tests: it never answers for a
 * document named `2025` (it spins, as a parser stuck in a loop would) and passes every other one.
 */
import { parentPort } from 'node:worker_threads';
import type { DocumentReport, FuzzDocument } from '../../scripts/fuzz/check.ts';

const port = parentPort!;
port.on('message', (document: FuzzDocument) => {
  if (document.name === '2025') {
    for (;;);
  }
  const size = 'bytes' in document ? document.bytes.length : document.text.length;
  port.postMessage({ outcome: 'rendered', findings: [], ms: 0, size } satisfies DocumentReport);
});
port.postMessage('ready');
