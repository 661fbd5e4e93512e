import { EventValidationError, type AccountEvent, type Media, type PostEvent } from '../events/index.js';
import { validateEvent } from './validate.js';
import { RecordError } from './errors.js';
import { describeError } from './describe-error.js';
import { SeenSet } from './seen-set.js';
import type { IngestItem, SourceLocation } from './types.js';

// Twitter/X API v2 objects (https://developer.x.com/en/docs/x-api/data-dictionary), as far as we read them.
type Obj = Record<string, unknown>;

interface V2Media {
  media_key?: string;
  type?: string;
  url?: string;
  preview_image_url?: string;
}

export const PLATFORM = 'twitter';

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Per-input state: accounts already emitted (an author's account precedes their first post). */
export class TwitterState {
  readonly users = new SeenSet();
  readonly posts = new SeenSet();
}

const accountOf = (user: Obj, fallbackTime: unknown): AccountEvent => {
  const metrics = isObj(user['public_metrics']) ? user['public_metrics'] : {};
  const username = str(user['username']);
  const event = {
    type: 'account',
    platform: PLATFORM,
    id: user['id'],
    handle: username,
    name: user['name'],
    // user.fields=created_at may not have been requested: then the first post's time stands in.
    created_at: user['created_at'] ?? fallbackTime,
    bio: str(user['description']) || undefined,
    followers_count: num(metrics['followers_count']),
    following_count: num(metrics['following_count']),
    url: username ? `https://x.com/${username}` : undefined,
  };
  try {
    return validateEvent(event) as AccountEvent;
  } catch (err) {
    if (!(err instanceof EventValidationError)) throw err;
    const source = err.field === 'handle' ? 'username' : err.field === 'bio' ? 'description' : err.field;
    throw new RecordError(`author.${source}`, err.reason);
  }
};

const mediaOf = (m: V2Media): Media | undefined => {
  const kind =
    m.type === 'photo' ? 'image' : m.type === 'video' || m.type === 'animated_gif' ? 'video' : undefined;
  if (!kind) return undefined;
  const url = m.url ?? m.preview_image_url;
  return url ? { kind, url } : { kind };
};

const entityList = (entities: Obj | undefined, key: string, field: string): string[] | undefined => {
  if (!entities) return undefined;
  const out: string[] = [];
  for (const e of arr(entities[key])) {
    const v = isObj(e)
      ? (str(e[field]) ?? (field === 'expanded_url' ? str(e['url']) : undefined))
      : undefined;
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
};

const postOf = (tweet: Obj, authorId: string, media: Media[] | undefined): PostEvent => {
  // Long posts carry their full text in note_tweet (text is cut at 280 characters).
  const note = isObj(tweet['note_tweet']) ? tweet['note_tweet'] : undefined;
  const entities = isObj(note?.['entities'])
    ? note['entities']
    : isObj(tweet['entities'])
      ? tweet['entities']
      : undefined;
  const refs: Partial<Record<'reply_to' | 'repost_of' | 'quote_of', string>> = {};
  for (const ref of arr(tweet['referenced_tweets'])) {
    if (!isObj(ref)) continue;
    const id = str(ref['id']);
    if (ref['type'] === 'replied_to') refs.reply_to = id;
    else if (ref['type'] === 'retweeted') refs.repost_of = id;
    else if (ref['type'] === 'quoted') refs.quote_of = id;
  }
  const lang = str(tweet['lang']);
  if (tweet['created_at'] === undefined)
    throw new RecordError('created_at', 'required field is missing (request tweet.fields=created_at)');
  const event = {
    type: 'post',
    platform: PLATFORM,
    id: tweet['id'],
    account_id: authorId,
    text: str(note?.['text']) ?? tweet['text'],
    created_at: tweet['created_at'],
    lang: lang && lang !== 'und' ? lang : undefined,
    hashtags: entityList(entities, 'hashtags', 'tag'),
    mentions: entityList(entities, 'mentions', 'username'),
    urls: entityList(entities, 'urls', 'expanded_url'),
    ...refs,
    media: media && media.length > 0 ? media : undefined,
  };
  return validateEvent(event) as PostEvent;
};

const mediaFromKeys = (tweet: Obj, byKey: Map<string, V2Media>): Media[] => {
  const attachments = isObj(tweet['attachments']) ? tweet['attachments'] : {};
  const out: Media[] = [];
  for (const key of arr(attachments['media_keys'])) {
    const m = typeof key === 'string' ? byKey.get(key) : undefined;
    const media = m ? mediaOf(m) : undefined;
    if (media) out.push(media);
  }
  // twarc2 flattened tweets embed the media objects themselves.
  for (const m of arr(attachments['media'])) {
    const media = isObj(m) ? mediaOf(m as V2Media) : undefined;
    if (media) out.push(media);
  }
  return out;
};

/** Maps one tweet with its author to `account` (first time) + `post` items. */
const emitTweet = (
  tweet: Obj,
  author: Obj,
  media: Media[],
  state: TwitterState,
  loc: SourceLocation,
  out: IngestItem[],
): void => {
  const id = str(tweet['id']);
  if (id !== undefined && state.posts.has(id)) return;
  const authorId = str(author['id']);
  if (!authorId) throw new RecordError('author_id', 'the author has no id');
  const account = state.users.has(authorId) ? undefined : accountOf(author, tweet['created_at']);
  const post = postOf(tweet, authorId, media);
  if (account) {
    state.users.add(authorId);
    out.push({ ok: true, event: account, loc });
  }
  state.posts.add(post.id);
  out.push({ ok: true, event: post, loc });
};

const tweetError = (tweet: unknown, loc: SourceLocation, err: unknown): IngestItem => {
  const { field, reason } = describeError(err);
  const id = isObj(tweet) ? str(tweet['id']) : undefined;
  return {
    ok: false,
    loc,
    field,
    reason: id ? `tweet ${id}: ${reason}` : reason,
    raw: JSON.stringify(tweet),
  };
};

/** An API v2 response page: `{data, includes: {users, tweets, media}, meta}`. */
const mapResponse = (page: Obj, state: TwitterState, loc: SourceLocation, out: IngestItem[]): void => {
  const includes = isObj(page['includes']) ? page['includes'] : {};
  const users = new Map<string, Obj>();
  for (const u of arr(includes['users'])) if (isObj(u) && typeof u['id'] === 'string') users.set(u['id'], u);
  const media = new Map<string, V2Media>();
  for (const m of arr(includes['media']))
    if (isObj(m) && typeof m['media_key'] === 'string') media.set(m['media_key'], m as V2Media);

  // Referenced tweets (retweeted, quoted, replied-to) are ingested too when their author was expanded,
  // so that repost_of/quote_of/reply_to point at stored posts; they come first, being older.
  for (const t of arr(includes['tweets'])) {
    if (!isObj(t)) continue;
    const author = users.get(str(t['author_id']) ?? '');
    if (!author) continue;
    try {
      emitTweet(t, author, mediaFromKeys(t, media), state, loc, out);
    } catch (err) {
      out.push(tweetError(t, loc, err));
    }
  }
  const data = page['data'];
  for (const t of Array.isArray(data) ? data : data === undefined ? [] : [data]) {
    try {
      if (!isObj(t)) throw new RecordError('data', 'expected a tweet object');
      const authorId = str(t['author_id']);
      if (!authorId)
        throw new RecordError('author_id', 'required field is missing (request tweet.fields=author_id)');
      const author = users.get(authorId);
      if (!author) throw new RecordError('author_id', `author ${authorId} is not in includes.users`);
      emitTweet(t, author, mediaFromKeys(t, media), state, loc, out);
    } catch (err) {
      out.push(tweetError(t, loc, err));
    }
  }
};

/** Maps one decoded value of a Twitter input (response page, twarc2 flattened tweet, or an array of them). */
export const mapTwitterValue = (
  value: unknown,
  state: TwitterState,
  loc: SourceLocation,
  out: IngestItem[],
): void => {
  if (Array.isArray(value)) {
    for (const v of value) mapTwitterValue(v, state, loc, out);
    return;
  }
  if (!isObj(value))
    throw new RecordError('', 'expected a JSON object (an API v2 response or a twarc2 tweet)');
  if ('data' in value || 'includes' in value) {
    mapResponse(value, state, loc, out);
    return;
  }
  if (typeof value['id'] === 'string' && 'text' in value) {
    // twarc2 flattened: one tweet per line with its author embedded.
    const author = value['author'];
    try {
      if (!isObj(author)) {
        throw new RecordError(
          'author',
          'the tweet has no embedded author (and is not in an API response with includes.users)',
        );
      }
      emitTweet(value, author, mediaFromKeys(value, new Map()), state, loc, out);
    } catch (err) {
      out.push(tweetError(value, loc, err));
    }
    return;
  }
  if ('errors' in value || 'meta' in value) return; // an empty page (no results) or an API error page
  throw new RecordError(
    '',
    'not a Twitter API v2 response (no data/includes) nor a twarc2 tweet (no id/text)',
  );
};
