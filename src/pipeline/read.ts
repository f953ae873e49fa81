import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { checkFileSize } from './limits.ts';
import type { Problem } from './problems.ts';

/** One article file as read from disk. */
export interface SourceFile {
  /** Path relative to the project root, forward slashes. */
  path: string;
  /** The text, with a leading byte-order mark removed and CRLF/CR line ends turned into LF. */
  source: string;
  /** Hex digest of the file's bytes: unchanged bytes, unchanged digest. */
  digest: string;
}

export type ReadResult = { ok: true; file: SourceFile } | { ok: false; problem: Problem };

/** Hex SHA-256 of a string or bytes. */
export function digestOf(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Decodes an article file's bytes.
 *
 * - At most `ARTICLE_LIMITS.fileBytes` bytes.
 * - Text must be UTF-8; invalid bytes are an error naming the line, never replaced silently.
 * - A UTF-8 byte-order mark is dropped; Windows and old-Mac line ends become `\n`.
 * - `digest` is the bytes' digest when the caller has already taken it.
 */
export function decodeSource(path: string, bytes: Uint8Array, digest = digestOf(bytes)): ReadResult {
  const tooBig = checkFileSize(bytes.length);
  if (tooBig) return { ok: false, problem: { line: 1, severity: 'error', message: tooBig } };
  if (!isUtf8(bytes)) {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const bad = lossy.indexOf('\uFFFD');
    const line = bad < 0 ? undefined : lossy.slice(0, bad).split('\n').length;
    return {
      ok: false,
      problem: { line, severity: 'error', message: 'the file is not valid UTF-8 text; save it with UTF-8 encoding' },
    };
  }
  let source = new TextDecoder('utf-8').decode(bytes);
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  source = source.replace(/\r\n?/g, '\n');
  return { ok: true, file: { path, source, digest } };
}
