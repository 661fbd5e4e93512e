import path from 'node:path';
import { extractMentions, type CanonicalEvent, type Media } from '../events/index.js';
import { validateEvent } from './validate.js';
import { RecordError } from './errors.js';

// Telegram Desktop "Export chat history" (result.json), as far as we read it.
//
// Decisions (see docs/ingest-connectors.md):
// - A channel or group becomes an `account` with id `channel<id>` (channels, supergroups) or
//   `chat<id>` (basic groups), the same form as the `from_id` of posts made in the chat's name.
//   Personal chats have no chat account. Authors (`from_id`) become accounts on first sight, with
//   `created_at` = the time of their first message in the export (the export has no creation
//   times) and `handle` = their `from_id` (the export has no usernames). A later message under a
//   new display name gives a `profile_update`.
// - Post ids are `<chat id>/<message id>`; `reply_to_message_id` becomes `reply_to` in the same chat.
// - `forwarded_from` has no message id, so no `repost_of`: the source (its `forwarded_from_id`
//   when the export has one, else its name) is added to `mentions`; the text is kept as is.
// - Service messages: `join_group_by_link` / `join_group_by_request` become a `follow` of the
//   group by the actor; other service messages (pins, title changes, invites by name) are skipped.
// - Times come from `date_unixtime` (UTC); without it, `date` is read as UTC.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const PLATFORM = 'telegram';

export interface ChatMeta {
  id?: string;
  name?: string;
  type?: string;
}

const CHANNEL_TYPES = new Set([
  'public_channel',
  'private_channel',
  'public_supergroup',
  'private_supergroup',
]);
const GROUP_TYPES = new Set(['private_group', 'public_group']);

/** The account id of a chat that can be followed/posted as, or undefined (personal chats). */
export const chatAccountId = (chat: ChatMeta): string | undefined => {
  if (chat.id === undefined || chat.type === undefined) return undefined;
  if (CHANNEL_TYPES.has(chat.type)) return `channel${chat.id}`;
  if (GROUP_TYPES.has(chat.type)) return `chat${chat.id}`;
  return undefined;
};

const isChannel = (chat: ChatMeta): boolean =>
  chat.type === 'public_channel' || chat.type === 'private_channel';

const timeOf = (msg: Obj): string => {
  const unix = msg['date_unixtime'];
  const seconds = typeof unix === 'string' ? Number(unix) : typeof unix === 'number' ? unix : Number.NaN;
  if (Number.isFinite(seconds)) return new Date(seconds * 1000).toISOString();
  const date = str(msg['date']);
  if (date && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(date)) return `${date}Z`;
  throw new RecordError('date_unixtime', 'required field is missing (and no usable date)');
};

/** `text` is a string, or an array of strings and `{type, text, href?}` parts. */
export const flattenText = (text: unknown): string => {
  if (typeof text === 'string') return text;
  if (!Array.isArray(text)) return '';
  let out = '';
  for (const part of text)
    out += typeof part === 'string' ? part : isObj(part) ? (str(part['text']) ?? '') : '';
  return out;
};

