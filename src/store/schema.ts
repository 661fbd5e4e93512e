// Kysely table types. Each domain may define its own tables next to its code and add them here.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CoreTables {}

export type Schema = CoreTables;
