import { describe, expect, it } from 'vitest';
import { DIHEDRALS, pdqDistance, pdqHashImage } from '../../src/match/index.js';
import {
  DECODER_DIFFERS,
  expectedDihedral,
  expectedFullRes,
  expectedRows,
  hasReference,
  imagePath,
} from './reference.js';

// The reference images are public data outside the repository; without them these tests skip.
describe.skipIf(!hasReference)('PDQ against the reference C++ tool (facebook/ThreatExchange)', () => {
  it('reproduces the hash and quality of every reference image exactly where sharp decodes the same pixels', async () => {
    const table: string[] = [];
    for (const row of expectedRows()) {
      const r = await pdqHashImage(imagePath(row.path));
      const d = pdqDistance(r.hash, row.hash);
      table.push(`${d.toString().padStart(3)}  q=${r.quality}  ${row.path}`);
      expect(r.quality, row.path).toBe(row.quality);
      expect(d, row.path).toBeLessThanOrEqual(DECODER_DIFFERS[row.path]?.tool ?? 0);
      if (!DECODER_DIFFERS[row.path]?.tool) expect(r.hash, row.path).toBe(row.hash);
    }
    console.log(`PDQ distance to expected.csv per image:\n${table.join('\n')}`);
  }, 180_000);

  it('reproduces the 8 dihedral hashes of every reference image', async () => {
    for (const row of expectedDihedral()) {
      const r = await pdqHashImage(imagePath(row.path), { dihedral: true });
      const limit = DECODER_DIFFERS[row.path]?.dihedral ?? 0;
      DIHEDRALS.forEach((name, i) => {
        const d = pdqDistance(r.dihedral![name], row.hashes[i]!);
        expect(d, `${row.path} ${name}`).toBeLessThanOrEqual(limit);
      });
      expect(r.dihedral!.orig).toBe(r.hash);
    }
  }, 180_000);

  it('reproduces the full-resolution core convention (Java reference, pdqhash)', async () => {
    for (const row of expectedFullRes()) {
      const r = await pdqHashImage(imagePath(row.path), { convention: 'core' });
      expect(r.quality, row.path).toBe(row.quality);
      expect(pdqDistance(r.hash, row.hash), row.path).toBeLessThanOrEqual(
        DECODER_DIFFERS[row.path]?.core ?? 0,
      );
    }
  }, 180_000);

  it('hashes the official regression images exactly (bridge-1 … bridge-8)', async () => {
    const reg = expectedRows().filter((r) => r.path.includes('/dih/bridge-'));
    expect(reg).toHaveLength(8);
    for (const row of reg) expect((await pdqHashImage(imagePath(row.path))).hash).toBe(row.hash);
  }, 60_000);
});
