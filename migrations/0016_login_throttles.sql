CREATE TABLE `login_throttles` (
	`tenant_id` text NOT NULL,
	`source` text NOT NULL,
	`failures` integer NOT NULL,
	`blocked_until` integer,
	`resets_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `source`)
);
--> statement-breakpoint
ALTER TABLE `staff_users` DROP COLUMN `failed_logins`;--> statement-breakpoint
ALTER TABLE `staff_users` DROP COLUMN `locked_until`;