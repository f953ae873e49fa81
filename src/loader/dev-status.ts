import { resolve } from 'node:path';
import { ContentError, type FileProblem } from '../pipeline/problems.ts';
import { processWide } from '../store/shared.ts';

/**
 * What the content loader tells pages in `astro dev`, where it runs inside the dev server: the
 * content errors of its last sync, and the sync under way. Pages (`getNewsroom`) wait for a sync
 * under way and, while there are content errors, throw them, so that the browser shows Astro's
 * error overlay with the problem list instead of a stale or broken page. Shared through
 * `processWide`: the loader and the pages are different copies of the modules.
 */
interface DevStatus {
  /** The project root the problems' files are relative to. */
  root: string;
  problems: readonly FileProblem[];
  syncing?: Promise<void> | undefined;
}

const status = () => processWide<DevStatus>('dev-content');
const KEY = 'articles';

/** Records `sync` as the sync under way until it settles. */
export function trackDevSync(sync: Promise<void>): Promise<void> {
  const tracked = sync.finally(() => {
    if (status().get(KEY)?.syncing === tracked) status().set(KEY, { ...status().get(KEY)!, syncing: undefined });
  });
  status().set(KEY, { root: status().get(KEY)?.root ?? '', problems: status().get(KEY)?.problems ?? [], syncing: tracked });
  return tracked;
}

/** Records the content errors of the last sync (none when it succeeded). */
export function setDevProblems(root: string, problems: readonly FileProblem[]): void {
  status().set(KEY, { ...status().get(KEY), root, problems: problems.filter((problem) => problem.severity === 'error') });
}

/**
 * In `astro dev`, once any sync under way is done: the content errors, as the error the page
 * throws, or undefined when there are none (and always outside `astro dev`).
 *
 * The error names the first problem's file, line and column as its location, so that Astro's
 * overlay shows that line of the Markdown file under the list.
 */
export async function devContentError(): Promise<(ContentError & { title: string; loc?: object }) | undefined> {
  await status()
    .get(KEY)
    ?.syncing?.catch(() => {});
  const current = status().get(KEY);
  if (!current || current.problems.length === 0) return undefined;
  const error = Object.assign(new ContentError(current.problems), { title: 'Content errors' });
  const [first] = error.problems;
  if (first) Object.assign(error, { loc: { file: resolve(current.root, first.file), line: first.line ?? 1, column: first.column ?? 1 } });
  return error;
}
