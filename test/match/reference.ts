// Reads the public PDQ reference data (../shared/reference/pdq beside the repository,
// from facebook/ThreatExchange).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configFromEnv, readEnv } from '../../src/config/index.js';
import { ROOT } from '../helpers/cli.js';

export const PDQ_REF = path.resolve(ROOT, '../shared/reference/pdq');
export const hasReference = existsSync(path.join(PDQ_REF, 'expected.csv'));
// CI always has shared/ beside the clone: a missing reference there is a broken setup, not a skip.
if (!hasReference && configFromEnv(readEnv()).isCi) {
  throw new Error(`PDQ reference data not found at ${PDQ_REF}, and CI is set`);
}
if (!hasReference) console.warn(`PDQ reference data not found at ${PDQ_REF}: skipping the reference tests`);

const rows = (file: string): string[][] =>
  readFileSync(path.join(PDQ_REF, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

export interface ExpectedRow {
  path: string;
  hash: string;
  quality: number;
}

export const expectedRows = (): ExpectedRow[] =>
  rows('expected.csv').map(([p, hash, q]) => ({ path: p!, hash: hash!, quality: Number(q) }));

export const expectedFullRes = (): ExpectedRow[] =>
  rows('expected_core_fullres.csv').map(([p, hash, q]) => ({ path: p!, hash: hash!, quality: Number(q) }));

export const expectedDihedral = (): Array<{ path: string; quality: number; hashes: string[] }> =>
  rows('expected_dihedral.csv').map(([p, q, ...hashes]) => ({ path: p!, quality: Number(q), hashes }));

export const imagePath = (rel: string): string => path.join(PDQ_REF, rel);

/**
 * Images whose sharp-decoded pixels differ from the reference decoder's (README "decoder table"
 * and what we measured), with the largest distance we accept. Everything else must be exact.
 */
export const DECODER_DIFFERS: Record<string, { tool: number; core: number; dihedral: number }> = {
  // CMYK → RGB conversion differs between libvips and ImageMagick.
  'pdq/data/misc-images/modes/CMYK.jpg': { tool: 10, core: 6, dihedral: 10 },
  // RGBA PNG: pixel differences under alpha.
  'pdq/data/misc-images/c.png': { tool: 2, core: 0, dihedral: 2 },
  // 34×42 JPEG: hash exact, but mozjpeg's pixels swap the order of the coefficients at ranks
  // 127 and 128, which moves the rot90 and flipy dihedral hashes by 2 bits.
  'pdq/data/misc-images/wee.jpg': { tool: 0, core: 0, dihedral: 2 },
  // Full-resolution only: 2 bits off with sharp's PNG decoding.
  'pdq/data/reg-test-input/pen-and-coaster.png': { tool: 0, core: 2, dihedral: 0 },
};
