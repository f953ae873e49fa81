// The plain-Astro baseline of `npm run bench`: the same newsroom written the way the Astro docs
// suggest (glob() loader, default Markdown, minimal pages), to compare Dateline against.
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: 'https://news.example.com',
  outDir: process.env.BENCH_OUT_DIR ?? './dist',
  cacheDir: process.env.BENCH_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'always',
  devToolbar: { enabled: false },
});
