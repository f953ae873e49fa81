/**
 * The layers of Dateline's code, checked by dependency-cruiser in `npm run lint`
 * (`depcruise --config scripts/dependency-rules.cjs src scripts`). Type-only imports count.
 *
 *   src/schemas/   zod shapes                                  → zod (and src/lib/urls.ts)
 *   src/lib/       pure functions                              → src/lib, src/schemas
 *   src/adapters/  the reaches into libraries' internals       → libraries only
 *   src/pipeline/  pure per-file stages and corpus rules       → src/lib, src/schemas, src/adapters
 *   src/io/        file helpers                                → src/lib
 *   src/store/     build state                                 → the above, src/runtime.ts
 *   src/loader/    reading the content folder                  → the above, src/store
 *   pages, components, layouts, integrations, content.ts       → anything below
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules form no cycle, type-only imports included: split the shared part into its own module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-tests-from-shipped-code',
      comment: 'Shipped code (src/, scripts/) never imports test code.',
      severity: 'error',
      from: { path: '^(src|scripts)/' },
      to: { path: '^tests/' },
    },
    {
      name: 'lib-is-pure',
      comment: 'src/lib/ imports only src/lib/, src/schemas/ and libraries, and no file system, process or network module.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: ['^src/(?!lib/|schemas/)', '^(node:)?(fs|fs/promises|child_process|worker_threads|net|http|https|os)$'] },
    },
    {
      name: 'schemas-are-shapes',
      comment: 'src/schemas/ declares shapes with zod; it may read constants of src/lib/urls.ts, nothing else of the project.',
      severity: 'error',
      from: { path: '^src/schemas/' },
      to: { path: '^src/(?!schemas/|lib/urls\\.ts$)' },
    },
    {
      name: 'adapters-stand-alone',
      comment: 'An adapter wraps one library internal and imports nothing of the project.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(?!adapters/)' },
    },
    {
      name: 'pipeline-is-pure',
      comment: 'src/pipeline/ transforms text: no build state, no loader, no Astro code, no file system.',
      severity: 'error',
      from: { path: '^src/pipeline/' },
      to: {
        path: [
          '^src/(store|loader|io|integrations|pages|components|layouts)/',
          '^src/(content|images|runtime|site\\.config|content\\.config)\\.ts$',
          '^(node:)?(fs|fs/promises|child_process|net|http|https)$',
        ],
      },
    },
    {
      name: 'io-below-state',
      comment: 'src/io/ is file helpers: it imports only src/lib/.',
      severity: 'error',
      from: { path: '^src/io/' },
      to: { path: '^src/(?!io/|lib/)' },
    },
    {
      name: 'store-below-loader',
      comment: 'src/store/ knows nothing of the loader, Astro code or the site configuration.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: ['^src/(loader|integrations|pages|components|layouts)/', '^src/(content|images|site\\.config|content\\.config)\\.ts$'] },
    },
    {
      name: 'client-stands-alone',
      comment: "src/client/ runs in the reader's browser: it imports nothing of the build.",
      severity: 'error',
      from: { path: '^src/client/' },
      to: { path: '^src/(?!client/)|^(node:)' },
    },
    {
      name: 'loader-below-site',
      comment: 'src/loader/ knows nothing of the pages, integrations or the site configuration: it is given what it needs.',
      severity: 'error',
      from: { path: '^src/loader/' },
      to: { path: ['^src/(integrations|pages|components|layouts)/', '^src/(content|images|site\\.config|content\\.config)\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|scripts|tests)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.astro'] },
  },
};
