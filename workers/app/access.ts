/**
 * What an edge needs to authorise before it calls a use case: the caller's reach for a
 * permission (403 without any). Reach is read from the scope's grants; no query.
 */
/** Whether a place (branch, project) lies in a reach the edge was given. */
export { inReach, requireReach } from '../data/reach';
