/* The events area's use cases: what an edge may call. */
export { eventsHealth, listEvents, replayEvent } from './outbox';
export { channelSendsFor, processEvent, staffInboxFor } from './reactions';
