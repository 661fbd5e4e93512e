import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  ImageDecodeError,
  ZERO_PDQ,
  parsePdqHex,
  pdqDistance,
  pdqFromRaw,
  pdqHashImage,
} from '../../src/match/index.js';
import { wordsToHex } from '../../src/match/pdq-hex.js';
import { torbenMedian } from '../../src/match/pdq-core.js';

// A deterministic test picture: a gradient, a smooth wave and a disc (no fixture files).
const picture = (w: number, h: number): Buffer => {
  const data = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const disc = (x - w * 0.3) ** 2 + (y - h * 0.4) ** 2 < (Math.min(w, h) * 0.18) ** 2;
      data[i] = disc ? 230 : Math.round((255 * x) / w);
      data[i + 1] = Math.round(128 + 100 * Math.sin((3 * Math.PI * x) / w) * Math.cos((2 * Math.PI * y) / h));
      data[i + 2] = disc ? 20 : 120;
    }
  }
  return data;
};

const png = (w: number, h: number): Promise<Buffer> =>
  sharp(picture(w, h), { raw: { width: w, height: h, channels: 3 } })
    .png()
    .toBuffer();

describe('PDQ hashing', () => {
  it('gives the all-zero hash and quality 0 for images under 5 pixels on a side', async () => {
    const r = pdqFromRaw({ data: picture(4, 100), width: 4, height: 100, channels: 3 }, { dihedral: true });
    expect(r.hash).toBe(ZERO_PDQ);
    expect(r.quality).toBe(0);
    expect(new Set(Object.values(r.dihedral!))).toEqual(new Set([ZERO_PDQ]));
  });

  it('grades quality from 0 (flat) through a smooth picture to 100 (busy texture)', async () => {
    const flat = pdqFromRaw({ data: Buffer.alloc(200 * 200 * 3, 128), width: 200, height: 200, channels: 3 });
    expect(flat.quality).toBe(0);
    const smooth = await pdqHashImage(await png(300, 200));
    expect(smooth.quality).toBeGreaterThan(50);
    expect(smooth.quality).toBeLessThan(100);
    const noise = Buffer.alloc(256 * 256, 0).map((_, i) => (Math.imul(i, 2654435761) >>> 24) & 0xff);
    expect(pdqFromRaw({ data: noise, width: 256, height: 256, channels: 1 }).quality).toBe(100);
  });

  it('sets exactly 128 bits for an image with distinct DCT coefficients', async () => {
    const r = await pdqHashImage(await png(640, 480));
    const bits = [...r.hash].reduce(
      (n, c) => n + Number.parseInt(c, 16).toString(2).replace(/0/g, '').length,
      0,
    );
    expect(bits).toBe(128);
  });

  it('stays within a few bits after re-encoding as JPEG and resizing', async () => {
    const original = await png(800, 600);
    const a = await pdqHashImage(original);
    const b = await pdqHashImage(await sharp(original).resize(400, 300).jpeg({ quality: 70 }).toBuffer());
    expect(pdqDistance(a.hash, b.hash)).toBeLessThanOrEqual(16);
  });

  it("predicts a rotated or mirrored image's hash with the matching dihedral hash", async () => {
    const original = await png(400, 400);
    const r = await pdqHashImage(original, { dihedral: true });
    const rotated = await pdqHashImage(await sharp(original).rotate(90).png().toBuffer());
    const mirrored = await pdqHashImage(await sharp(original).flop().png().toBuffer());
    // sharp rotates clockwise: the reference calls that rot270.
    expect(pdqDistance(rotated.hash, r.dihedral!.rot270)).toBeLessThanOrEqual(18);
    const flipped = await pdqHashImage(await sharp(original).flip().png().toBuffer());
    expect(pdqDistance(mirrored.hash, r.dihedral!.flipy)).toBeLessThanOrEqual(18);
    expect(pdqDistance(flipped.hash, r.dihedral!.flipx)).toBeLessThanOrEqual(18);
    expect(pdqDistance(rotated.hash, r.hash)).toBeGreaterThan(60);
  });

  it('ignores EXIF orientation like the reference tool', async () => {
    const base = await png(300, 200);
    const tagged = await sharp(base).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    const plain = await sharp(base).jpeg({ quality: 95 }).toBuffer();
    expect((await pdqHashImage(tagged)).hash).toBe((await pdqHashImage(plain)).hash);
  });

  it('drops alpha without compositing (the RGB under transparent pixels counts)', async () => {
    const w = 120;
    const rgba = Buffer.alloc(w * w * 4);
    const rgb = picture(w, w);
    for (let i = 0; i < w * w; i++) {
      rgba[i * 4] = rgb[i * 3]!;
      rgba[i * 4 + 1] = rgb[i * 3 + 1]!;
      rgba[i * 4 + 2] = rgb[i * 3 + 2]!;
      rgba[i * 4 + 3] = i % 7 === 0 ? 0 : 255;
    }
    const a = await pdqHashImage(
      await sharp(rgba, { raw: { width: w, height: w, channels: 4 } })
        .png()
        .toBuffer(),
    );
    const b = await pdqHashImage(
      await sharp(rgb, { raw: { width: w, height: w, channels: 3 } })
        .png()
        .toBuffer(),
    );
    expect(a.hash).toBe(b.hash);
  });

  it('refuses a corrupt file with a clear error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marsad-pdq-'));
    const bad = path.join(dir, 'broken.jpg');
    writeFileSync(bad, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)]));
    await expect(pdqHashImage(bad)).rejects.toThrow(ImageDecodeError);
    await expect(pdqHashImage(bad)).rejects.toThrow(/broken\.jpg: cannot (read|decode) image/);
  });

  it('refuses an image over the pixel limit before decoding it', async () => {
    const big = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    await expect(pdqHashImage(big, { maxPixels: 1_000_000 })).rejects.toThrow(
      /3000×2000 = 6000000 pixels, over the limit of 1000000/,
    );
  });

  it('writes hex with DCT row 15 first and column j as bit j of each 4-digit group', () => {
    const words = new Uint16Array(16);
    words[0] = 0x0001; // row 0, column 0: the very last hex digit
    words[15] = 0x8000; // row 15, column 15: the very first
    expect(wordsToHex(words)).toBe(`8000${'0'.repeat(56)}0001`);
  });

  it("computes Torben's median as the 128th smallest of 256 values", () => {
    const v = new Float32Array(256).map((_, i) => ((i * 37) % 256) - 100.5);
    const sorted = Array.from(v).sort((a, b) => a - b);
    expect(torbenMedian(v)).toBe(sorted[127]);
  });

  it('validates PDQ hex strings with the reason', () => {
    expect(() => parsePdqHex('abc')).toThrow(/64 hex characters, got 3/);
    expect(() => parsePdqHex('z'.repeat(64))).toThrow(/only hex characters/);
    expect(parsePdqHex('A'.repeat(64))).toBe('a'.repeat(64));
  });
});
