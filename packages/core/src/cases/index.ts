/**
 * Cases (工单): the pure rules of intake, the per-kind state machine, repair, complaint and
 * follow-up rules. No I/O: the edge loads a snapshot, calls these, and writes the changes,
 * timeline and events in one batch.
 */
export * from './actions';
export * from './actor';
export * from './archive-number';
export * from './complaint';
export * from './email-threading';
export * from './followup';
export * from './intake';
export * from './model';
export * from './owner-labels';
export * from './parties';
export * from './report';
export * from './report-labels';
export * from './rework';
export * from './settings';
export * from './state-machine';
export type { Capability, Target, TransitionRule } from './transitions';
export * from './vocabulary';
