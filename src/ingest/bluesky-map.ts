import type { CanonicalEvent, Media } from '../events/index.js';
import { validateEvent } from './validate.js';
import { RecordError } from './errors.js';
import { SeenSet } from './seen-set.js';

// Bluesky Jetstream events (one JSON object per line), as far as we read them.
//
// Decisions (see docs/ingest-connectors.md):
// - Event time is `time_us` (when the relay saw the event), not the record's client-written
//   `createdAt`, which can be back- or forward-dated at will; the stream stays in relay order.
// - The first time a DID appears (author, follow subject, identity or account event) an `account`
//   is synthesized (handle = the DID until an identity event gives one, name = ""), with
//   created_at = that event's time, so that no post or follow points at an unknown account.
// - Deletes (posts, reposts, follows, profiles) are ignored: the store keeps what was seen.
// - Account events: `active:false` with status takendown/suspended -> enforcement `suspend`
//   (reason = the status); `active:true` after a suspension seen in the same input -> `restore`.
//   deactivated/deleted are the user's own doing, not platform enforcement: ignored.
// - Other collections (likes, blocks, lists, ...) are ignored.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const PLATFORM = 'bluesky';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The SHA-256 of a blob from its CID (CIDv1, base32 "b…", raw or dag-pb codec, sha2-256
 * multihash), so that identical images match across accounts; undefined for other CIDs.
 */
export const sha256FromCid = (cid: string): string | undefined => {
  if (!cid.startsWith('b')) return undefined;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of cid.slice(1)) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  // version 1, codec (1 byte for raw 0x55 / dag-pb 0x70), sha2-256 (0x12), 32 bytes.
  if (bytes.length !== 36 || bytes[0] !== 1 || bytes[2] !== 0x12 || bytes[3] !== 0x20) return undefined;
  return Buffer.from(bytes.slice(4)).toString('hex');
};

const blobMedia = (kind: Media['kind'], blob: unknown, did: string): Media => {
  const ref = isObj(blob) && isObj(blob['ref']) ? str(blob['ref']['$link']) : undefined;
  const cid = ref ?? (isObj(blob) ? str(blob['cid']) : undefined);
  if (!cid) return { kind };
  const sha256 = sha256FromCid(cid);
  // The public CDN address of the blob (images) or of its HLS playlist (videos).
  const url =
    kind === 'image'
      ? `https://cdn.bsky.app/img/feed_fullsize/plain/${did}/${cid}@jpeg`
      : `https://video.bsky.app/watch/${encodeURIComponent(did)}/${cid}/playlist.m3u8`;
  return sha256 ? { kind, sha256, url } : { kind, url };
};

interface Embedded {
  quote_of?: string;
  media: Media[];
  urls: string[];
}

const readEmbed = (embed: unknown, did: string, into: Embedded): void => {
  if (!isObj(embed)) return;
  switch (embed['$type']) {
    case 'app.bsky.embed.images':
      for (const img of arr(embed['images']))
        if (isObj(img)) into.media.push(blobMedia('image', img['image'], did));
      break;
    case 'app.bsky.embed.video':
      into.media.push(blobMedia('video', embed['video'], did));
      break;
    case 'app.bsky.embed.external': {
      const uri = isObj(embed['external']) ? str(embed['external']['uri']) : undefined;
      if (uri) into.urls.push(uri);
      break;
    }
    case 'app.bsky.embed.record': {
      const uri = isObj(embed['record']) ? str(embed['record']['uri']) : undefined;
      if (uri) into.quote_of = uri;
      break;
    }
    case 'app.bsky.embed.recordWithMedia':
      readEmbed(embed['record'], did, into);
      readEmbed(embed['media'], did, into);
      break;
    default:
      break;
  }
};

