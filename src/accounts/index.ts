export { createRiskDetector, type RiskOptions, type RiskState } from './risk-detector.js';
export {
  riskTerms,
  riskOf,
  riskEvidence,
  riskLabel,
  RISK_THRESHOLD,
  RISK_WEIGHTS,
  type RiskCounters,
} from './risk.js';
export {
  createEvasionDetector,
  isShoutoutText,
  type EvasionOptions,
  type EvasionState,
} from './evasion-detector.js';
export {
  scoreMatch,
  MATCH_WEIGHTS,
  EVASION_THRESHOLD,
  type MatchFeatures,
  type MatchScore,
} from './evasion-score.js';
export {
  SuspendedRegistry,
  accountKey,
  type RegistryEntry,
  type Candidate,
  type BehaviourFingerprint,
} from './registry.js';
export { Lineage, type LineageLink } from './lineage.js';
export {
  normalizeName,
  handleStem,
  parseNameStructure,
  charNgramHashes,
  dice,
  type NameStructure,
} from './names.js';
export { profileFingerprint, diceSorted, type ProfileFingerprint, type ProfileInput } from './fingerprint.js';
export { NameStats } from './name-stats.js';
export { pdqFromHex, pdqDistance } from './pdq.js';
export { addStyle, cosine, centredCosine, STYLE_DIMS } from './style.js';
export { runDetectors, LocalView, type HarnessOptions, type HarnessRun } from './harness.js';
