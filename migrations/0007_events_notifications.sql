CREATE TABLE `digests` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`report_date` text NOT NULL,
	`complaint_count` integer NOT NULL,
	`items` text NOT NULL,
	`published_at` integer NOT NULL,
	`read_check_due_at` integer NOT NULL,
	`read_checked_at` integer,
	`unread_user_ids` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digests_tenant_branch_date_uq` ON `digests` (`tenant_id`,`branch_id`,`report_date`);--> statement-breakpoint
CREATE INDEX `digests_check_due_idx` ON `digests` (`read_checked_at`,`read_check_due_at`);--> statement-breakpoint
CREATE TABLE `inbox_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`source_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`digest_id` text,
	`created_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_messages_user_source_uq` ON `inbox_messages` (`tenant_id`,`user_id`,`source_id`);--> statement-breakpoint
CREATE INDEX `inbox_messages_tenant_user_idx` ON `inbox_messages` (`tenant_id`,`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `inbox_messages_tenant_digest_idx` ON `inbox_messages` (`tenant_id`,`digest_id`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`created_by` text
);
--> statement-breakpoint
CREATE INDEX `notices_tenant_idx` ON `notices` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `notices_tenant_project_idx` ON `notices` (`tenant_id`,`project_id`,`published_at`);--> statement-breakpoint
CREATE TABLE `notification_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`kind` text NOT NULL,
	`endpoint_url` text NOT NULL,
	`credentials_enc` text NOT NULL,
	`sender` text DEFAULT '{}' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_channels_tenant_kind_uq` ON `notification_channels` (`tenant_id`,`kind`);--> statement-breakpoint
CREATE TABLE `notification_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`source_id` text NOT NULL,
	`kind` text NOT NULL,
	`template` text NOT NULL,
	`recipient_type` text NOT NULL,
	`recipient_id` text NOT NULL,
	`address` text,
	`status` text NOT NULL,
	`reason` text,
	`status_code` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_deliveries_uq` ON `notification_deliveries` (`tenant_id`,`source_id`,`kind`,`recipient_id`);--> statement-breakpoint
CREATE INDEX `notification_deliveries_tenant_idx` ON `notification_deliveries` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`digest_time` text DEFAULT '08:30' NOT NULL,
	`digest_enabled` integer DEFAULT true NOT NULL,
	`webhook_disable_after_minutes` integer DEFAULT 1440 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`payload` text NOT NULL,
	`branch_id` text,
	`project_id` text,
	`occurred_at` integer NOT NULL,
	`published_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_events_tenant_id_idx` ON `outbox_events` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_events_unpublished_idx` ON `outbox_events` (`published_at`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`delivery_id` text NOT NULL,
	`subscription_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`at` integer NOT NULL,
	`ok` integer NOT NULL,
	`status_code` integer,
	`latency_ms` integer NOT NULL,
	`response_excerpt` text,
	`error` text,
	`trigger` text DEFAULT 'queue' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_tenant_delivery_idx` ON `webhook_attempts` (`tenant_id`,`delivery_id`,`id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`subscription_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`last_attempt_at` integer,
	`succeeded_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_sub_event_uq` ON `webhook_deliveries` (`subscription_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_tenant_sub_idx` ON `webhook_deliveries` (`tenant_id`,`subscription_id`,`id`);--> statement-breakpoint
CREATE TABLE `webhook_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`url` text NOT NULL,
	`event_types` text NOT NULL,
	`branch_id` text,
	`project_id` text,
	`description` text,
	`enabled` integer DEFAULT true NOT NULL,
	`secret_enc` text NOT NULL,
	`previous_secret_enc` text,
	`previous_secret_expires_at` integer,
	`failing_since` integer,
	`disabled_at` integer,
	`disabled_reason` text,
	`created_by` text
);
--> statement-breakpoint
CREATE INDEX `webhook_subscriptions_tenant_idx` ON `webhook_subscriptions` (`tenant_id`,`id`);