CREATE TABLE `case_email_messages` (
	`tenant_id` text NOT NULL,
	`message_id` text NOT NULL,
	`case_id` text NOT NULL,
	`direction` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `message_id`)
);
--> statement-breakpoint
CREATE INDEX `case_email_messages_tenant_case_idx` ON `case_email_messages` (`tenant_id`,`case_id`);--> statement-breakpoint
CREATE TABLE `project_channel_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`project_id` text NOT NULL,
	`key_hash` text NOT NULL,
	`display_prefix` text NOT NULL,
	`created_by` text,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `project_channel_keys_tenant_hash_uq` ON `project_channel_keys` (`tenant_id`,`key_hash`);--> statement-breakpoint
CREATE INDEX `project_channel_keys_tenant_project_idx` ON `project_channel_keys` (`tenant_id`,`project_id`,`id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `overdue_since` integer;--> statement-breakpoint
CREATE INDEX `cases_tenant_id_idx` ON `cases` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_kind_idx` ON `cases` (`tenant_id`,`kind`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_urgency_idx` ON `cases` (`tenant_id`,`urgency`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_category_idx` ON `cases` (`tenant_id`,`category`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_channel_idx` ON `cases` (`tenant_id`,`channel`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_department_idx` ON `cases` (`tenant_id`,`department_id`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_received_idx` ON `cases` (`tenant_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_tenant_overdue_idx` ON `cases` (`tenant_id`,`overdue_since`);