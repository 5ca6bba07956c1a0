CREATE TABLE `report_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`project_id` text NOT NULL,
	`phone_key` text NOT NULL,
	`address_key` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`used_at` integer,
	`case_id` text
);
--> statement-breakpoint
CREATE INDEX `report_codes_tenant_phone_idx` ON `report_codes` (`tenant_id`,`phone_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `report_codes_tenant_address_idx` ON `report_codes` (`tenant_id`,`address_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `report_codes_tenant_project_idx` ON `report_codes` (`tenant_id`,`project_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `cases` ADD `chase_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `last_chased_at` integer;