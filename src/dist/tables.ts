// Tables of the distributed mode (docs/distributed.md).

/**
 * The ordered (stateful) stage's progress and its state snapshot, one row per stage name.
 * `processed_seq`: the ingest stream sequence up to which every effect is committed.
 * `snapshot_seq`: the sequence the stored `state` covers; on restart the stage restores it and
 * replays the enriched stream from `resume_seq` (an enriched-stream sequence), skipping events
 * at or below `snapshot_seq`.
 */
export interface DistStateTable {
  name: string;
  processed_seq: number;
  snapshot_seq: number;
  resume_seq: number;
  /** v8-serialised detector state (src/dist/state-snapshot.ts), or null before the first snapshot. */
  state: Buffer | null;
  updated_at: string;
}

export interface DistTables {
  dist_state: DistStateTable;
}
