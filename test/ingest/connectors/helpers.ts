import { Readable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConnector, openConnectorInput } from '../../../src/ingest/index.js';
import type { ConnectorInput, CsvMapping, IngestItem } from '../../../src/ingest/index.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ingest');
export const fixture = (name: string): string => path.join(FIXTURES, name);

/** A stream that delivers `data` in chunks of `size` bytes. */
export const chunked = (data: Buffer | string, size: number): Readable => {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  async function* gen(): AsyncGenerator<Buffer> {
    for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
  }
  return Readable.from(gen(), { objectMode: false });
};

export const memoryInput = (
  data: string | Buffer,
  extra: Partial<ConnectorInput> = {},
  chunk = 65536,
): ConnectorInput => ({
  name: 'mem',
  stream: chunked(data, chunk),
  startOffset: 0,
  startLine: 0,
  ...extra,
});

export const collect = async (batches: AsyncIterable<IngestItem[]>): Promise<IngestItem[]> => {
  const out: IngestItem[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
};

export const readFixture = async (
  format: string,
  name: string,
  options: { platform?: string; csvMapping?: CsvMapping } = {},
): Promise<IngestItem[]> => {
  const input = await openConnectorInput(fixture(name), options);
  return collect(getConnector(format).read(input));
};

export const events = (items: IngestItem[]) => items.flatMap((i) => (i.ok ? [i.event] : []));
export const errors = (items: IngestItem[]) => items.flatMap((i) => (i.ok ? [] : [i]));
