// Hash banks in the database: named lists of known hashes (positive: known propaganda; negative:
// known-benign, to suppress false positives), with reviewers' verdicts on matches.
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { Database } from '../store/index.js';
import { signalValueProblem } from './signals.js';
import type {
  BankEntriesTable,
  BankKind,
  BanksTable,
  BankVerdictsTable,
  SignalType,
  VerdictKind,
} from './tables.js';

export type Bank = BanksTable;
export type BankEntry = BankEntriesTable;
export type BankVerdict = BankVerdictsTable;

export interface BankSummary extends Bank {
  entries: number;
}

export interface EntryInput {
  signal: SignalType;
  value: string;
  label?: string;
  source?: string;
  reason?: string;
  quality?: number | null;
  /** Kept as given (exports round-trip); defaults to now. */
  added_at?: string;
  added_by?: string;
}

export interface VerdictInput {
  signal: SignalType;
  value: string;
  verdict: VerdictKind;
  post_id?: string | null;
  by?: string;
  note?: string;
  /** Defaults to now. */
  at?: string;
}

/** What the matcher needs, read in one go. */
export interface BankSnapshot {
  banks: Bank[];
  entries: BankEntry[];
  /** The latest verdict per (bank, signal, value). */
  verdicts: BankVerdict[];
}

// Verdict ids sort in insertion order within a process, so same-millisecond verdicts keep their order.
let verdictSeq = 0;
const verdictId = (at: string): string =>
  `${at}|${String(verdictSeq++ % 1e9).padStart(9, '0')}|${randomUUID().slice(0, 8)}`;

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
// Rows per INSERT: 10 columns × 500 stays far below SQLite's and PostgreSQL's parameter limits.
const INSERT_CHUNK = 500;

export const bankNameProblem = (name: string): string | null =>
  NAME_RE.test(name)
    ? null
    : 'a bank name is 1-64 letters, digits, "_", "." or "-", starting with a letter or digit';

export class BankService {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get db() {
    return this.database.db;
  }

  async createBank(name: string, opts: { kind?: BankKind; description?: string } = {}): Promise<Bank> {
    const problem = bankNameProblem(name);
    if (problem) throw new ValidationError(`bank name "${name}": ${problem}`, { field: 'name' });
    const bank: Bank = {
      name,
      kind: opts.kind ?? 'positive',
      description: opts.description ?? '',
      created_at: this.now().toISOString(),
    };
    const existing = await this.db
      .selectFrom('banks')
      .select('name')
      .where('name', '=', name)
      .executeTakeFirst();
    if (existing) throw new ConflictError(`bank "${name}" already exists`, { field: 'name' });
    await this.db.insertInto('banks').values(bank).execute();
    return bank;
  }

  async getBank(name: string): Promise<Bank> {
    const bank = await this.db.selectFrom('banks').selectAll().where('name', '=', name).executeTakeFirst();
    if (!bank)
      throw new NotFoundError(`no bank named "${name}" (see \`marsad bank list\`)`, { field: 'bank' });
    return bank;
  }

  async listBanks(): Promise<BankSummary[]> {
    const rows = await this.db
      .selectFrom('banks')
      .leftJoin('bank_entries', 'bank_entries.bank', 'banks.name')
      .select(['banks.name', 'banks.kind', 'banks.description', 'banks.created_at'])
      .select((eb) => eb.fn.count<number>('bank_entries.value').as('entries'))
      .groupBy(['banks.name', 'banks.kind', 'banks.description', 'banks.created_at'])
      .orderBy('banks.name')
      .execute();
    return rows.map((r) => ({ ...r, entries: Number(r.entries) }));
  }

