/**
 * Line numbers by byte offset, for parsers that report offsets but miscount lines (csv-parse
 * counts a CRLF inside a quoted field as two lines). Offsets must be asked in increasing order;
 * passed chunks are dropped, so memory is bounded by the longest record.
 */
export class LineCounter {
  private chunks: Buffer[] = [];
  /** Absolute offset of chunks[0][0]. */
  private base: number;
  /** Absolute offset up to which newlines were counted. */
  private pos: number;
  private newlines = 0;

  constructor(
    start = 0,
    private readonly startLine = 0,
  ) {
    this.base = start;
    this.pos = start;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  /** The 1-based line of the byte at absolute `offset`. */
  lineOfByte(offset: number): number {
    while (this.chunks.length > 0 && this.pos < offset) {
      const first = this.chunks[0]!;
      const from = this.pos - this.base;
      const until = Math.min(first.length, offset - this.base);
      for (let i = first.indexOf(0x0a, from); i !== -1 && i < until; i = first.indexOf(0x0a, i + 1))
        this.newlines++;
      this.pos = this.base + until;
      if (until === first.length) {
        this.chunks.shift();
        this.base += first.length;
      }
    }
    return this.startLine + 1 + this.newlines;
  }
}
