// Parsing speed of each connector on generated inputs (no storage), next to a baseline that
// only splits lines and runs JSON.parse (or JSON.parse of the whole document for Telegram).
// Usage: npx tsx bench/ingest-connectors.ts [records=200000]
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { getConnector, openConnectorInput } from '../src/ingest/index.js';

const N = Number(process.argv[2] ?? 200_000);
const dir = os.tmpdir();
const t = (i: number): string => new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
const text = (i: number): string => `نشرة الطقس رقم ${i} #عين_الإسلام https://example.org/${i}`;

const makers: Record<string, () => string> = {
  twitter: () => {
    const lines: string[] = [];
    for (let p = 0; p < N / 100; p++) {
      const data = [];
      const users = [];
      for (let k = 0; k < 100; k++) {
        const i = p * 100 + k;
        const u = String(i % 5000);
        data.push({
          id: String(1e9 + i),
          author_id: u,
          text: text(i),
          created_at: t(i),
          lang: 'ar',
          entities: { hashtags: [{ start: 17, end: 29, tag: 'عين_الإسلام' }] },
        });
        users.push({ id: u, username: `user_${u}`, name: `مستخدم ${u}`, created_at: t(0) });
      }
      lines.push(
        JSON.stringify({
          data,
          includes: { users },
          meta: { result_count: 100 },
          __twarc: { version: '2.14.0' },
        }),
      );
    }
    return lines.join('\n') + '\n';
  },
  bluesky: () => {
    const lines: string[] = [];
    for (let i = 0; i < N; i++) {
      const did = `did:plc:${String(i % 5000).padStart(24, 'a')}`;
      lines.push(
        JSON.stringify({
          did,
          time_us: Date.UTC(2024, 0, 1) * 1000 + i * 1000,
          kind: 'commit',
          commit: {
            rev: 'x',
            operation: 'create',
            collection: 'app.bsky.feed.post',
            rkey: `r${i}`,
            record: { $type: 'app.bsky.feed.post', text: text(i), createdAt: t(i), langs: ['ar'] },
            cid: 'bafyrei',
          },
        }),
      );
    }
    return lines.join('\n') + '\n';
  },
  csv: () => {
    const lines = ['id,user_id,username,text,created_at'];
    for (let i = 0; i < N; i++) lines.push(`${i},u${i % 5000},user_${i % 5000},"${text(i)}",${t(i)}`);
    return lines.join('\n') + '\n';
  },
  telegram: () => {
    const messages = [];
    for (let i = 0; i < N; i++) {
      messages.push({
        id: i,
        type: 'message',
        date: t(i).slice(0, 19),
        date_unixtime: String(Math.floor(Date.UTC(2024, 0, 1) / 1000) + i),
        from: `عضو ${i % 5000}`,
        from_id: `user${i % 5000}`,
        text: ['نشرة ', { type: 'hashtag', text: '#عين_الإسلام' }],
        text_entities: [
          { type: 'plain', text: 'نشرة ' },
          { type: 'hashtag', text: '#عين_الإسلام' },
        ],
      });
    }
    return JSON.stringify({ name: 'مجموعة', type: 'private_supergroup', id: 42, messages }, null, 1);
  },
};

const file = (format: string): string => {
  const f = path.join(dir, `marsad-bench-${format}-${N}.${format === 'csv' ? 'csv' : 'json'}`);
  if (!existsSync(f)) writeFileSync(f, makers[format]!());
  return f;
};

const seconds = async (fn: () => Promise<number>): Promise<[number, number]> => {
  const start = process.hrtime.bigint();
  const n = await fn();
  return [n, Number(process.hrtime.bigint() - start) / 1e9];
};

const baselineLines = async (f: string): Promise<number> => {
  let n = 0;
  for await (const l of createInterface({ input: createReadStream(f), crlfDelay: Infinity }))
    if (l && JSON.parse(l)) n++;
  return n;
};

const main = async (): Promise<void> => {
  console.log(`records: ${N}; ${os.cpus().length} cores, Node ${process.version}`);
  for (const format of ['twitter', 'bluesky', 'csv', 'telegram']) {
    const f = file(format);
    const rssBefore = process.memoryUsage().rss;
    const [events, s] = await seconds(async () => {
      let n = 0;
      const input = await openConnectorInput(f);
      for await (const batch of getConnector(format).read(input)) for (const i of batch) if (i.ok) n++;
      return n;
    });
    const rss = process.memoryUsage().rss;
    let baseline = '';
    if (format === 'twitter' || format === 'bluesky') {
      const [, bs] = await seconds(() => baselineLines(f));
      baseline = `baseline readline+JSON.parse ${bs.toFixed(2)} s (connector takes ${(s / bs).toFixed(1)}x)`;
    } else if (format === 'telegram') {
      const [, bs] = await seconds(
        async () => (JSON.parse(readFileSync(f, 'utf8')) as { messages: unknown[] }).messages.length,
      );
      baseline = `baseline whole-file JSON.parse ${bs.toFixed(2)} s (streaming takes ${(s / bs).toFixed(1)}x, in flat memory)`;
    }
    console.log(
      `${format.padEnd(9)} ${events} events in ${s.toFixed(2)} s = ${Math.round(events / s).toLocaleString('en-US')} events/s; ` +
        `RSS ${Math.round(rss / 2 ** 20)} MiB (+${Math.round((rss - rssBefore) / 2 ** 20)}); ${baseline}`,
    );
  }
};

await main();
