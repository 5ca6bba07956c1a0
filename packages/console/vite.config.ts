import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/**
 * The API reference's script, from the installed @scalar/api-reference (its standalone bundle),
 * emitted as /docs/scalar.js: the Worker's /docs page loads it from its own origin.
 */
function scalarBundle(): Plugin {
  return {
    name: 'guanjia-scalar-bundle',
    apply: 'build',
    generateBundle() {
      // The package exports no path to it: it sits beside the main entry (dist/index.js).
      const file = join(dirname(require.resolve('@scalar/api-reference')), 'browser/standalone.js');
      this.emitFile({ type: 'asset', fileName: 'docs/scalar.js', source: readFileSync(file) });
    },
  };
}

/** The Worker that `npm run dev` starts; `npm run dev:console` proxies the API to it. */
const worker = process.env.GUANJIA_WORKER_URL ?? 'http://127.0.0.1:8787';
const proxied = ['/v1', '/public', '/owner-link', '/docs', '/openapi.json', '/.well-known', '/healthz'];

export default defineConfig({
  plugins: [react(), scalarBundle()],
  // The manifest lets scripts/console-size.mjs add up what each route loads.
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 1500 },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: worker, changeOrigin: false }])),
  },
});
