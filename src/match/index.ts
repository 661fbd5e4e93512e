// Known-content matching: PDQ image hashes, text near-duplicate hashes, hash banks and matching.
export { BankService, bankNameProblem } from './bank-service.js';
export type {
  Bank,
  BankEntry,
  BankSnapshot,
  BankSummary,
  BankVerdict,
  EntryInput,
  VerdictInput,
} from './bank-service.js';
export { importBankFile, importBankStream } from './bank-import.js';
export type { ImportReport, RejectedLine } from './bank-import.js';
export { EXCHANGE_FORMATS, BankFileParser, exportHeader, exportLine, formatFromPath } from './exchange.js';
export type { ExchangeFormat, ExportRow, ParsedLine } from './exchange.js';
export { BankMatcher } from './matcher.js';
export type { MatcherOptions } from './matcher.js';
export { DEFAULT_MAX_PIXELS, ImageDecodeError, decodeForPdq, pdqFromRaw, pdqHashImage } from './pdq.js';
export type { PdqOptions, PdqResult, RawImage } from './pdq.js';
export { DIHEDRALS } from './pdq-core.js';
export type { Dihedral } from './pdq-core.js';
export { PDQ_HEX_LENGTH, ZERO_PDQ, parsePdqHex, pdqDistance, pdqHexProblem } from './pdq-hex.js';
export { DEFAULT_PDQ_RADIUS, PdqIndex, PdqIndexBuilder, defaultChunks } from './pdq-index.js';
export type { PdqHit, PdqIndexOptions } from './pdq-index.js';
export { HMA_NAME, SIGNAL_TYPES, guessSignal, parseSignalType, signalValueProblem } from './signals.js';
export type { BankKind, MatchTables, SignalType, VerdictKind } from './tables.js';
export {
  DEFAULT_TEXT_MAX_DISTANCE,
  MINHASH_SLOTS,
  TEXT_HASH_HEX_LENGTH,
  hexToSignature,
  minhashSignature,
  signatureDistance,
  textHash,
  textHashDistance,
} from './text-hash.js';
export { TextLshIndex } from './text-index.js';
