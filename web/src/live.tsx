import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authHeaders } from './api';
import { useSession } from './session';

// Live updates without reloading: pages refetch when `tick` changes. The server's event stream
// (GET /v1/live, server-sent events) ticks as events arrive; without it, the cheap GET /v1/live/status
// is polled every few seconds and ticks when the pipeline made progress. Either way a tick also comes
// every 30 s (other reviewers' decisions). The stream is read with fetch, not EventSource, so that the
// key travels in a header, not the URL.

export const POLL_MS = 5_000;
const REFRESH_MS = 30_000;
// Pages refetch at most this often while events stream in (the overview aggregates the whole period).
const MIN_TICK_MS = 3_000;

interface LiveState {
  tick: number;
  mode: 'stream' | 'poll';
  /** The last counters the stream sent (shape decided by the server). */
  counters: Record<string, unknown> | null;
}

const LiveContext = createContext<LiveState>({ tick: 0, mode: 'poll', counters: null });

const readStream = async (
  signal: AbortSignal,
  onOpen: () => void,
  onData: (data: Record<string, unknown> | null) => void,
): Promise<void> => {
  const res = await fetch('/v1/live', { headers: { accept: 'text/event-stream', ...authHeaders() }, signal });
  if (!res.ok || !res.body || !res.headers.get('content-type')?.includes('text/event-stream')) return;
  onOpen();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const chunk = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = chunk
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('\n');
      if (!data) continue;
      try {
        const parsed = JSON.parse(data) as unknown;
        onData(parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null);
      } catch {
        onData(null);
      }
    }
  }
};

const progressOf = (d: Record<string, unknown> | null): string | null => {
  if (!d) return null;
  const events = d['events'] as { processed?: unknown } | undefined;
  const queue = d['queueItems'] as { created?: unknown; rescored?: unknown } | undefined;
  return JSON.stringify([events?.processed, d['streamTime'], queue?.created, queue?.rescored]);
};

export const LiveProvider = ({ children }: { children: ReactNode }) => {
  const { who } = useSession();
  const [tick, setTick] = useState(0);
  const [mode, setMode] = useState<'stream' | 'poll'>('poll');
  const [counters, setCounters] = useState<Record<string, unknown> | null>(null);

  useEffect(() => {
    if (!who) return undefined;
    let lastSig: string | null | undefined;
    let lastTick = Date.now();
    const tickNow = () => {
      lastTick = Date.now();
      setTick((t) => t + 1);
    };
    const poll = async () => {
      if (document.visibilityState !== 'visible') return;
      if (Date.now() - lastTick >= REFRESH_MS) return tickNow();
      if (mode === 'stream') return;
      const res = await fetch('/v1/live/status', {
        headers: { accept: 'application/json', ...authHeaders() },
      });
      // A server without the status route: plain polling.
      if (res.status === 404) return tickNow();
      if (!res.ok) return;
      const sig = progressOf((await res.json()) as Record<string, unknown>);
      if (lastSig !== undefined && sig !== lastSig) tickNow();
      lastSig = sig;
    };
    const timer = setInterval(() => void poll().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [mode, who]);

  useEffect(() => {
    if (!who) return undefined;
    const abort = new AbortController();
    let last = 0;
    let lastSig: string | null | undefined;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const bump = () => {
      const wait = last + MIN_TICK_MS - Date.now();
      if (wait <= 0) {
        last = Date.now();
        setTick((t) => t + 1);
      } else
        pending ??= setTimeout(() => {
          pending = undefined;
          last = Date.now();
          setTick((t) => t + 1);
        }, wait);
    };
    readStream(
      abort.signal,
      () => setMode('stream'),
      (data) => {
        // Status frames come every second; only a change in what was processed is worth a refetch.
        const sig = progressOf(data);
        const first = lastSig === undefined;
        if (sig !== null && sig === lastSig) return;
        lastSig = sig;
        if (data) setCounters(data);
        // The first frame describes what the page has just loaded.
        if (!first) bump();
      },
    )
      .catch(() => undefined)
      .finally(() => {
        if (!abort.signal.aborted) setMode('poll');
      });
    return () => {
      abort.abort();
      if (pending) clearTimeout(pending);
    };
  }, [who]);

  const value = useMemo(() => ({ tick, mode, counters }), [tick, mode, counters]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
};

export const useLive = (): LiveState => useContext(LiveContext);
