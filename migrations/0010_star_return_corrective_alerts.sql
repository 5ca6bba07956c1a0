CREATE TABLE `corrective_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`corrective_action_id` text NOT NULL,
	`deadline` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `corrective_alerts_tenant_key_uq` ON `corrective_alerts` (`tenant_id`,`key`);--> statement-breakpoint
CREATE INDEX `corrective_alerts_tenant_action_idx` ON `corrective_alerts` (`tenant_id`,`corrective_action_id`);--> statement-breakpoint
DROP INDEX `star_decisions_tenant_nomination_step_uq`;--> statement-breakpoint
ALTER TABLE `star_decisions` ADD `round` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `star_decisions_tenant_nomination_round_step_uq` ON `star_decisions` (`tenant_id`,`nomination_id`,`round`,`step_index`);--> statement-breakpoint
UPDATE `star_nominations` SET `status` = 'deciding' WHERE `status` = 'in_review';--> statement-breakpoint
UPDATE `star_nominations` SET `status` = 'announced' WHERE `status` = 'winner';
