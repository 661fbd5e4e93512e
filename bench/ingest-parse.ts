// Parsing speed of the ingest connectors, without storage: line splitting (ours vs node:readline),
// + JSON.parse, + canonical validation (zod). Usage: npx tsx bench/ingest-parse.ts [lines=1000000]
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { parseEvent } from '../src/events/index.js';
import { getConnector, openConnectorInput, readLines } from '../src/ingest/index.js';

const N = Number(process.argv[2] ?? 1_000_000);
const file = path.join(os.tmpdir(), `marsad-bench-canonical-${N}.ndjson`);

const makeFile = (): void => {
  const parts: string[] = [];
  for (let i = 0; i < N; i++) {
    const t = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
    parts.push(
      i % 10 === 0
        ? JSON.stringify({
            type: 'account',
            platform: 'sim',
            id: `a${i}`,
            handle: `user_${i}`,
            name: `مستخدم ${i}`,
            created_at: t,
          })
        : JSON.stringify({
            type: 'post',
            platform: 'sim',
            id: `p${i}`,
            account_id: `a${i - (i % 10)}`,
            text: `نشرة الطقس رقم ${i} #عين_الإسلام https://example.org/${i}`,
            created_at: t,
            lang: 'ar',
          }),
    );
  }
  writeFileSync(file, parts.join('\n') + '\n');
};

const time = async (label: string, fn: () => Promise<number>): Promise<number> => {
  const start = process.hrtime.bigint();
  const count = await fn();
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = count / s;
  console.log(
    `${label.padEnd(44)} ${count} in ${s.toFixed(2)} s = ${Math.round(rate).toLocaleString('en-US')}/s`,
  );
  return rate;
};

const main = async (): Promise<void> => {
  if (!existsSync(file)) {
    makeFile();
    console.log('input written; run again for a clean peak RSS');
  }
  const stream = () => createReadStream(file, { highWaterMark: 256 * 1024 });
  const rl = await time('baseline node:readline (lines)', async () => {
    let n = 0;
    for await (const _ of createInterface({ input: stream(), crlfDelay: Infinity })) n++;
    return n;
  });
  const ours = await time('readLines (lines + offsets + UTF-8 check)', async () => {
    let n = 0;
    for await (const b of readLines(stream())) n += b.length;
    return n;
  });
  const rlJson = await time('baseline node:readline + JSON.parse', async () => {
    let n = 0;
    for await (const l of createInterface({ input: stream(), crlfDelay: Infinity })) if (JSON.parse(l)) n++;
    return n;
  });
  const json = await time('readLines + JSON.parse', async () => {
    let n = 0;
    for await (const b of readLines(stream())) for (const l of b) if (JSON.parse(l.text)) n++;
    return n;
  });
  const zod = await time('readLines + JSON.parse + parseEvent (zod only)', async () => {
    let n = 0;
    for await (const b of readLines(stream())) for (const l of b) if (parseEvent(JSON.parse(l.text))) n++;
    return n;
  });
  const full = await time('canonical connector (fast path, zod fallback)', async () => {
    let n = 0;
    const input = await openConnectorInput(file);
    for await (const b of getConnector('canonical').read(input)) n += b.length;
    return n;
  });
  console.log(
    `ratios: readLines/readline ${(ours / rl).toFixed(2)}x; with JSON.parse ${(json / rlJson).toFixed(2)}x; ` +
      `zod validation keeps ${((zod / json) * 100).toFixed(0)}% of JSON.parse speed, ` +
      `the connector with its fast path ${((full / json) * 100).toFixed(0)}% (${(full / zod).toFixed(2)}x zod only)`,
  );
  console.log(
    `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB; ${os.cpus().length} cores, Node ${process.version}`,
  );
};

await main();
