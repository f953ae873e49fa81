import { defineConfig } from 'astro/config';
import { previewMode } from './src/integrations/preview-mode.ts';
import { siteConfig } from './src/site.config.ts';

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: siteConfig.url,
  outDir: process.env['DATELINE_OUT_DIR'] ?? './dist',
  // The content cache (data store) lives here; keep it between CI builds to skip unchanged files.
  cacheDir: process.env['DATELINE_CACHE_DIR'] ?? './node_modules/.astro',
  trailingSlash: 'always',
  build: {
    format: 'directory',
  },
  devToolbar: { enabled: false },
  integrations: [previewMode()],
});
