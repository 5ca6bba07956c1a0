ALTER TABLE `inspection_issues` ADD `item` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `inspection_issues` ADD `resolved_by` text;--> statement-breakpoint
ALTER TABLE `inspection_issues` ADD `resolution` text;--> statement-breakpoint
ALTER TABLE `unit_inspections` ADD `round` integer DEFAULT 1 NOT NULL;