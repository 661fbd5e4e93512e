// The 16×64 DCT-II matrix of PDQ (rows 1..16, DC dropped) and B = D·A·Dᵀ, in float32 with the
// reference's summation order so that hashes agree bit for bit with the C++ tool.

const fround = Math.fround;

const buildDctMatrix = (): Float32Array => {
  const d = new Float32Array(16 * 64);
  // As the reference: a float scale times a double cosine, stored as float.
  const scale = fround(Math.sqrt(2.0 / 64));
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) {
      d[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
    }
  }
  return d;
};

/** D[i][j] = sqrt(2/64)·cos(π/128·(i+1)·(2j+1)), row-major 16×64. */
export const DCT_MATRIX: Float32Array = buildDctMatrix();

/** B (16×16, row-major) = D · A · Dᵀ for A 64×64 row-major; float32 running sums like the reference. */
export const dct64To16 = (a: Float32Array, out: Float32Array = new Float32Array(256)): Float32Array => {
  const d = DCT_MATRIX;
  const t = new Float32Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    const di = i * 64;
    for (let j = 0; j < 64; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = fround(sum + fround(d[di + k]! * a[k * 64 + j]!));
      t[di + j] = sum;
    }
  }
  for (let i = 0; i < 16; i++) {
    const ti = i * 64;
    for (let j = 0; j < 16; j++) {
      const dj = j * 64;
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = fround(sum + fround(t[ti + k]! * d[dj + k]!));
      out[i * 16 + j] = sum;
    }
  }
  return out;
};
