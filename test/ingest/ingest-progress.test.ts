import { describe, expect, it } from 'vitest';
import { BoundedKeySet } from '../../src/ingest/ingest-known.js';
import { formatProgress, formatSummary, ProgressLine } from '../../src/ingest/ingest-progress.js';

describe('ingest progress', () => {
  it('shows percentage, events/s and an ETA from the bytes read', () => {
    const line = formatProgress({
      source: 'big.ndjson',
      bytesRead: 250 * 2 ** 20,
      totalBytes: 1000 * 2 ** 20,
      startOffset: 0,
      read: 1_000_000,
      quarantined: 3,
      elapsedMs: 10_000,
    });
    expect(line).toContain('25.0%');
    expect(line).toContain('100,000 events/s');
    expect(line).toContain('ETA 0:30');
    expect(line).toContain('3 quarantined');
  });

  it('counts the ETA from the resume point, not from the start of the file', () => {
    const line = formatProgress({
      source: 'f',
      bytesRead: 600,
      totalBytes: 1000,
      startOffset: 500,
      read: 10,
      quarantined: 0,
      elapsedMs: 1000,
    });
    expect(line).toContain('ETA 0:04');
  });

  it('draws nothing when stderr is not a terminal, and prints messages', () => {
    let out = '';
    const sink = { isTTY: false, write: (s: string) => ((out += s), true) };
    const progress = new ProgressLine(sink);
    progress.update({
      source: 'f',
      bytesRead: 1,
      totalBytes: 2,
      startOffset: 0,
      read: 1,
      quarantined: 0,
      elapsedMs: 1000,
    });
    progress.message('f:3: record: invalid JSON (quarantined)');
    expect(out).toBe('f:3: record: invalid JSON (quarantined)\n');
  });

  it('summarises read, stored, duplicates and quarantined, and the resume point', () => {
    const text = formatSummary({
      source: 'f.ndjson',
      format: 'canonical',
      read: 10,
      stored: 7,
      duplicates: 2,
      quarantined: 1,
      elapsedMs: 500,
      rate: 20,
      resumedFrom: { offset: 120, line: 4 },
    });
    expect(text).toBe(
      'f.ndjson [canonical] (resumed at line 5, byte 120): read 10, stored 7, duplicates 2, quarantined 1 in 0.50 s (20 records/s)',
    );
  });
});

describe('bounded key set', () => {
  it('forgets the oldest keys past its cap', () => {
    const set = new BoundedKeySet(2);
    set.add('a');
    set.add('b');
    set.add('a');
    set.add('c');
    expect([set.has('a'), set.has('b'), set.has('c'), set.size]).toEqual([false, true, true, 2]);
  });
});
