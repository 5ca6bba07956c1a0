/* The webhooks area's use cases: what an edge may call. */
export {
  listWebhookDeliveries,
  pingWebhook,
  replayDeliveries,
  replayDelivery,
} from './deliveries';
export {
  createWebhook,
  deleteWebhook,
  getWebhook,
  getWebhookSettings,
  listWebhooks,
  putWebhookSettings,
  rotateWebhookSecret,
  updateWebhook,
} from './subscriptions';
