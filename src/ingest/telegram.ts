import path from 'node:path';
import { Batcher } from './batch.js';
import { describeError } from './describe-error.js';
import { isJsonBreak, streamJsonRecords, type JsonPath } from './json-document.js';
import { mapTelegramMessage, TelegramState, type ChatMeta } from './telegram-map.js';
import type { Connector, ConnectorInput, IngestItem, SourceLocation } from './types.js';

const META = new Set(['name', 'type', 'id']);
const CHAT_LISTS = new Set(['chats', 'left_chats']);

/**
 * Where a path is in either layout: a single chat (`{name, type, id, messages: [...]}`) or the
 * full-account export (`{chats: {list: [chat, ...]}, left_chats: {list: [...]}}`). Returns the
 * chat key and what the value is, or undefined for everything else (contacts, sessions, ...).
 */
const locate = (p: JsonPath): { chat: string; kind: 'meta' | 'message'; key: string } | undefined => {
  if (p.length === 1 && META.has(String(p[0]))) return { chat: '', kind: 'meta', key: String(p[0]) };
  if (p.length === 2 && p[0] === 'messages') return { chat: '', kind: 'message', key: '' };
  if (p.length >= 4 && CHAT_LISTS.has(String(p[0])) && p[1] === 'list') {
    const chat = `${String(p[0])}.${String(p[2])}`;
    if (p.length === 4 && META.has(String(p[3]))) return { chat, kind: 'meta', key: String(p[3]) };
    if (p.length === 5 && p[3] === 'messages') return { chat, kind: 'message', key: '' };
  }
  return undefined;
};

export const telegramConnector: Connector = {
  format: 'telegram',
  description: 'Telegram Desktop "Export chat history" JSON (result.json: one chat, or the whole account)',
  resumable: false,

  sniff(head: string, name: string): number {
    if (!head.trimStart().startsWith('{')) return 0;
    const byName = path.basename(name) === 'result.json' ? 0.2 : 0;
    if (/"messages"\s*:\s*\[/.test(head) && /"date_unixtime"|"from_id"|"text_entities"/.test(head))
      return 0.75 + byName;
    if (/"chats"\s*:\s*\{/.test(head) && /"list"\s*:/.test(head)) return 0.7 + byName;
    if (/"type"\s*:\s*"(public|private)_(channel|supergroup|group)"/.test(head)) return 0.6 + byName;
    return byName > 0 && /"messages"/.test(head) ? 0.5 : 0;
  },

  async *read(input: ConnectorInput): AsyncIterable<IngestItem[]> {
    // Media paths in the export are relative to the folder of result.json.
    const baseDir = input.name === '-' ? '' : path.dirname(path.resolve(input.name));
    const state = new TelegramState(baseDir);
    const batch = new Batcher();
    let chatKey: string | undefined;
    let chat: ChatMeta = {};
    let index = 0;
    const select = (p: JsonPath): boolean => locate(p) !== undefined;
    for await (const records of streamJsonRecords(input.stream, select)) {
      for (const r of records) {
        if (isJsonBreak(r)) {
          const loc: SourceLocation = { file: input.name, line: index + 1, offset: 0 };
          const reason = `invalid JSON after message ${index} (near character ${r.position}): ${r.error}`;
          batch.push({ ok: false, loc, field: '', reason, raw: '' });
          continue;
        }
        const where = locate(r.path);
        if (!where) continue;
        if (where.chat !== chatKey) {
          chatKey = where.chat;
          chat = {};
        }
        if (where.kind === 'meta') {
          if (r.value !== null && r.value !== undefined) chat[where.key as keyof ChatMeta] = String(r.value);
          continue;
        }
        // No line numbers inside a JSON document: `line` is the 1-based index of the message in the file.
        index += 1;
        // ...and `offset` the start of the read chunk in which the message ends (for progress).
        const loc: SourceLocation = { file: input.name, line: index, offset: r.near };
        try {
          for (const event of mapTelegramMessage(r.value, chat, state)) batch.push({ ok: true, event, loc });
        } catch (err) {
          const { field, reason } = describeError(err);
          const id =
            typeof r.value === 'object' && r.value !== null ? (r.value as { id?: unknown }).id : undefined;
          const what = id !== undefined ? `message ${String(id)}` : `message #${index}`;
          batch.push({ ok: false, loc, field, reason: `${what}: ${reason}`, raw: JSON.stringify(r.value) });
        }
      }
      if (batch.full) yield batch.take();
    }
    const rest = batch.take();
    if (rest.length > 0) yield rest;
  },
};
