CREATE TABLE `case_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`object_key` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`uploaded_by_type` text NOT NULL,
	`uploaded_by_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_attachments_tenant_case_idx` ON `case_attachments` (`tenant_id`,`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `case_sequences` (
	`tenant_id` text NOT NULL,
	`local_date` text NOT NULL,
	`last_value` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `local_date`)
);
--> statement-breakpoint
CREATE TABLE `case_timeline` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`visibility` text NOT NULL,
	`note` text,
	`data` text
);
--> statement-breakpoint
CREATE INDEX `case_timeline_tenant_case_idx` ON `case_timeline` (`tenant_id`,`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`archive_no` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`severity` text,
	`category` text NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`building_id` text,
	`unit_id` text,
	`owner_id` text,
	`contact_name` text,
	`contact_phone` text,
	`contact_email` text,
	`description` text NOT NULL,
	`first_ask_owner_id` text,
	`assignee_id` text,
	`department_id` text,
	`contractor_id` text,
	`forfeited_contractor_ids` text DEFAULT '[]' NOT NULL,
	`claim_amount_fen` integer,
	`claim_approved_by` text,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`rework_of_case_id` text,
	`satisfaction` integer,
	`received_at` integer NOT NULL,
	`dispatched_at` integer,
	`contacted_at` integer,
	`visit_booked_for` integer,
	`arrived_at` integer,
	`completed_at` integer,
	`signed_off_at` integer,
	`first_reply_at` integer,
	`last_department_feedback_at` integer,
	`resolved_at` integer,
	`followup_due_at` integer,
	`followed_up_at` integer,
	`closed_at` integer,
	`state` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_tenant_archive_uq` ON `cases` (`tenant_id`,`archive_no`);--> statement-breakpoint
CREATE INDEX `cases_tenant_project_idx` ON `cases` (`tenant_id`,`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_branch_idx` ON `cases` (`tenant_id`,`branch_id`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_status_idx` ON `cases` (`tenant_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_contractor_idx` ON `cases` (`tenant_id`,`contractor_id`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_first_ask_idx` ON `cases` (`tenant_id`,`first_ask_owner_id`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_assignee_idx` ON `cases` (`tenant_id`,`assignee_id`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_unit_category_idx` ON `cases` (`tenant_id`,`unit_id`,`category`,`completed_at`);--> statement-breakpoint
CREATE INDEX `cases_tenant_kind_received_idx` ON `cases` (`tenant_id`,`kind`,`received_at`);