import type { Db } from './database.js';

/**
 * Posts (`p`) with the pipeline's decision on each (`d`, null columns when there is none yet): the
 * join behind the post lists of the observatory, the moderation API and the batch coordination run.
 * Callers add their own select, filters and order.
 */
export const postsWithDecisions = (db: Db) =>
  db
    .selectFrom('posts as p')
    .leftJoin('decisions_posts as d', (j) =>
      j.onRef('d.platform', '=', 'p.platform').onRef('d.post_id', '=', 'p.id'),
    );
