// Hand-written SVG pictures of evaluation results (no chart library needed for two small plots).
import type { ThresholdPoint } from './threshold.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Precision-recall curve of the positive class, with the operating point marked. */
export const prCurveSvg = (
  curve: readonly ThresholdPoint[],
  operating: { threshold: number; precision: number; recall: number },
  title: string,
): string => {
  const W = 520;
  const H = 420;
  const m = { l: 60, r: 20, t: 40, b: 50 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const x = (r: number): number => m.l + r * pw;
  const y = (p: number): number => m.t + (1 - p) * ph;
  const path = curve
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.recall).toFixed(1)},${y(p.precision).toFixed(1)}`)
    .join(' ');
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${x(t)}" y1="${m.t}" x2="${x(t)}" y2="${m.t + ph}" stroke="#eee"/><line x1="${m.l}" y1="${y(t)}" x2="${m.l + pw}" y2="${y(t)}" stroke="#eee"/>` +
        `<text x="${x(t)}" y="${m.t + ph + 18}" text-anchor="middle">${t}</text><text x="${m.l - 8}" y="${y(t) + 4}" text-anchor="end">${t}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">
<rect width="${W}" height="${H}" fill="white"/>
<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(title)}</text>
${grid}
<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>
<path d="${path}" fill="none" stroke="#1f6feb" stroke-width="2"/>
<circle cx="${x(operating.recall)}" cy="${y(operating.precision)}" r="5" fill="#d1242f"/>
<text x="${x(operating.recall) - 8}" y="${y(operating.precision) + 18}" text-anchor="end" fill="#d1242f">t=${operating.threshold.toFixed(3)} P=${operating.precision.toFixed(3)} R=${operating.recall.toFixed(3)}</text>
<text x="${m.l + pw / 2}" y="${H - 12}" text-anchor="middle">recall</text>
<text x="16" y="${m.t + ph / 2}" text-anchor="middle" transform="rotate(-90 16 ${m.t + ph / 2})">precision</text>
</svg>
`;
};

/** Confusion matrix (rows: true label, columns: predicted), cells shaded by row share. */
export const confusionMatrixSvg = (
  labels: readonly string[],
  matrix: readonly (readonly number[])[],
  title: string,
): string => {
  const cell = 90;
  const m = { l: 110, t: 70 };
  const W = m.l + cell * labels.length + 20;
  const H = m.t + cell * labels.length + 40;
  let cells = '';
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    row.forEach((v, j) => {
      const share = v / total;
      const shade = Math.round(255 - share * 200);
      const cx = m.l + j * cell;
      const cy = m.t + i * cell;
      cells += `<rect x="${cx}" y="${cy}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},255)" stroke="#fff"/>`;
      cells += `<text x="${cx + cell / 2}" y="${cy + cell / 2}" text-anchor="middle">${v}</text>`;
      cells += `<text x="${cx + cell / 2}" y="${cy + cell / 2 + 16}" text-anchor="middle" fill="#555">${(share * 100).toFixed(1)}%</text>`;
    });
  });
  const heads = labels
    .map(
      (l, i) =>
        `<text x="${m.l + i * cell + cell / 2}" y="${m.t - 8}" text-anchor="middle">${esc(l)}</text><text x="${m.l - 8}" y="${m.t + i * cell + cell / 2 + 4}" text-anchor="end">${esc(l)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">
<rect width="${W}" height="${H}" fill="white"/>
<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>
<text x="${m.l + (cell * labels.length) / 2}" y="42" text-anchor="middle" fill="#555">predicted</text>
${heads}${cells}
<text x="${m.l - 8}" y="${m.t + cell * labels.length + 24}" text-anchor="end" fill="#555">true ↑</text>
</svg>
`;
};
