CREATE TABLE `star_cycles` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`branch_id` text NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_by` text,
	`opened_at` integer NOT NULL,
	`announced_by` text,
	`announced_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `star_cycles_tenant_branch_quarter_uq` ON `star_cycles` (`tenant_id`,`branch_id`,`year`,`quarter`);--> statement-breakpoint
CREATE INDEX `star_cycles_tenant_id_idx` ON `star_cycles` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `star_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`nomination_id` text NOT NULL,
	`step_index` integer NOT NULL,
	`step` text NOT NULL,
	`decision` text NOT NULL,
	`comment` text,
	`decided_by` text NOT NULL,
	`decided_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `star_decisions_tenant_nomination_step_uq` ON `star_decisions` (`tenant_id`,`nomination_id`,`step_index`);--> statement-breakpoint
CREATE TABLE `star_nominations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`cycle_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`nominee_id` text NOT NULL,
	`nominee_role` text NOT NULL,
	`reasons` text NOT NULL,
	`deeds` text DEFAULT '[]' NOT NULL,
	`evidence` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`current_step` integer DEFAULT 0 NOT NULL,
	`chain` text,
	`nominated_by` text,
	`submitted_by` text,
	`submitted_at` integer,
	`submission_month` text,
	`late` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `star_nominations_tenant_cycle_idx` ON `star_nominations` (`tenant_id`,`cycle_id`,`id`);--> statement-breakpoint
CREATE INDEX `star_nominations_tenant_branch_idx` ON `star_nominations` (`tenant_id`,`branch_id`,`id`);--> statement-breakpoint
CREATE INDEX `star_nominations_tenant_nominee_idx` ON `star_nominations` (`tenant_id`,`nominee_id`);--> statement-breakpoint
CREATE TABLE `star_winners` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`cycle_id` text NOT NULL,
	`nomination_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`nominee_id` text NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`reward_fen` integer,
	`reward_description` text,
	`announced_by` text,
	`announced_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `star_winners_tenant_nomination_uq` ON `star_winners` (`tenant_id`,`nomination_id`);--> statement-breakpoint
CREATE INDEX `star_winners_tenant_branch_quarter_idx` ON `star_winners` (`tenant_id`,`branch_id`,`year`,`quarter`);--> statement-breakpoint
CREATE TABLE `audit_evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`audit_id` text NOT NULL,
	`item_id` text,
	`object_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`uploaded_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_evidence_tenant_audit_idx` ON `audit_evidence` (`tenant_id`,`audit_id`,`id`);--> statement-breakpoint
CREATE TABLE `audit_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`template_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`channel` text NOT NULL,
	`due_on` text NOT NULL,
	`auditor_id` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`created_by` text
);
--> statement-breakpoint
CREATE INDEX `audit_plans_tenant_project_idx` ON `audit_plans` (`tenant_id`,`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_plans_tenant_auditor_idx` ON `audit_plans` (`tenant_id`,`auditor_id`,`id`);--> statement-breakpoint
CREATE TABLE `audit_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`sections` text NOT NULL,
	`threshold` real,
	`default_key` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_templates_tenant_channel_idx` ON `audit_templates` (`tenant_id`,`channel`,`id`);--> statement-breakpoint
CREATE TABLE `audits` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`plan_id` text NOT NULL,
	`template_id` text NOT NULL,
	`template_version` integer NOT NULL,
	`template` text NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`channel` text NOT NULL,
	`auditor_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`visited_at` integer,
	`answers` text DEFAULT '[]' NOT NULL,
	`score` real,
	`passed` integer,
	`threshold` real,
	`result` text,
	`submitted_at` integer,
	`published_at` integer,
	`published_by` text
);
--> statement-breakpoint
CREATE INDEX `audits_tenant_project_idx` ON `audits` (`tenant_id`,`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `audits_tenant_branch_idx` ON `audits` (`tenant_id`,`branch_id`,`id`);--> statement-breakpoint
CREATE INDEX `audits_tenant_auditor_idx` ON `audits` (`tenant_id`,`auditor_id`,`id`);--> statement-breakpoint
CREATE INDEX `audits_tenant_status_visited_idx` ON `audits` (`tenant_id`,`status`,`visited_at`);--> statement-breakpoint
CREATE TABLE `corrective_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`audit_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`item_id` text,
	`description` text NOT NULL,
	`owner_id` text NOT NULL,
	`deadline` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolution` text,
	`done_at` integer,
	`verified_by` text,
	`verified_at` integer
);
--> statement-breakpoint
CREATE INDEX `corrective_actions_tenant_project_idx` ON `corrective_actions` (`tenant_id`,`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `corrective_actions_tenant_status_deadline_idx` ON `corrective_actions` (`tenant_id`,`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `corrective_actions_tenant_audit_idx` ON `corrective_actions` (`tenant_id`,`audit_id`);