const facetsOf = (record: Obj): { hashtags: string[]; mentions: string[]; urls: string[] } | undefined => {
  const facets = record['facets'];
  if (!Array.isArray(facets)) return undefined;
  const text = Buffer.from(str(record['text']) ?? '', 'utf8');
  const out = { hashtags: [] as string[], mentions: [] as string[], urls: [] as string[] };
  const add = (into: string[], v: string | undefined): void => {
    if (v && !into.includes(v)) into.push(v);
  };
  for (const facet of facets) {
    if (!isObj(facet)) continue;
    const index = isObj(facet['index']) ? facet['index'] : {};
    for (const feature of arr(facet['features'])) {
      if (!isObj(feature)) continue;
      const type = feature['$type'];
      if (type === 'app.bsky.richtext.facet#tag') add(out.hashtags, str(feature['tag'])?.replace(/^#/, ''));
      else if (type === 'app.bsky.richtext.facet#link') add(out.urls, str(feature['uri']));
      else if (type === 'app.bsky.richtext.facet#mention') {
        // Mentions are handles in the contract: the facet covers "@handle" in the text (byte offsets).
        const start = Number(index['byteStart']);
        const end = Number(index['byteEnd']);
        const slice =
          Number.isInteger(start) && Number.isInteger(end) ? text.subarray(start, end).toString('utf8') : '';
        add(out.mentions, slice.startsWith('@') ? slice.slice(1) : str(feature['did']));
      }
    }
  }
  return out;
};

/** Per-input state: DIDs seen (for synthesized accounts), their handles, and suspensions seen. */
export class BlueskyState {
  readonly seen = new SeenSet();
  private handles = new Map<string, string>();
  private suspendedNow = new Set<string>();

  ensure(did: string, at: string, out: CanonicalEvent[], handle?: string): void {
    if (this.seen.has(did)) return;
    this.seen.add(did);
    if (handle) this.setHandle(did, handle);
    out.push(
      validateEvent({
        type: 'account',
        platform: PLATFORM,
        id: did,
        handle: handle ?? did,
        name: '',
        created_at: at,
      }),
    );
  }

  /** Records the handle of a DID; true when it changed from a known one. */
  setHandle(did: string, handle: string): boolean {
    const before = this.handles.get(did);
    if (this.handles.size >= 1_000_000) this.handles = new Map();
    this.handles.set(did, handle);
    return before !== handle;
  }

  suspend(did: string): void {
    if (this.suspendedNow.size >= 100_000) this.suspendedNow = new Set();
    this.suspendedNow.add(did);
  }

  /** True when the DID was suspended in this input (and clears it). */
  restore(did: string): boolean {
    return this.suspendedNow.delete(did);
  }
}

const timeOf = (event: Obj): string => {
  const us = event['time_us'];
  if (typeof us !== 'number' || !Number.isFinite(us))
    throw new RecordError('time_us', 'required field is missing');
  return new Date(Math.floor(us / 1000)).toISOString();
};

const atUri = (did: string, collection: string, rkey: string): string => `at://${did}/${collection}/${rkey}`;

const mapCommit = (
  did: string,
  at: string,
  commit: Obj,
  state: BlueskyState,
  out: CanonicalEvent[],
): void => {
  const operation = commit['operation'];
  if (operation === 'delete') return;
  const collection = str(commit['collection']);
  const rkey = str(commit['rkey']);
  if (!collection) throw new RecordError('commit.collection', 'required field is missing');
  const record = commit['record'];
  const needRecord = (): Obj => {
    if (!isObj(record)) throw new RecordError('commit.record', `required for a ${String(operation)} commit`);
    if (!rkey) throw new RecordError('commit.rkey', 'required field is missing');
    return record;
  };
  switch (collection) {
    case 'app.bsky.feed.post': {
      if (operation !== 'create') return;
      const r = needRecord();
      if (typeof r['text'] !== 'string')
        throw new RecordError('commit.record.text', 'required field is missing');
      const embedded: Embedded = { media: [], urls: [] };
      readEmbed(r['embed'], did, embedded);
      const facets = facetsOf(r);
      const urls = facets ? [...facets.urls] : embedded.urls.length > 0 ? [] : undefined;
      for (const u of embedded.urls) if (urls && !urls.includes(u)) urls.push(u);
      const reply =
        isObj(r['reply']) && isObj(r['reply']['parent']) ? str(r['reply']['parent']['uri']) : undefined;
      const lang = str(arr(r['langs'])[0]);
      const post = validateEvent({
        type: 'post',
        platform: PLATFORM,
        id: atUri(did, collection, rkey as string),
        account_id: did,
        text: r['text'],
        created_at: at,
        ...(lang ? { lang } : {}),
        ...(facets ? { hashtags: facets.hashtags, mentions: facets.mentions } : {}),
        ...(urls ? { urls } : {}),
        ...(reply ? { reply_to: reply } : {}),
        ...(embedded.quote_of ? { quote_of: embedded.quote_of } : {}),
        ...(embedded.media.length > 0 ? { media: embedded.media } : {}),
      });
      // Accounts are marked seen only once the record is known to be valid.
      state.ensure(did, at, out);
      out.push(post);
      return;
    }
    case 'app.bsky.feed.repost': {
      if (operation !== 'create') return;
      const r = needRecord();
      const subject = isObj(r['subject']) ? str(r['subject']['uri']) : undefined;
      if (!subject) throw new RecordError('commit.record.subject.uri', 'required field is missing');
      state.ensure(did, at, out);
      const id = atUri(did, collection, rkey as string);
      out.push(
        validateEvent({
          type: 'post',
          platform: PLATFORM,
          id,
          account_id: did,
          text: '',
          repost_of: subject,
          created_at: at,
        }),
      );
      return;
    }
    case 'app.bsky.graph.follow': {
      if (operation !== 'create') return;
      const r = needRecord();
      const subject = str(r['subject']);
      if (!subject) throw new RecordError('commit.record.subject', 'required field is missing');
      state.ensure(did, at, out);
      state.ensure(subject, at, out);
      const id = atUri(did, collection, rkey as string);
      out.push(
        validateEvent({ type: 'follow', platform: PLATFORM, id, src: did, dst: subject, created_at: at }),
      );
      return;
    }
    case 'app.bsky.actor.profile': {
      const r = needRecord();
      const name = str(r['displayName']);
      const bio = str(r['description']);
      const update = validateEvent({
        type: 'profile_update',
        platform: PLATFORM,
        account_id: did,
        ...(name !== undefined ? { name } : {}),
        ...(bio !== undefined ? { bio } : {}),
        created_at: at,
      });
      state.ensure(did, at, out);
      out.push(update);
      return;
    }
    default:
      return;
  }
};

/** Maps one Jetstream event to canonical events (possibly none). */
export const mapJetstreamEvent = (value: unknown, state: BlueskyState): CanonicalEvent[] => {
  if (!isObj(value)) throw new RecordError('', 'expected a Jetstream event object');
  const did = str(value['did']);
  if (!did) throw new RecordError('did', 'required field is missing');
  const at = timeOf(value);
  const out: CanonicalEvent[] = [];
  switch (value['kind']) {
    case 'commit': {
      if (!isObj(value['commit'])) throw new RecordError('commit', 'required for kind "commit"');
      mapCommit(did, at, value['commit'], state, out);
      break;
    }
    case 'identity': {
      const handle = isObj(value['identity']) ? str(value['identity']['handle']) : undefined;
      if (!state.seen.has(did)) state.ensure(did, at, out, handle);
      else if (handle && state.setHandle(did, handle)) {
        out.push(
          validateEvent({
            type: 'profile_update',
            platform: PLATFORM,
            account_id: did,
            handle,
            created_at: at,
          }),
        );
      }
      break;
    }
    case 'account': {
      const account = isObj(value['account']) ? value['account'] : undefined;
      if (!account || typeof account['active'] !== 'boolean')
        throw new RecordError('account.active', 'required field is missing');
      const status = str(account['status']);
      if (!account['active'] && (status === 'takendown' || status === 'suspended')) {
        state.ensure(did, at, out);
        state.suspend(did);
        out.push(
          validateEvent({
            type: 'enforcement',
            platform: PLATFORM,
            account_id: did,
            action: 'suspend',
            reason: status,
            created_at: at,
          }),
        );
      } else if (account['active'] && state.restore(did)) {
        out.push(
          validateEvent({
            type: 'enforcement',
            platform: PLATFORM,
            account_id: did,
            action: 'restore',
            created_at: at,
          }),
        );
      }
      break;
    }
    default:
      throw new RecordError(
        'kind',
        `unknown event kind ${JSON.stringify(value['kind'])} (expected commit, identity or account)`,
      );
  }
  return out;
};
