export { openDatabase, type Database, type Db, type DbTx, type Dialect } from './database.js';
export type { Schema } from './schema.js';