  async deleteBank(name: string): Promise<void> {
    await this.getBank(name);
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('bank_verdicts').where('bank', '=', name).execute();
      await tx.deleteFrom('bank_entries').where('bank', '=', name).execute();
      await tx.deleteFrom('banks').where('name', '=', name).execute();
    });
  }

  /**
   * Adds entries (already validated by the caller, checked again here); an entry whose
   * (signal, value) is already in the bank is left as it is and counted as a duplicate.
   */
  async addEntries(bankName: string, entries: EntryInput[]): Promise<{ added: number; duplicates: number }> {
    await this.getBank(bankName);
    const now = this.now().toISOString();
    const rows: BankEntry[] = entries.map((e, i) => {
      const problem = signalValueProblem(e.signal, e.value);
      if (problem) throw new ValidationError(`entry ${i + 1}: value: ${problem}`, { field: 'value' });
      return {
        bank: bankName,
        signal: e.signal,
        value: e.value.toLowerCase(),
        label: e.label ?? '',
        source: e.source ?? '',
        reason: e.reason ?? '',
        quality: e.quality ?? null,
        added_at: e.added_at ?? now,
        added_by: e.added_by ?? '',
      };
    });
    let added = 0;
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const result = await tx
          .insertInto('bank_entries')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .onConflict((oc) => oc.columns(['bank', 'signal', 'value']).doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
    });
    return { added, duplicates: rows.length - added };
  }

  /** Removes the entries with this value (of any signal, or of `signal`); returns how many. */
  async removeEntry(bankName: string, value: string, signal?: SignalType): Promise<number> {
    await this.getBank(bankName);
    let q = this.db
      .deleteFrom('bank_entries')
      .where('bank', '=', bankName)
      .where('value', '=', value.toLowerCase());
    if (signal) q = q.where('signal', '=', signal);
    const result = await q.executeTakeFirst();
    const removed = Number(result.numDeletedRows);
    if (removed === 0) throw new NotFoundError(`bank "${bankName}" has no entry ${value}`, { field: 'hash' });
    return removed;
  }

  /** Entries of a bank in (signal, value) order, read in pages so large banks stream. */
  async *entries(bankName: string, pageSize = 5000): AsyncGenerator<BankEntry> {
    await this.getBank(bankName);
    let after: { signal: string; value: string } | undefined;
    for (;;) {
      let q = this.db.selectFrom('bank_entries').selectAll().where('bank', '=', bankName);
      if (after) {
        const a = after;
        q = q.where((eb) =>
          eb.or([
            eb('signal', '>', a.signal as SignalType),
            eb.and([eb('signal', '=', a.signal as SignalType), eb('value', '>', a.value)]),
          ]),
        );
      }
      const page = await q.orderBy('signal').orderBy('value').limit(pageSize).execute();
      for (const row of page) yield row;
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      after = { signal: last.signal, value: last.value };
    }
  }

  /** Every entry of every bank, in (bank, signal, value) order, read in pages. */
  async *allEntries(pageSize = 10_000): AsyncGenerator<BankEntry> {
    let after: { bank: string; signal: SignalType; value: string } | undefined;
    for (;;) {
      let q = this.db.selectFrom('bank_entries').selectAll();
      if (after) {
        const a = after;
        q = q.where((eb) =>
          eb.or([
            eb('bank', '>', a.bank),
            eb.and([eb('bank', '=', a.bank), eb('signal', '>', a.signal)]),
            eb.and([eb('bank', '=', a.bank), eb('signal', '=', a.signal), eb('value', '>', a.value)]),
          ]),
        );
      }
      const page = await q.orderBy('bank').orderBy('signal').orderBy('value').limit(pageSize).execute();
      for (const row of page) yield row;
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      after = { bank: last.bank, signal: last.signal, value: last.value };
    }
  }

  /** The banks and the latest verdict per (bank, signal, value). */
  async banksAndVerdicts(): Promise<Omit<BankSnapshot, 'entries'>> {
    const banks = await this.db.selectFrom('banks').selectAll().orderBy('name').execute();
    const all = await this.db.selectFrom('bank_verdicts').selectAll().orderBy('at').orderBy('id').execute();
    const latest = new Map<string, BankVerdict>();
    for (const v of all) latest.set(`${v.bank}\u0000${v.signal}\u0000${v.value}`, v);
    return { banks, verdicts: [...latest.values()] };
  }

  /**
   * Records a reviewer's verdict on a match of this (bank, signal, value); the value may be the
   * bank entry's hash or the matched content's hash. The latest verdict counts: `reject` stops the
   * match from recurring, a later `confirm` restores it.
   */
  async addVerdict(bankName: string, input: VerdictInput): Promise<BankVerdict> {
    await this.getBank(bankName);
    const problem = signalValueProblem(input.signal, input.value);
    if (problem) throw new ValidationError(`hash: ${problem}`, { field: 'hash' });
    const at = input.at ?? this.now().toISOString();
    const row: BankVerdict = {
      id: verdictId(at),
      bank: bankName,
      signal: input.signal,
      value: input.value.toLowerCase(),
      post_id: input.post_id ?? null,
      verdict: input.verdict,
      by: input.by ?? '',
      at,
      note: input.note ?? '',
    };
    await this.db.insertInto('bank_verdicts').values(row).execute();
    return row;
  }

  async verdicts(bankName: string): Promise<BankVerdict[]> {
    return this.db
      .selectFrom('bank_verdicts')
      .selectAll()
      .where('bank', '=', bankName)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  /** Banks, all entries and the latest verdicts in memory (small banks and tests; the matcher streams). */
  async snapshot(): Promise<BankSnapshot> {
    const entries: BankEntry[] = [];
    for await (const e of this.allEntries()) entries.push(e);
    return { ...(await this.banksAndVerdicts()), entries };
  }
}
