import { describe, expect, test } from 'vitest';
import { decodeSource } from '../../src/pipeline/read.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeSource', () => {
  test('drops a byte-order mark and turns CRLF into LF', () => {
    const result = decodeSource('a.md', bytes('\uFEFF---\r\ntitle: x\r\n---\r\nBody\r\n'));
    expect(result.ok && result.file.source).toBe('---\ntitle: x\n---\nBody\n');
  });

  test('the digest follows the bytes', () => {
    const a = decodeSource('a.md', bytes('one'));
    const b = decodeSource('a.md', bytes('one'));
    const c = decodeSource('a.md', bytes('two'));
    if (!a.ok || !b.ok || !c.ok) throw new Error('decode failed');
    expect(a.file.digest).toBe(b.file.digest);
    expect(a.file.digest).not.toBe(c.file.digest);
  });

  test('invalid UTF-8 is an error naming the line, not replaced silently', () => {
    const raw = new Uint8Array([...bytes('---\ntitle: ok\nsummary: caf'), 0xe9, ...bytes('\n---\n')]);
    const result = decodeSource('a.md', raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatchObject({ line: 3, severity: 'error' });
    expect(!result.ok && result.problem.message).toMatch(/not valid UTF-8/);
  });
});
