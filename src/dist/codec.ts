import { createHash } from 'node:crypto';
import type { CanonicalEvent } from '../events/index.js';
import { eventAccountId, eventKey } from '../events/index.js';
import { hashString } from '../hash.js';
import type { MatchRecord, PostClassification } from '../pipeline/types.js';

/**
 * The partition of an event: its acting account (author, follower, subject of enforcement), so
 * that one account's events stay in order on one subject. Enforcement on a post alone goes by post.
 */
export const partitionOf = (event: CanonicalEvent, partitions: number): number => {
  const owner = eventAccountId(event) ?? (event.type === 'enforcement' ? `post:${event.post_id ?? ''}` : '');
  return hashString(`${event.platform}\u0000${owner}`) % partitions;
};

/** Nats-Msg-Id of an ingested event: its canonical identity, so that a re-publish is dropped. */
export const eventMsgId = (event: CanonicalEvent): string =>
  createHash('sha1').update(`${event.platform}\u0000${event.type}\u0000${eventKey(event)}`).digest('base64url');

/** What the classify stage re-publishes: the event with its ingest sequence and verdicts. */
export interface EnrichedEvent {
  /** Sequence of the event in the ingest stream: the ordered stage processes events in this order. */
  s: number;
  /** Absent on a skip marker (`x`). */
  e?: CanonicalEvent;
  /** Why the event was skipped (a message that could not be decoded): counted, never silent. */
  x?: string;
  /** The text model's verdict (posts with text; account and profile texts). */
  c?: PostClassification;
  /** Hash-bank matches (posts). */
  m?: MatchRecord[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const encodeJson = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));
export const decodeJson = <T>(data: Uint8Array): T => JSON.parse(decoder.decode(data)) as T;
