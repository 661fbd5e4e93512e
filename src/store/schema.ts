// Kysely table types. Each domain may define its own tables next to its code and add them here.
import type { CoreTables } from './core-tables.js';
import type { PipelineTables } from '../pipeline/tables.js';
import type { MatchTables } from '../match/tables.js';
import type { ReviewTables } from '../review/tables.js';
import type { DistTables } from '../dist/tables.js';
import type { ModelTables } from '../classify/feedback-tables.js';

export type Schema = CoreTables & PipelineTables & MatchTables & ReviewTables & DistTables & ModelTables;
