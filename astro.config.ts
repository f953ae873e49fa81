import { defineConfig } from 'astro/config';
import { siteConfig } from './src/site.config.ts';

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: siteConfig.url,
  outDir: process.env['DATELINE_OUT_DIR'] ?? './dist',
  trailingSlash: 'always',
  build: {
    format: 'directory',
  },
  devToolbar: { enabled: false },
});
