#!/usr/bin/env node
// Runs the compiled CLI (built by `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('marsad: dist/ is missing; run `npm install` or `npm run build` first\n');
  process.exit(1);
}
const { main } = await import(built);
process.exitCode = await main(process.argv);
