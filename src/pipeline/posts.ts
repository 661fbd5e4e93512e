import type { Detector, Emit, PipelineEvent, PostDecisionRecord } from './types.js';

/**
 * The text model's verdict on each post with text, as a `post` decision stamped with the post's
 * stream time. Stateless: the classification was computed (in worker threads) before this runs.
 */
export const createPostDecisionDetector = (): Detector<null> => ({
  name: 'posts',
  createState: () => null,
  onEvent(_state: null, ev: PipelineEvent, _view, emit: Emit) {
    const c = ev.classification;
    if (ev.event.type !== 'post' || !c) return;
    const record: PostDecisionRecord = {
      id: ev.event.id,
      platform: ev.event.platform,
      account_id: ev.event.account_id,
      label: c.label,
      scores: c.scores,
      flagged: c.flagged,
      decided_at: new Date(ev.time).toISOString(),
    };
    if (c.flagged && c.evidence && c.evidence.length > 0) record.evidence = c.evidence;
    if (c.review) record.review = true;
    emit({ kind: 'post', record });
  },
});
