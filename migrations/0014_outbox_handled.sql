ALTER TABLE `outbox_events` ADD `handled_at` integer;--> statement-breakpoint
ALTER TABLE `outbox_events` ADD `retry_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_events_tenant_unhandled_idx` ON `outbox_events` (`tenant_id`,`id`) WHERE handled_at is null and dead_at is null;--> statement-breakpoint
CREATE INDEX `outbox_events_sent_unhandled_idx` ON `outbox_events` (`last_sent_at`) WHERE published_at is not null and handled_at is null and dead_at is null;--> statement-breakpoint
-- Rows sent before handled_at existed were read as done: keep them so (the sweep would otherwise
-- send every past event again). Those the consumer was still retrying (last_error) stay unhandled.
UPDATE `outbox_events` SET `handled_at` = `published_at` WHERE `published_at` IS NOT NULL AND `dead_at` IS NULL AND `last_error` IS NULL;
