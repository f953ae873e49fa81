/**
 * The fuzz harness's worker thread: loads the pipeline once, then answers each document it is
 * sent with `checkDocument`'s report. It says `ready` when it can take documents. The harness
 * terminates it when a document runs past the time limit, and starts another.
 */
import { parentPort } from 'node:worker_threads';
import { createArticleSchema } from '../../src/pipeline/schema.ts';
import { schemaContext } from '../../src/site.config.ts';
import { checkDocument, type FuzzDocument } from './check.ts';

const port = parentPort;
if (!port) throw new Error('scripts/fuzz/worker.ts runs as a worker thread of scripts/fuzz/harness.ts');
const schema = createArticleSchema(schemaContext);
port.on('message', (document: FuzzDocument) => port.postMessage(checkDocument(document, schema, schemaContext.sections)));
port.postMessage('ready');
