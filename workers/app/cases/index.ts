/** The cases use cases an edge may call (HTTP handlers, public intake, email, the SLA clock). */
export { type ForfeitResult, forfeitContractorJob } from './forfeit';
