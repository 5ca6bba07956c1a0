ALTER TABLE `case_milestones` ADD `ended_at` integer;--> statement-breakpoint
ALTER TABLE `case_milestones` ADD `end_reason` text;--> statement-breakpoint
ALTER TABLE `case_milestones` ADD `policy_name` text;--> statement-breakpoint
ALTER TABLE `case_milestones` ADD `policy_version` integer;