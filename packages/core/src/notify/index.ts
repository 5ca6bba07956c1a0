/* Notifications: staff preferences and quiet hours, and what staff are told, pure. */
export * from './preferences';
export * from './staff-event-messages';
export * from './staff-messages';
