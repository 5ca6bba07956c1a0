/* The inbox area's use cases (the staff inbox, provider channels, digest read rates): what an edge may call. */
export {
  createChannel,
  deleteChannel,
  listChannels,
  listNotifications,
  testChannel,
  updateChannel,
} from './channels';
export { digestReadRate } from './digests';
export { type InboxMessage, listMyInbox, readInboxMessage } from './messages';
