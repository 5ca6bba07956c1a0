ALTER TABLE `owner_interviews` ADD `branch_id` text;--> statement-breakpoint
ALTER TABLE `owner_interviews` ADD `project_id` text;--> statement-breakpoint
CREATE INDEX `owner_interviews_tenant_project_date_idx` ON `owner_interviews` (`tenant_id`,`project_id`,`interviewed_on`);--> statement-breakpoint
ALTER TABLE `supervisor_rotations` ADD `breached_at` integer;