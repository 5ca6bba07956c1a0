CREATE TABLE `branches` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`zone_id` text,
	`name` text NOT NULL,
	`code` text,
	`city` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `branches_tenant_name_uq` ON `branches` (`tenant_id`,`name`);--> statement-breakpoint
CREATE INDEX `branches_tenant_zone_idx` ON `branches` (`tenant_id`,`zone_id`);--> statement-breakpoint
CREATE TABLE `buildings` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`project_id` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `buildings_tenant_project_name_uq` ON `buildings` (`tenant_id`,`project_id`,`name`);--> statement-breakpoint
CREATE TABLE `contractor_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`contractor_id` text NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`email` text,
	`title` text
);
--> statement-breakpoint
CREATE INDEX `contractor_contacts_tenant_contractor_idx` ON `contractor_contacts` (`tenant_id`,`contractor_id`);--> statement-breakpoint
CREATE TABLE `contractors` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`trades` text DEFAULT '[]' NOT NULL,
	`phone` text,
	`status` text DEFAULT 'active' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contractors_tenant_name_uq` ON `contractors` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`branch_id` text,
	`project_id` text
);
--> statement-breakpoint
CREATE INDEX `departments_tenant_branch_idx` ON `departments` (`tenant_id`,`branch_id`,`id`);--> statement-breakpoint
CREATE TABLE `owner_units` (
	`tenant_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`project_id` text NOT NULL,
	`relation` text DEFAULT 'owner' NOT NULL,
	PRIMARY KEY(`tenant_id`, `owner_id`, `unit_id`)
);
--> statement-breakpoint
CREATE INDEX `owner_units_tenant_unit_idx` ON `owner_units` (`tenant_id`,`unit_id`);--> statement-breakpoint
CREATE INDEX `owner_units_tenant_project_idx` ON `owner_units` (`tenant_id`,`project_id`,`owner_id`);--> statement-breakpoint
CREATE TABLE `owners` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`alt_phone` text,
	`email` text,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `owners_tenant_phone_idx` ON `owners` (`tenant_id`,`phone`);--> statement-breakpoint
CREATE INDEX `owners_tenant_email_idx` ON `owners` (`tenant_id`,`email`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`branch_id` text NOT NULL,
	`name` text NOT NULL,
	`code` text,
	`address` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_tenant_name_uq` ON `projects` (`tenant_id`,`name`);--> statement-breakpoint
CREATE INDEX `projects_tenant_branch_idx` ON `projects` (`tenant_id`,`branch_id`,`id`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`shard` text DEFAULT 'DB' NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_uq` ON `tenants` (`slug`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`project_id` text NOT NULL,
	`building_id` text NOT NULL,
	`number` text NOT NULL,
	`floor` integer,
	`area_sqm` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_tenant_building_number_uq` ON `units` (`tenant_id`,`building_id`,`number`);--> statement-breakpoint
CREATE INDEX `units_tenant_project_idx` ON `units` (`tenant_id`,`project_id`,`id`);--> statement-breakpoint
CREATE TABLE `zones` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`code` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zones_tenant_name_uq` ON `zones` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`before` text,
	`after` text,
	`request_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_id_idx` ON `audit_log` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_tenant_target_idx` ON `audit_log` (`tenant_id`,`target_type`,`target_id`,`id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`tenant_id` text NOT NULL,
	`principal_id` text NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` integer,
	`response` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `principal_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`grants` text NOT NULL,
	`created_by` text,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_uq` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_tenant_idx` ON `api_keys` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`family_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refresh_tokens_hash_uq` ON `refresh_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_tenant_family_idx` ON `refresh_tokens` (`tenant_id`,`family_id`);--> statement-breakpoint
CREATE TABLE `role_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`scope_type` text NOT NULL,
	`scope_id` text
);
--> statement-breakpoint
CREATE INDEX `role_assignments_tenant_user_idx` ON `role_assignments` (`tenant_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `role_assignments_uq` ON `role_assignments` (`tenant_id`,`user_id`,`role`,`scope_type`,`scope_id`);--> statement-breakpoint
CREATE TABLE `staff_loans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`user_id` text NOT NULL,
	`project_id` text NOT NULL,
	`role` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `staff_loans_tenant_user_idx` ON `staff_loans` (`tenant_id`,`user_id`,`ends_on`);--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`password_hash` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`locale` text,
	`department_id` text,
	`contractor_id` text,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`last_login_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_tenant_email_uq` ON `staff_users` (`tenant_id`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_tenant_phone_uq` ON `staff_users` (`tenant_id`,`phone`);