CREATE TABLE `staff_notification_preferences` (
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`channels` text NOT NULL,
	`quiet_start` text,
	`quiet_end` text,
	`quiet_on_days_off` integer DEFAULT false NOT NULL,
	`wechat_open_id` text,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`tenant_id`, `user_id`)
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `low_rating_reason` text;--> statement-breakpoint
ALTER TABLE `departments` ADD `head_ids` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `owners` ADD `language` text;