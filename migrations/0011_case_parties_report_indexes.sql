CREATE TABLE `case_parties` (
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`party_type` text NOT NULL,
	`party_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	`linked_by_type` text NOT NULL,
	`linked_by_id` text,
	PRIMARY KEY(`tenant_id`, `case_id`, `party_type`, `party_id`)
);
--> statement-breakpoint
CREATE INDEX `case_parties_tenant_party_idx` ON `case_parties` (`tenant_id`,`party_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_kind_completed_idx` ON `cases` (`tenant_id`,`kind`,`completed_at`);--> statement-breakpoint
CREATE INDEX `cases_tenant_kind_followup_due_idx` ON `cases` (`tenant_id`,`kind`,`followup_due_at`);--> statement-breakpoint
CREATE INDEX `cases_tenant_owner_idx` ON `cases` (`tenant_id`,`owner_id`,`id`);