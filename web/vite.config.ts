import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `npm run build` writes web/dist, which `marsad serve` serves at `/`. `vite --config web/vite.config.ts`
// runs a dev server that forwards the API to a local `marsad serve`.
const api = 'http://127.0.0.1:7420';

/** Writes .br and .gz next to each asset: @fastify/static (preCompressed) sends them as they are. */
const precompress = (): Plugin => {
  let outDir = '';
  return {
    name: 'marsad-precompress',
    apply: 'build',
    configResolved: (cfg) => {
      outDir = path.resolve(cfg.root, cfg.build.outDir);
    },
    closeBundle: () => {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
        );
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg)$/.test(f))) {
        const body = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The landing bundle holds React, the router, i18n and ECharts' line/bar charts (~830 kB, ~270 kB
    // gzipped; docs/benchmarks/web.md): warn only when it grows past that.
    chunkSizeWarningLimit: 1000,
  },
  server: { proxy: { '/v1': api, '/health': api } },
});
