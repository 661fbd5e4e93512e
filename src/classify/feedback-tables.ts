// The model registry (src/classify/feedback-models.ts): trained model files and their promotions.

export interface ModelsTable {
  /** The first 16 hex digits of the file's SHA-256: registering the same file twice is one row. */
  id: string;
  /** Absolute path of the model file on the server machine. */
  path: string;
  sha256: string;
  created_at: string;
  /** Latest promotion; the active model is the one promoted last. Null: never promoted. */
  promoted_at: string | null;
  promoted_by: string | null;
  /** JSON: labels, thresholds and dev metrics from the model header. */
  metrics: string;
}

export interface ModelTables {
  models: ModelsTable;
}
