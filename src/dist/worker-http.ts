import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../store/index.js';
import type { Bus } from './bus.js';
import type { DistMetrics } from './metrics.js';

/** Reachability of NATS (a JetStream API call) and PostgreSQL (a query). */
export const checkReachability = async (bus: Bus, database: Database): Promise<{ nats: boolean; database: boolean }> => {
  const nats = await bus.jsm
    .getAccountInfo()
    .then(() => true)
    .catch(() => false);
  const db = await database.db
    .selectFrom('dist_state')
    .select('name')
    .limit(1)
    .execute()
    .then(() => true)
    .catch(() => false);
  return { nats, database: db };
};

/**
 * A worker's own tiny HTTP endpoint (it has no API server): `GET /metrics` (Prometheus text) and
 * `GET /health` (200 when NATS and PostgreSQL answer, else 503). Bound to `host` (default loopback).
 */
export const serveWorkerMetrics = async (
  port: number,
  host: string,
  metrics: DistMetrics,
  bus: Bus,
  database: Database,
): Promise<{ url: string; close(): Promise<void> }> => {
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.url === '/metrics') {
          const text = await metrics.text();
          res.writeHead(200, { 'content-type': metrics.contentType }).end(text);
        } else if (req.url === '/health') {
          const checks = await checkReachability(bus, database);
          const ok = checks.nats && checks.database;
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, ...checks }));
        } else res.writeHead(404).end();
      } catch {
        res.writeHead(500).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${host}:${addr.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
