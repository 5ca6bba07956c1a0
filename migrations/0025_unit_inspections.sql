CREATE TABLE `unit_inspections` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`plan_id` text NOT NULL,
	`project_id` text NOT NULL,
	`building_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`result` text NOT NULL,
	`findings` text NOT NULL,
	`inspector_id` text,
	`inspected_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_inspections_tenant_plan_unit_uq` ON `unit_inspections` (`tenant_id`,`plan_id`,`unit_id`);