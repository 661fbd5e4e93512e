// Text domain: Arabic-aware normalisation, tokenisation, name fingerprints and language identification.
// Rules, order and decisions: docs/text-normalisation.md.

export { normalizeText, type NormalizeOptions } from './normalize.js';
export { foldCharacters } from './fold.js';
export { tokenizeWords } from './tokenize.js';
export { normalizeName } from './name.js';
export {
  identifyLanguage,
  createLanguageIdentifier,
  type LanguageGuess,
  type LanguageIdentifierOptions,
  type EldSize,
} from './langid.js';
export {
  stripDiacritics,
  removeTatweel,
  removeInvisible,
  unifyAlefHamza,
  foldAlefMaqsura,
  foldTaMarbuta,
  foldPersianLetters,
  foldPresentationForms,
  foldDigits,
  foldHomoglyphs,
  collapseElongation,
  splitHashtag,
  replaceTypedTokens,
  rejoinSpacedLetters,
} from './rules.js';
