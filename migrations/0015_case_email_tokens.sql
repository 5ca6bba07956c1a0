CREATE TABLE `case_email_tokens` (
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`token_sealed` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `case_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_email_tokens_tenant_hash_uq` ON `case_email_tokens` (`tenant_id`,`token_hash`);--> statement-breakpoint
ALTER TABLE `case_email_messages` ADD `address` text;