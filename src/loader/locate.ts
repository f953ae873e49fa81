import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileProblem } from '../pipeline/problems.ts';
import { decodeSource } from '../pipeline/read.ts';

/**
 * Fills in the line and column of problems found after parsing (corpus rules, missing files),
 * from their field: `aliases[1]` → the second item of `aliases`.
 *
 * - Only files with such a problem are read again; each at most once per call.
 * - A problem whose file cannot be read or parsed keeps no line.
 */
export async function locateProblems(root: string, problems: readonly FileProblem[]): Promise<FileProblem[]> {
  const locators = new Map<string, Promise<((path: readonly PropertyKey[]) => { line: number; column: number }) | undefined>>();
  const locatorFor = (file: string) => {
    let locator = locators.get(file);
    if (!locator) {
      locator = readFile(join(root, file)).then(async (bytes) => {
        const read = decodeSource(file, bytes);
        if (!read.ok) return undefined;
        // Loaded only when a problem needs it: most runs have none to locate.
        const { parseFrontmatter } = await import('../pipeline/frontmatter.ts');
        const split = parseFrontmatter(read.file.source);
        return split.ok ? split.value.locate : undefined;
      });
      locators.set(file, locator);
    }
    return locator;
  };
  return Promise.all(
    problems.map(async (problem) => {
      if (problem.line !== undefined || !problem.field) return problem;
      const locate = await locatorFor(problem.file);
      return locate ? { ...problem, ...locate(fieldPath(problem.field)) } : problem;
    }),
  );
}

/** `image.src` → `['image', 'src']`; `aliases[1]` → `['aliases', 1]`. */
export function fieldPath(field: string): PropertyKey[] {
  return field.split(/\.|(?=\[)/).map((segment) => (/^\[\d+\]$/.test(segment) ? Number(segment.slice(1, -1)) : segment));
}
