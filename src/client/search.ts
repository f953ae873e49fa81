/**
 * The search page's script (`src/pages/search.astro`), run in the reader's browser: searches the
 * Pagefind bundles the build wrote and shows the results.
 *
 * A page of results is shown at once, when every result of it has loaded, replacing the last
 * page: nothing already on the page moves while results arrive. The query and section are kept
 * in the address (`?q=…&section=…`), so a search can be linked to, and one in the address runs on
 * arrival.
 */

/** How many results a page shows; "More results" shows as many again. */
const PAGE_SIZE = 10;
/** How long typing must pause before a search runs. */
const TYPING_PAUSE_MS = 300;

/** The part of Pagefind's JavaScript API (`/pagefind/<n>/pagefind.js`) this page uses. */
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(bundlePath: string): Promise<void>;
  search(query: string, options?: { filters?: Record<string, string> }): Promise<{ results: PagefindResult[] } | null>;
}
interface PagefindResult {
  data(): Promise<PagefindData>;
}
interface PagefindData {
  url: string;
  /** Text of the page around the match, HTML-escaped by Pagefind, with `<mark>` around the words found. */
  excerpt: string;
  meta: { title?: string };
  filters: { section?: string[] };
}

/** Runs the search page inside `root`, whose `data-bundles` lists the bundles' paths (the first is the main one). */
export function runSearchPage(root: HTMLElement): void {
  const form = root.querySelector('form')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const section = form.querySelector<HTMLSelectElement>('select[name="section"]')!;
  const status = root.querySelector<HTMLElement>('[role="status"]')!;
  const list = root.querySelector<HTMLOListElement>('ol')!;
  const more = root.querySelector<HTMLButtonElement>('button[type="button"]')!;
  const bundles = JSON.parse(root.dataset['bundles'] ?? '[]') as string[];

  let api: Promise<Pagefind> | undefined;
  const load = () => (api ??= loadPagefind(bundles));
  /** Bumped by every search, so that a slower earlier one never overwrites a later one's results. */
  let generation = 0;
  let results: PagefindResult[] = [];
  let shown = 0;

  const nextPage = async () => {
    const page = results.slice(shown, shown + PAGE_SIZE);
    shown += page.length;
    return (await Promise.all(page.map((result) => result.data()))).map(resultItem);
  };

  const run = async (query: string, sectionName: string) => {
    const current = ++generation;
    keepInAddress(query, sectionName);
    if (query.trim() === '') {
      status.textContent = '';
      list.replaceChildren();
      more.hidden = true;
      return;
    }
    status.textContent = `Searching for “${query}”…`;
    try {
      const search = await (await load()).search(query, sectionName ? { filters: { section: sectionName } } : {});
      if (current !== generation || search === null) return;
      results = search.results;
      shown = 0;
      const items = await nextPage();
      if (current !== generation) return;
      list.replaceChildren(...items);
      status.textContent = summary(results.length, query, sectionName);
      more.hidden = shown >= results.length;
    } catch (error) {
      if (current !== generation) return;
      console.error(error);
      status.textContent = import.meta.env.DEV
        ? 'The search index exists only in a build: run npm run build, then npm run preview.'
        : 'Search is not available right now. Please try again later.';
    }
  };

  let typing: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void run(input.value, section.value), TYPING_PAUSE_MS);
  });
  input.addEventListener('focus', () => void load().catch(() => undefined), { once: true });
  section.addEventListener('change', () => void run(input.value, section.value));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    void run(input.value, section.value);
  });
  more.addEventListener('click', async () => {
    const current = generation;
    const first = shown;
    const items = await nextPage();
    if (current !== generation) return;
    list.append(...items);
    more.hidden = shown >= results.length;
    // Keyboard and screen-reader users go on from the first new result.
    list.children[first]?.querySelector('a')?.focus();
  });

  const params = new URLSearchParams(window.location.search);
  input.value = params.get('q') ?? '';
  section.value = [...section.options].some((option) => option.value === params.get('section')) ? params.get('section')! : '';
  if (input.value.trim() !== '') void run(input.value, section.value);
  else input.focus();
}

async function loadPagefind([main, ...others]: readonly string[]): Promise<Pagefind> {
  if (main === undefined) throw new Error('the search page names no search bundle');
  const pagefind = (await import(/* @vite-ignore */ `${main}pagefind.js`)) as Pagefind;
  await pagefind.options({ excerptLength: 30 });
  for (const bundle of others) await pagefind.mergeIndex(bundle);
  return pagefind;
}

/** Keeps the search in the address bar (replacing the entry: each keystroke is not a page of history). */
function keepInAddress(query: string, sectionName: string): void {
  const url = new URL(window.location.href);
  url.search = '';
  if (query.trim() !== '') url.searchParams.set('q', query);
  if (sectionName !== '') url.searchParams.set('section', sectionName);
  window.history.replaceState(null, '', url);
}

function summary(count: number, query: string, sectionName: string): string {
  const where = sectionName ? ` in ${sectionName}` : '';
  if (count === 0) return `No stories found for “${query}”${where}.`;
  return `${count} ${count === 1 ? 'story' : 'stories'} found for “${query}”${where}.`;
}

/** One result: the headline as a link, the section, the excerpt with the words found marked. */
function resultItem(data: PagefindData): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h2');
  heading.className = 'card-title';
  const link = document.createElement('a');
  // Pagefind's URLs are the site's own paths; anything else is not linked to.
  link.href = /^\/(?!\/)/.test(data.url) ? data.url : '#';
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  item.append(heading);
  const sectionName = data.filters.section?.[0];
  if (sectionName) {
    const meta = document.createElement('p');
    meta.className = 'card-meta';
    meta.textContent = sectionName;
    item.append(meta);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'search-excerpt';
  excerpt.append(excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

/**
 * The excerpt as text with `<mark>`ed words, and nothing else: it is parsed in an inert template
 * (no script runs, no image loads), and only its text and its marks are kept.
 */
function excerptNodes(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  const fragment = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      fragment.append(mark);
    } else {
      fragment.append(document.createTextNode(node.textContent ?? ''));
    }
  }
  return fragment;
}
