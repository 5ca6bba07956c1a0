/** Service Star (服务之星): the use cases every edge calls. */

export type { StarCycleRow, StarWinnerRow } from '../../data/star-cycles';
export type { StarDecisionRow, StarNominationRow } from '../../data/star-nominations';
export { announceStarWinners } from './announce';
export { pendingStepName } from './chain';
export { type CycleView, getCycle, listCycles, openCycle, openQuarterCycles } from './cycles';
export { nominationEvidence } from './evidence';
export { leaderboard } from './leaderboard';
export {
  getNomination,
  listNominations,
  type NominationView,
  nominate,
  updateNomination,
} from './nominations';
export { anyStarReach, starReach } from './reach';
export { decideNomination, submitNomination } from './review';
