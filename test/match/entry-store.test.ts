import { describe, expect, it } from 'vitest';
import type { BankEntry } from '../../src/match/index.js';
import { EntryStore } from '../../src/match/entry-store.js';

const entry = (over: Partial<BankEntry>): BankEntry => ({
  bank: 'b',
  signal: 'pdq',
  value: 'f'.repeat(64),
  label: 'l',
  source: 's',
  reason: 'r',
  quality: null,
  added_at: '2026-01-02T03:04:05.678Z',
  added_by: 'who',
  ...over,
});

describe('matcher entry store', () => {
  it('gives back every field of each entry, including imported times not in our ISO form', () => {
    const store = new EntryStore('pdq');
    const a = entry({ quality: 0 });
    const b = entry({ bank: 'other', added_at: '2026-01-02T03:04:05Z', label: '', quality: 87 });
    const c = entry({ added_at: '2026-01-02 03:04' });
    for (const e of [a, b, c]) store.add(e);
    expect([0, 1, 2].map((i) => store.get(i, 'f'.repeat(64)))).toEqual([a, b, c]);
    expect(store.bankOf(1)).toBe('other');
    expect(store.size).toBe(3);
  });
});
