/* The events area's use cases: what an edge may call. */
export { channelSendsFor, processEvent, staffInboxFor } from './reactions';
