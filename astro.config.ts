import { defineConfig, sharpImageService } from 'astro/config';
import { siteConfig } from './src/site.config.ts';

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: siteConfig.url,
  outDir: process.env['DATELINE_OUT_DIR'] ?? './dist',
  // The content cache (data store) and resized images live here; keep it between CI builds to skip unchanged files.
  cacheDir: process.env['DATELINE_CACHE_DIR'] ?? './node_modules/.astro',
  trailingSlash: 'always',
  build: {
    format: 'directory',
  },
  image: {
    // AVIF at effort 2 is several times faster to encode than the default 4, for files a few per cent larger.
    service: sharpImageService({ avif: { effort: 2 } }),
  },
  devToolbar: { enabled: false },
});
