CREATE TABLE `notice_reads` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`notice_id` text NOT NULL,
	`reader_id` text NOT NULL,
	`read_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_reads_tenant_notice_reader_uq` ON `notice_reads` (`tenant_id`,`notice_id`,`reader_id`);