const entitiesOf = (msg: Obj): { hashtags: string[]; mentions: string[]; urls: string[] } | undefined => {
  let list = msg['text_entities'];
  if (!Array.isArray(list)) {
    if (!Array.isArray(msg['text'])) return undefined;
    list = (msg['text'] as unknown[]).filter(isObj);
  }
  const hashtags: string[] = [];
  const mentions: string[] = [];
  const urls: string[] = [];
  const add = (into: string[], v: string | undefined): void => {
    if (v && !into.includes(v)) into.push(v);
  };
  for (const e of list as unknown[]) {
    if (!isObj(e)) continue;
    const text = str(e['text']) ?? '';
    if (e['type'] === 'hashtag') add(hashtags, text.replace(/^[#＃]/, ''));
    else if (e['type'] === 'mention') add(mentions, text.replace(/^@/, ''));
    else if (e['type'] === 'link') add(urls, text);
    else if (e['type'] === 'text_link') add(urls, str(e['href']));
  }
  return { hashtags, mentions, urls };
};

const NOT_INCLUDED = /^\(File not included/;
const VIDEO_TYPES = new Set(['video_file', 'animation', 'video_message']);

const mediaOf = (msg: Obj, baseDir: string): Media[] | undefined => {
  const out: Media[] = [];
  const withPath = (kind: Media['kind'], file: string | undefined): Media =>
    file && !NOT_INCLUDED.test(file) ? { kind, path: path.join(baseDir, file) } : { kind };
  if (msg['photo'] !== undefined) out.push(withPath('image', str(msg['photo'])));
  const mediaType = str(msg['media_type']);
  if (mediaType && VIDEO_TYPES.has(mediaType)) out.push(withPath('video', str(msg['file'])));
  else if (
    !mediaType &&
    /\.(jpe?g|png|webp|gif)$/i.test(str(msg['file']) ?? '') &&
    str(msg['mime_type'])?.startsWith('image/')
  ) {
    out.push(withPath('image', str(msg['file'])));
  }
  return out.length > 0 ? out : undefined;
};

/** Per-input state: accounts seen so far and their last display name. */
export class TelegramState {
  private names = new Map<string, string>();

  constructor(
    readonly baseDir: string,
    private readonly cap = 1_000_000,
  ) {}

  /** Emits `account` on first sight of an id, `profile_update` when its display name changed. */
  see(id: string, name: string, at: string, out: CanonicalEvent[]): void {
    const known = this.names.get(id);
    if (known === name) return;
    if (known === undefined) {
      if (this.names.size >= this.cap) this.names = new Map();
      out.push(validateEvent({ type: 'account', platform: PLATFORM, id, handle: id, name, created_at: at }));
    } else {
      out.push(
        validateEvent({ type: 'profile_update', platform: PLATFORM, account_id: id, name, created_at: at }),
      );
    }
    this.names.set(id, name);
  }
}

const actorOf = (msg: Obj, chat: ChatMeta, idKey: string, nameKey: string): { id: string; name: string } => {
  const id = str(msg[idKey]);
  // Channel posts may lack from_id in older exports: they are the channel's own.
  const fallback = isChannel(chat) ? chatAccountId(chat) : undefined;
  const actor = id ?? fallback;
  if (!actor) throw new RecordError(idKey, 'required field is missing');
  return { id: actor, name: str(msg[nameKey]) ?? (actor === fallback ? (chat.name ?? '') : '') };
};

/** Maps one message of a chat to canonical events (possibly none, for skipped service messages). */
export const mapTelegramMessage = (msg: unknown, chat: ChatMeta, state: TelegramState): CanonicalEvent[] => {
  if (!isObj(msg)) throw new RecordError('', 'expected a message object');
  if (chat.id === undefined)
    throw new RecordError('id', 'the chat id is unknown (expected before "messages")');
  const out: CanonicalEvent[] = [];
  const at = timeOf(msg);
  const chatAccount = chatAccountId(chat);
  const seeChat = (): void => {
    if (chatAccount) state.see(chatAccount, chat.name ?? '', at, out);
  };

  if (msg['type'] === 'service') {
    const action = str(msg['action']);
    if ((action === 'join_group_by_link' || action === 'join_group_by_request') && chatAccount) {
      const actor = actorOf(msg, chat, 'actor_id', 'actor');
      const follow = validateEvent({
        type: 'follow',
        platform: PLATFORM,
        src: actor.id,
        dst: chatAccount,
        created_at: at,
      });
      seeChat();
      state.see(actor.id, actor.name, at, out);
      out.push(follow);
    } else seeChat();
    return out;
  }
  if (msg['type'] !== 'message')
    throw new RecordError('type', `unknown message type ${JSON.stringify(msg['type'])}`);
  const msgId = msg['id'];
  if (typeof msgId !== 'number' && typeof msgId !== 'string')
    throw new RecordError('id', 'required field is missing');
  const author = actorOf(msg, chat, 'from_id', 'from');

  const entities = entitiesOf(msg);
  const text = flattenText(msg['text']);
  const forwarded = str(msg['forwarded_from_id']) ?? str(msg['forwarded_from']);
  const mentions = entities?.mentions ?? (forwarded ? extractMentions(text) : []);
  if (forwarded && !mentions.includes(forwarded)) mentions.push(forwarded);
  const reply = msg['reply_to_message_id'];
  const post = validateEvent({
    type: 'post',
    platform: PLATFORM,
    id: `${chat.id}/${msgId}`,
    account_id: author.id,
    text,
    created_at: at,
    ...(entities ? { hashtags: entities.hashtags, urls: entities.urls } : {}),
    ...(entities || forwarded ? { mentions } : {}),
    ...(typeof reply === 'number' || typeof reply === 'string' ? { reply_to: `${chat.id}/${reply}` } : {}),
    media: mediaOf(msg, state.baseDir),
  });
  // Accounts are marked seen only once the message is known to be valid.
  seeChat();
  state.see(author.id, author.name, at, out);
  out.push(post);
  return out;
};
