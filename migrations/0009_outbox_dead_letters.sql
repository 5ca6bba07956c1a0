ALTER TABLE `outbox_events` ADD `last_error` text;--> statement-breakpoint
ALTER TABLE `outbox_events` ADD `dead_at` integer;--> statement-breakpoint
ALTER TABLE `outbox_events` ADD `dead_reason` text;