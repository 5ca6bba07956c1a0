CREATE TABLE `business_calendars` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`scope_key` text NOT NULL,
	`branch_id` text,
	`project_id` text,
	`time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`hours` text NOT NULL,
	`holidays` text DEFAULT '[]' NOT NULL,
	`make_up_days` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `business_calendars_tenant_scope_uq` ON `business_calendars` (`tenant_id`,`scope_key`);--> statement-breakpoint
CREATE TABLE `case_milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`milestone` text NOT NULL,
	`cycle` integer DEFAULT 0 NOT NULL,
	`policy_id` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`started_at` integer,
	`warn_at` integer,
	`due_at` integer,
	`warned_at` integer,
	`breached_at` integer,
	`met_at` integer,
	`paused_ms` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_milestones_tenant_case_uq` ON `case_milestones` (`tenant_id`,`case_id`,`milestone`,`cycle`);--> statement-breakpoint
CREATE TABLE `escalation_rungs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`level` text NOT NULL,
	`scope_key` text NOT NULL,
	`branch_id` text,
	`project_id` text,
	`staff_ids` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalation_rungs_tenant_scope_level_uq` ON `escalation_rungs` (`tenant_id`,`scope_key`,`level`);--> statement-breakpoint
CREATE TABLE `sla_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`case_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`milestone` text NOT NULL,
	`cycle` integer DEFAULT 0 NOT NULL,
	`due_at` integer,
	`at` integer NOT NULL,
	`data` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_actions_tenant_key_uq` ON `sla_actions` (`tenant_id`,`key`);--> statement-breakpoint
CREATE INDEX `sla_actions_tenant_kind_idx` ON `sla_actions` (`tenant_id`,`kind`,`id`);--> statement-breakpoint
CREATE INDEX `sla_actions_tenant_project_idx` ON `sla_actions` (`tenant_id`,`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `sla_actions_tenant_branch_idx` ON `sla_actions` (`tenant_id`,`branch_id`,`id`);--> statement-breakpoint
CREATE INDEX `sla_actions_tenant_case_idx` ON `sla_actions` (`tenant_id`,`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `sla_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`match` text DEFAULT '{}' NOT NULL,
	`milestones` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sla_policies_tenant_priority_idx` ON `sla_policies` (`tenant_id`,`enabled`,`priority`);