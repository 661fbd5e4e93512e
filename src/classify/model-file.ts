import { readFile, writeFile } from 'node:fs/promises';
import { ValidationError } from '../errors.js';
import { TextModel, type LinearWeights, type ModelHeader } from './model.js';

// File layout: "MRSDTXT1" (8 bytes) | header length (uint32 LE) | header JSON (UTF-8) | zero padding to
// a multiple of 4 | bias (float32 × labels) | weights (buckets × labels, float32 or float16), little endian.
const MAGIC = 'MRSDTXT1';

// float16 <-> float32 by hand: Node 20 has no Float16Array.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export const toHalf = (value: number): number => {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    if ((mant >>> (shift - 1)) & 1) half++; // round half up
    return sign | half;
  }
  let half = sign | (e << 10) | (mant >>> 13);
  if (mant & 0x1000) half++; // round to nearest (carry into exponent is correct)
  return half;
};

const HALF_TABLE = (() => {
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0) t[h] = sign * mant * 2 ** -24;
    else if (exp === 0x1f) t[h] = mant ? NaN : sign * Infinity;
    else t[h] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return t;
})();

export const encodeModel = (header: ModelHeader, w: LinearWeights): Buffer => {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headLen = 8 + 4 + json.length;
  const pad = (4 - (headLen % 4)) % 4;
  const bytesPerWeight = header.dtype === 'f16' ? 2 : 4;
  const buf = Buffer.alloc(headLen + pad + w.bias.length * 4 + w.weights.length * bytesPerWeight);
  buf.write(MAGIC, 0, 'latin1');
  buf.writeUInt32LE(json.length, 8);
  json.copy(buf, 12);
  let off = headLen + pad;
  Buffer.from(w.bias.buffer, w.bias.byteOffset, w.bias.byteLength).copy(buf, off);
  off += w.bias.byteLength;
  if (header.dtype === 'f16') {
    const out = new Uint16Array(buf.buffer, buf.byteOffset + off, w.weights.length);
    for (let i = 0; i < w.weights.length; i++) out[i] = toHalf(w.weights[i] as number);
  } else {
    Buffer.from(w.weights.buffer, w.weights.byteOffset, w.weights.byteLength).copy(buf, off);
  }
  return buf;
};

export const decodeModel = (buf: Buffer, source = 'model'): TextModel => {
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) {
    throw new ValidationError(`${source}: not a Marsad text model (bad magic)`, { field: 'magic' });
  }
  const jsonLen = buf.readUInt32LE(8);
  if (12 + jsonLen > buf.length)
    throw new ValidationError(`${source}: truncated header`, { field: 'header' });
  let header: ModelHeader;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + jsonLen)) as ModelHeader;
  } catch (err) {
    throw new ValidationError(`${source}: header is not JSON (${(err as Error).message})`, {
      field: 'header',
    });
  }
  if (header.format !== 'marsad-text-model' || header.version !== 1) {
    throw new ValidationError(`${source}: unsupported model format ${header.format} v${header.version}`, {
      field: 'header.version',
    });
  }
  const k = header.labels.length;
  const n = header.features.buckets * k;
  const headLen = 12 + jsonLen;
  let off = headLen + ((4 - (headLen % 4)) % 4);
  const bytesPerWeight = header.dtype === 'f16' ? 2 : 4;
  if (buf.length !== off + k * 4 + n * bytesPerWeight) {
    throw new ValidationError(
      `${source}: weights are ${buf.length - off} bytes, expected ${k * 4 + n * bytesPerWeight}`,
      { field: 'weights' },
    );
  }
  // Copy out of the (possibly unaligned, pooled) Buffer into our own typed arrays.
  const bias = new Float32Array(k);
  new Uint8Array(bias.buffer).set(buf.subarray(off, off + k * 4));
  off += k * 4;
  const weights = new Float32Array(n);
  if (header.dtype === 'f16') {
    const half = new Uint16Array(n);
    new Uint8Array(half.buffer).set(buf.subarray(off, off + n * 2));
    for (let i = 0; i < n; i++) weights[i] = HALF_TABLE[half[i] as number] as number;
  } else {
    new Uint8Array(weights.buffer).set(buf.subarray(off, off + n * 4));
  }
  return new TextModel(header, { weights, bias });
};

export const saveTextModel = async (path: string, header: ModelHeader, w: LinearWeights): Promise<void> => {
  await writeFile(path, encodeModel(header, w));
};

/** Loads a model file written by `marsad train`. */
export const loadTextModel = async (path: string): Promise<TextModel> =>
  decodeModel(await readFile(path), path);
