// PDQ image hashing: decode with sharp the way the reference tool sees pixels, then the core.
import sharp, { type Metadata } from 'sharp';
import { MarsadError, errorMessage } from '../errors.js';
import {
  DIHEDRALS,
  coefficientsToWords,
  pdqCoreFromLuma,
  transformCoefficients,
  type Dihedral,
} from './pdq-core.js';
import { ZERO_PDQ, wordsToHex } from './pdq-hex.js';

/** The reference tool resizes to exactly this square (nearest neighbour) when a side is larger. */
export const PDQ_TOOL_DIMS = 512;
/** Default limit on decoded pixels: larger images are refused rather than eating memory. */
export const DEFAULT_MAX_PIXELS = 100_000_000;

export interface PdqOptions {
  /**
   * `tool` (default): the reference command-line tool's 512×512 nearest-neighbour pre-resize.
   * `core`: full-resolution pixels, the convention of the Java reference and pdqhash.
   */
  convention?: 'tool' | 'core';
  /** Refuse images with more pixels than this (default 100,000,000). */
  maxPixels?: number;
  /** Also compute the 8 dihedral hashes. */
  dihedral?: boolean;
}

export interface PdqResult {
  hash: string;
  quality: number;
  width: number;
  height: number;
  /** When asked for: the 8 dihedral hashes in the reference order (orig, rot90, …, flipm). */
  dihedral?: Record<Dihedral, string>;
}

/** An image that could not be decoded or is over the pixel limit. */
export class ImageDecodeError extends MarsadError {
  override readonly status = 400;
  override readonly code = 'invalid_image';
}

export interface RawImage {
  data: Uint8Array | Uint16Array;
  width: number;
  height: number;
  channels: number;
}

const LUMA_R = Math.fround(0.299);
const LUMA_G = Math.fround(0.587);
const LUMA_B = Math.fround(0.114);
const fround = Math.fround;

/**
 * Luminance in float32 (Y = 0.299R + 0.587G + 0.114B, as the reference), sampling the source
 * through the tool's nearest-neighbour pre-resize when `convention` is `tool`.
 */
export const lumaFromRaw = (
  img: RawImage,
  convention: 'tool' | 'core',
): { luma: Float32Array; rows: number; cols: number } => {
  const { data, width, height, channels } = img;
  const resize = convention === 'tool' && (width > PDQ_TOOL_DIMS || height > PDQ_TOOL_DIMS);
  const cols = resize ? PDQ_TOOL_DIMS : width;
  const rows = resize ? PDQ_TOOL_DIMS : height;
  const xs = new Int32Array(cols);
  for (let x = 0; x < cols; x++) xs[x] = resize ? Math.floor((x * width) / PDQ_TOOL_DIMS) : x;
  const luma = new Float32Array(rows * cols);
  const rgb = channels >= 3;
  for (let y = 0; y < rows; y++) {
    const sy = resize ? Math.floor((y * height) / PDQ_TOOL_DIMS) : y;
    const rowBase = sy * width;
    for (let x = 0; x < cols; x++) {
      const p = (rowBase + xs[x]!) * channels;
      luma[y * cols + x] = rgb
        ? fround(
            fround(fround(LUMA_R * data[p]!) + fround(LUMA_G * data[p + 1]!)) + fround(LUMA_B * data[p + 2]!),
          )
        : data[p]!;
    }
  }
  return { luma, rows, cols };
};

/** Hashes decoded pixels (8-bit, 1 or 3+ channels; alpha already removed). */
export const pdqFromRaw = (img: RawImage, opts: PdqOptions = {}): PdqResult => {
  const { luma, rows, cols } = lumaFromRaw(img, opts.convention ?? 'tool');
  const core = pdqCoreFromLuma(luma, rows, cols);
  const base = { width: img.width, height: img.height };
  if (!core) {
    const result: PdqResult = { hash: ZERO_PDQ, quality: 0, ...base };
    if (opts.dihedral)
      result.dihedral = Object.fromEntries(DIHEDRALS.map((d) => [d, ZERO_PDQ])) as Record<Dihedral, string>;
    return result;
  }
  const result: PdqResult = {
    hash: wordsToHex(coefficientsToWords(core.coefficients)),
    quality: core.quality,
    ...base,
  };
  if (opts.dihedral) {
    result.dihedral = Object.fromEntries(
      DIHEDRALS.map((d) => [d, wordsToHex(coefficientsToWords(transformCoefficients(core.coefficients, d)))]),
    ) as Record<Dihedral, string>;
  }
  return result;
};

/**
 * Decodes like the reference tool sees the file: EXIF orientation ignored, alpha dropped (not
 * composited), greyscale kept as one channel, 16-bit samples scaled to 8 bits.
 */
export const decodeForPdq = async (
  input: string | Buffer,
  maxPixels = DEFAULT_MAX_PIXELS,
): Promise<RawImage> => {
  const name = typeof input === 'string' ? input : 'image';
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch (err) {
    throw new ImageDecodeError(`${name}: cannot read image: ${errorMessage(err)}`, { field: 'image' });
  }
  const width = meta.width;
  const height = meta.height;
  if (!width || !height) throw new ImageDecodeError(`${name}: image has no size`, { field: 'image' });
  if (width * height > maxPixels) {
    throw new ImageDecodeError(
      `${name}: image is ${width}×${height} = ${width * height} pixels, over the limit of ${maxPixels}`,
      { field: 'image' },
    );
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: maxPixels, failOn: 'error' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (err) {
    throw new ImageDecodeError(`${name}: cannot decode image: ${errorMessage(err)}`, { field: 'image' });
  }
};

/** PDQ hash of an image file or buffer. Throws ImageDecodeError for corrupt or oversized input. */
export const pdqHashImage = async (input: string | Buffer, opts: PdqOptions = {}): Promise<PdqResult> => {
  const raw = await decodeForPdq(input, opts.maxPixels ?? DEFAULT_MAX_PIXELS);
  return pdqFromRaw(raw, opts);
};
