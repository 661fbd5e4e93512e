import { PassThrough } from 'node:stream';
import { emptyStatus, type LiveStatus } from '../pipeline/live-status.js';
import { defineRoute, type RouteDef } from './route.js';

// The live pipeline's counters, for the dashboard: one read, and a Server-Sent Events stream.

/** How long an EventSource waits before reconnecting after the stream ended (server stopping). */
const RETRY_MS = 5000;

const frame = (s: LiveStatus, newQueueItems: number): string =>
  `event: status\ndata: ${JSON.stringify({ ...s, newQueueItems })}\n\n`;

export const LIVE_ROUTES: RouteDef[] = [
  defineRoute({
    method: 'GET',
    url: '/v1/live/status',
    access: 'viewer',
    summary:
      'Live pipeline counters: queue depth, events processed, decisions by kind, stream time, events/s, latency',
    tag: 'live',
    schema: {},
    handler: async (_in, deps) => deps.live?.status() ?? emptyStatus(),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/live',
    access: 'viewer',
    summary:
      'Server-Sent Events: `status` about every second (the /v1/live/status counters plus newQueueItems since the last one)',
    tag: 'live',
    schema: {},
    handler: async ({ req, reply }, deps) => {
      const stream = new PassThrough();
      void reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no');
      const live = deps.live;
      stream.write(`retry: ${RETRY_MS}\n\n`);
      if (!live) {
        // No pipeline in this server: one status, then the stream ends.
        stream.end(frame(emptyStatus(), 0));
        return stream;
      }
      let created = live.status().queueItems.created;
      const send = (s: LiveStatus) => {
        stream.write(frame(s, s.queueItems.created - created));
        created = s.queueItems.created;
      };
      send(live.status());
      const unsubscribe = live.subscribe(send, () => stream.end());
      const stop = () => {
        unsubscribe();
        stream.end();
      };
      req.raw.once('close', stop);
      stream.once('close', stop);
      return stream;
    },
  }),
];
