import { describe, expect, it } from 'vitest';
import { findChangePoints } from '../../src/observe/index.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);
const days = (values: number[]) => ({
  metric: 'flagged_posts' as const,
  bucket: 'day' as const,
  starts: values.map((_, i) => T0 + i * DAY),
  values,
  from: T0,
  now: T0 + values.length * DAY,
});

describe('change points', () => {
  it('finds a silence of two days after a busy stretch, and says so in English and Arabic', () => {
    const found = findChangePoints(days([6, 6, 6, 6, 6, 0, 0, 6, 6, 6]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'silence',
      at: new Date(T0 + 5 * DAY).toISOString(),
      until: new Date(T0 + 7 * DAY).toISOString(),
    });
    expect(found[0]!.text_en).toContain('fell silent for two days');
    expect(found[0]!.text_ar).toContain('لمدة يومين');
  });

  it('calls one quiet day a drop, not a silence, and a quiet start nothing', () => {
    const one = findChangePoints(days([6, 6, 6, 6, 6, 0, 6, 6]));
    expect(one.map((c) => c.kind)).toEqual(['drop']);
    expect(one[0]!.text_en).toContain('fell to zero');
    // Zeros before any activity are not a silence (nothing was busy before them).
    expect(findChangePoints(days([0, 0, 0, 6, 6, 6])).filter((c) => c.kind === 'silence')).toEqual([]);
  });

  it('reports a silence that is still going on without an end', () => {
    const found = findChangePoints(days([6, 6, 6, 6, 0, 0, 0]));
    expect(found).toHaveLength(1);
    expect(found[0]!.until).toBeUndefined();
    expect(found[0]!.text_en).toContain('three days so far');
  });

  it('finds a surge and a drop against the trailing median, merging consecutive buckets', () => {
    const found = findChangePoints(days([10, 10, 10, 10, 40, 41, 10, 10, 2, 10]));
    expect(found.map((c) => [c.kind, c.at.slice(0, 10), c.until?.slice(0, 10)])).toEqual([
      ['surge', '2026-03-05', '2026-03-07'],
      ['drop', '2026-03-09', '2026-03-10'],
    ]);
    expect(found[0]!.text_en).toContain('four times the usual level');
    expect(found[0]!.text_ar).toContain('أربعة أضعاف');
    expect(found[1]!.text_en).toContain('one fifth of the usual level');
  });

  it('ignores buckets before the data starts and the bucket still in progress', () => {
    const input = { ...days([0, 0, 0, 0, 10, 10, 10, 10, 1]), dataFrom: T0 + 4 * DAY, now: T0 + 8.5 * DAY };
    // Without dataFrom the zeros would be a baseline of 0 and the first busy days a "surge".
    expect(findChangePoints(input)).toEqual([]);
    expect(findChangePoints({ ...input, now: T0 + 9 * DAY }).map((c) => c.kind)).toEqual(['drop']);
  });

  it('compares an hour with the same hour on earlier days', () => {
    const HOUR = 3_600_000;
    // A daily rhythm: busy afternoons, quiet nights; then one afternoon with almost nothing.
    const values: number[] = Array.from({ length: 24 * 5 }, (_, i) => (i % 24 >= 12 ? 30 : 1));
    values[24 * 4 + 14] = 3;
    const found = findChangePoints({
      metric: 'posts',
      bucket: 'hour',
      starts: values.map((_, i) => T0 + i * HOUR),
      values,
      from: T0,
      now: T0 + values.length * HOUR,
    });
    expect(found.map((c) => [c.kind, c.at])).toEqual([
      ['drop', new Date(T0 + (24 * 4 + 14) * HOUR).toISOString()],
    ]);
  });
});
