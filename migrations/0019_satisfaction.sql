CREATE TABLE `complaint_summaries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`month` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`figures` text NOT NULL,
	`due_on` text NOT NULL,
	`cause_analysis` text,
	`measures` text,
	`submitted_by` text,
	`submitted_at` integer,
	`read_by` text,
	`read_at` integer,
	`reviewed_by` text,
	`reviewed_at` integer,
	`review_comment` text,
	`major_problem` integer DEFAULT false NOT NULL,
	`warned_at` integer,
	`escalated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaint_summaries_tenant_project_month_uq` ON `complaint_summaries` (`tenant_id`,`project_id`,`month`);--> statement-breakpoint
CREATE INDEX `complaint_summaries_tenant_branch_month_idx` ON `complaint_summaries` (`tenant_id`,`branch_id`,`month`);--> statement-breakpoint
CREATE TABLE `contractor_scoring_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`scope_key` text NOT NULL,
	`rules` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contractor_scoring_rules_tenant_scope_uq` ON `contractor_scoring_rules` (`tenant_id`,`scope_key`);--> statement-breakpoint
CREATE TABLE `improvement_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`campaign_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`owner_id` text NOT NULL,
	`measures` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`submitted_at` integer,
	`reviewed_by` text,
	`reviewed_at` integer,
	`return_reason` text,
	`presented_to` text,
	`presented_on` text,
	`closed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `improvement_plans_tenant_subject_uq` ON `improvement_plans` (`tenant_id`,`campaign_id`,`project_id`,`department`);--> statement-breakpoint
CREATE INDEX `improvement_plans_tenant_branch_idx` ON `improvement_plans` (`tenant_id`,`branch_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `owner_interviews` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`staff_id` text NOT NULL,
	`department_id` text,
	`owner_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`interviewed_on` text NOT NULL,
	`living_experience` text NOT NULL,
	`product_opinion` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `owner_interviews_tenant_staff_date_idx` ON `owner_interviews` (`tenant_id`,`staff_id`,`interviewed_on`);--> statement-breakpoint
CREATE INDEX `owner_interviews_tenant_department_date_idx` ON `owner_interviews` (`tenant_id`,`department_id`,`interviewed_on`);--> statement-breakpoint
CREATE TABLE `plan_rechecks` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`plan_id` text NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`due_on` text NOT NULL,
	`checked_by` text,
	`checked_at` integer,
	`progress` text,
	`warned_at` integer,
	`breached_at` integer,
	`escalated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_rechecks_tenant_plan_quarter_uq` ON `plan_rechecks` (`tenant_id`,`plan_id`,`year`,`quarter`);--> statement-breakpoint
CREATE INDEX `plan_rechecks_tenant_due_idx` ON `plan_rechecks` (`tenant_id`,`checked_at`,`due_on`);--> statement-breakpoint
CREATE TABLE `supervisor_rotations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`staff_id` text NOT NULL,
	`branch_id` text,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`followed_case_ids` text DEFAULT '[]' NOT NULL,
	`report` text,
	`reported_at` integer,
	`warned_at` integer,
	`escalated_at` integer
);
--> statement-breakpoint
CREATE INDEX `supervisor_rotations_tenant_staff_idx` ON `supervisor_rotations` (`tenant_id`,`staff_id`,`starts_on`);--> statement-breakpoint
CREATE INDEX `supervisor_rotations_tenant_open_idx` ON `supervisor_rotations` (`tenant_id`,`reported_at`,`ends_on`);--> statement-breakpoint
CREATE TABLE `survey_campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`title` text NOT NULL,
	`round` integer NOT NULL,
	`period` text NOT NULL,
	`template_key` text NOT NULL,
	`template_version` integer NOT NULL,
	`scope` text NOT NULL,
	`branch_id` text,
	`sampling` text NOT NULL,
	`channels` text NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`closed_at` integer,
	`results` text
);
--> statement-breakpoint
CREATE INDEX `survey_campaigns_tenant_id_idx` ON `survey_campaigns` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `survey_campaigns_tenant_branch_idx` ON `survey_campaigns` (`tenant_id`,`branch_id`,`id`);--> statement-breakpoint
CREATE TABLE `survey_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`project_id` text NOT NULL,
	`channel` text NOT NULL,
	`token_hash` text NOT NULL,
	`sent_at` integer,
	`answered_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_invitations_tenant_campaign_owner_uq` ON `survey_invitations` (`tenant_id`,`campaign_id`,`owner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `survey_invitations_tenant_token_uq` ON `survey_invitations` (`tenant_id`,`token_hash`);--> statement-breakpoint
CREATE INDEX `survey_invitations_tenant_campaign_project_idx` ON `survey_invitations` (`tenant_id`,`campaign_id`,`project_id`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`project_id` text NOT NULL,
	`identifiable` integer DEFAULT false NOT NULL,
	`answers` text NOT NULL,
	`comment` text,
	`answered_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_tenant_campaign_owner_uq` ON `survey_responses` (`tenant_id`,`campaign_id`,`owner_id`);--> statement-breakpoint
CREATE INDEX `survey_responses_tenant_campaign_project_idx` ON `survey_responses` (`tenant_id`,`campaign_id`,`project_id`);--> statement-breakpoint
CREATE TABLE `survey_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`key` text NOT NULL,
	`template_version` integer NOT NULL,
	`title` text NOT NULL,
	`questions` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_templates_tenant_key_version_uq` ON `survey_templates` (`tenant_id`,`key`,`template_version`);