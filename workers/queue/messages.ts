/** A webhook delivery to attempt (the row holds the rest). */
export interface DeliveryMessage {
  tenantId: string;
  deliveryId: string;
  trigger?: 'queue' | 'replay';
}

export const queueNames = {
  events: 'guanjia-events',
  eventsDlq: 'guanjia-events-dlq',
  deliveries: 'guanjia-deliveries',
  deliveriesDlq: 'guanjia-deliveries-dlq',
} as const;
