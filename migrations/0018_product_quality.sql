CREATE TABLE `defect_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`defect_id` text NOT NULL,
	`deadline` text NOT NULL,
	`kind` text NOT NULL,
	`due` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `defect_alerts_tenant_key_uq` ON `defect_alerts` (`tenant_id`,`key`);--> statement-breakpoint
CREATE INDEX `defect_alerts_tenant_defect_idx` ON `defect_alerts` (`tenant_id`,`defect_id`);--> statement-breakpoint
CREATE TABLE `defect_cases` (
	`tenant_id` text NOT NULL,
	`defect_id` text NOT NULL,
	`case_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `defect_id`, `case_id`)
);
--> statement-breakpoint
CREATE INDEX `defect_cases_tenant_case_idx` ON `defect_cases` (`tenant_id`,`case_id`);--> statement-breakpoint
CREATE TABLE `defect_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`defect_id` text NOT NULL,
	`prevention_measure` text NOT NULL,
	`responsible_department_id` text NOT NULL,
	`feedback_due_on` text NOT NULL,
	`rectification_due_on` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `defect_decisions_tenant_defect_uq` ON `defect_decisions` (`tenant_id`,`defect_id`);--> statement-breakpoint
CREATE INDEX `defect_decisions_tenant_meeting_idx` ON `defect_decisions` (`tenant_id`,`meeting_id`);--> statement-breakpoint
CREATE TABLE `defect_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`branch_id` text,
	`project_id` text,
	`held_at` integer NOT NULL,
	`chair_id` text NOT NULL,
	`attendee_ids` text DEFAULT '[]' NOT NULL,
	`minutes` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `defect_meetings_tenant_project_held_idx` ON `defect_meetings` (`tenant_id`,`project_id`,`held_at`);--> statement-breakpoint
CREATE INDEX `defect_meetings_tenant_held_idx` ON `defect_meetings` (`tenant_id`,`held_at`);--> statement-breakpoint
CREATE TABLE `preventive_measures` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`project_id` text,
	`department_id` text,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`taken_at` integer NOT NULL,
	`created_by` text
);
--> statement-breakpoint
CREATE INDEX `preventive_measures_tenant_project_taken_idx` ON `preventive_measures` (`tenant_id`,`project_id`,`taken_at`);--> statement-breakpoint
CREATE INDEX `preventive_measures_tenant_department_taken_idx` ON `preventive_measures` (`tenant_id`,`department_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `product_defects` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`description` text NOT NULL,
	`category` text NOT NULL,
	`source` text NOT NULL,
	`building_ids` text DEFAULT '[]' NOT NULL,
	`unit_types` text DEFAULT '[]' NOT NULL,
	`households_affected` integer DEFAULT 0 NOT NULL,
	`risk` text NOT NULL,
	`estimated_loss_fen` integer DEFAULT 0 NOT NULL,
	`found_at` integer NOT NULL,
	`status` text NOT NULL,
	`violates_standard` integer DEFAULT false NOT NULL,
	`repeat_of_defect_id` text,
	`suggestion_key` text,
	`window_start` integer,
	`window_end` integer,
	`dismissed_reason` text,
	`responsible_department_id` text,
	`feedback_deadline` integer,
	`feedback_at` integer,
	`feedback` text,
	`completion_deadline` integer,
	`completed_at` integer,
	`studied_at` integer,
	`created_by` text
);
--> statement-breakpoint
CREATE INDEX `product_defects_tenant_project_idx` ON `product_defects` (`tenant_id`,`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `product_defects_tenant_status_idx` ON `product_defects` (`tenant_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `product_defects_tenant_project_category_idx` ON `product_defects` (`tenant_id`,`project_id`,`category`,`status`);--> statement-breakpoint
CREATE INDEX `product_defects_tenant_department_found_idx` ON `product_defects` (`tenant_id`,`responsible_department_id`,`found_at`);--> statement-breakpoint
CREATE INDEX `product_defects_tenant_found_idx` ON `product_defects` (`tenant_id`,`found_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `product_defects_tenant_suggestion_uq` ON `product_defects` (`tenant_id`,`suggestion_key`) WHERE suggestion_key is not null;--> statement-breakpoint
CREATE TABLE `handover_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`plan_id` text NOT NULL,
	`item_key` text NOT NULL,
	`state` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_alerts_tenant_key_uq` ON `handover_alerts` (`tenant_id`,`key`);--> statement-breakpoint
CREATE INDEX `handover_alerts_tenant_plan_idx` ON `handover_alerts` (`tenant_id`,`plan_id`);--> statement-breakpoint
CREATE TABLE `handover_checklist_items` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`plan_id` text NOT NULL,
	`key` text NOT NULL,
	`group` text NOT NULL,
	`label_zh` text NOT NULL,
	`label_en` text NOT NULL,
	`position` integer NOT NULL,
	`planned_on` text,
	`actual_on` text,
	`owner_id` text,
	`notes` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_checklist_items_tenant_plan_key_uq` ON `handover_checklist_items` (`tenant_id`,`plan_id`,`key`);--> statement-breakpoint
CREATE TABLE `handover_checklist_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`items` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_checklist_templates_tenant_name_uq` ON `handover_checklist_templates` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `handover_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`branch_id` text NOT NULL,
	`project_id` text NOT NULL,
	`batch` text NOT NULL,
	`handover_on` text NOT NULL,
	`opens_on` text NOT NULL,
	`households` integer NOT NULL,
	`building_ids` text DEFAULT '[]' NOT NULL,
	`responsibilities` text NOT NULL,
	`template_id` text,
	`accepted_households` integer DEFAULT 0 NOT NULL,
	`handover_issues` integer DEFAULT 0 NOT NULL,
	`group_incidents` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_plans_tenant_project_batch_uq` ON `handover_plans` (`tenant_id`,`project_id`,`batch`);--> statement-breakpoint
CREATE INDEX `handover_plans_tenant_handover_idx` ON `handover_plans` (`tenant_id`,`handover_on`);--> statement-breakpoint
CREATE INDEX `handover_plans_tenant_branch_idx` ON `handover_plans` (`tenant_id`,`branch_id`,`id`);--> statement-breakpoint
CREATE TABLE `inspection_issues` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`plan_id` text NOT NULL,
	`project_id` text NOT NULL,
	`building_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`nature` text DEFAULT 'workmanship' NOT NULL,
	`violates_standard` integer DEFAULT false NOT NULL,
	`photo_keys` text DEFAULT '[]' NOT NULL,
	`route` text,
	`case_id` text,
	`defect_id` text,
	`inspector_id` text,
	`found_at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `inspection_issues_tenant_plan_building_idx` ON `inspection_issues` (`tenant_id`,`plan_id`,`building_id`);--> statement-breakpoint
CREATE INDEX `inspection_issues_tenant_unit_idx` ON `inspection_issues` (`tenant_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `unfinished_works` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`plan_id` text NOT NULL,
	`project_id` text NOT NULL,
	`description` text NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`responsible_department_id` text,
	`due_on` text NOT NULL,
	`completed_on` text,
	`reported_at` integer
);
--> statement-breakpoint
CREATE INDEX `unfinished_works_tenant_plan_idx` ON `unfinished_works` (`tenant_id`,`plan_id`,`id`);--> statement-breakpoint
CREATE INDEX `unfinished_works_tenant_project_due_idx` ON `unfinished_works` (`tenant_id`,`project_id`,`due_on`);--> statement-breakpoint
CREATE TABLE `knowledge_article_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`article_id` text NOT NULL,
	`version` integer NOT NULL,
	`changed_by` text NOT NULL,
	`changed_at` integer NOT NULL,
	`changed_fields` text NOT NULL,
	`snapshot` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_article_versions_tenant_article_version_uq` ON `knowledge_article_versions` (`tenant_id`,`article_id`,`version`);--> statement-breakpoint
CREATE TABLE `knowledge_articles` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`category_code` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`scope_level` text DEFAULT 'tenant' NOT NULL,
	`branch_id` text,
	`project_id` text,
	`polite_phrases` text,
	`forbidden_phrases` text,
	`lesson` text,
	`source_case_id` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`created_by` text,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `knowledge_articles_tenant_status_scope_idx` ON `knowledge_articles` (`tenant_id`,`status`,`scope_level`,`id`);--> statement-breakpoint
CREATE INDEX `knowledge_articles_tenant_branch_idx` ON `knowledge_articles` (`tenant_id`,`branch_id`,`id`);--> statement-breakpoint
CREATE INDEX `knowledge_articles_tenant_project_idx` ON `knowledge_articles` (`tenant_id`,`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `knowledge_articles_tenant_kind_idx` ON `knowledge_articles` (`tenant_id`,`kind`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_articles_tenant_source_case_uq` ON `knowledge_articles` (`tenant_id`,`source_case_id`) WHERE source_case_id is not null;--> statement-breakpoint
CREATE TABLE `knowledge_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`code` text NOT NULL,
	`label_zh` text NOT NULL,
	`label_en` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_categories_tenant_code_uq` ON `knowledge_categories` (`tenant_id`,`code`);--> statement-breakpoint
-- Full-text search over knowledge articles (title and body), the trigram tokenizer as for cases:
-- no word segmentation needed for Chinese. External content kept in step by triggers; a query
-- joins back to `knowledge_articles` by rowid and filters by `tenant_id` there.
CREATE VIRTUAL TABLE `knowledge_articles_fts` USING fts5(`title`, `body`, content='knowledge_articles', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `knowledge_articles_fts_ai` AFTER INSERT ON `knowledge_articles` BEGIN
  INSERT INTO `knowledge_articles_fts`(rowid, `title`, `body`) VALUES (new.rowid, new.`title`, new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `knowledge_articles_fts_ad` AFTER DELETE ON `knowledge_articles` BEGIN
  INSERT INTO `knowledge_articles_fts`(`knowledge_articles_fts`, rowid, `title`, `body`) VALUES ('delete', old.rowid, old.`title`, old.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `knowledge_articles_fts_au` AFTER UPDATE OF `title`, `body` ON `knowledge_articles` BEGIN
  INSERT INTO `knowledge_articles_fts`(`knowledge_articles_fts`, rowid, `title`, `body`) VALUES ('delete', old.rowid, old.`title`, old.`body`);
  INSERT INTO `knowledge_articles_fts`(rowid, `title`, `body`) VALUES (new.rowid, new.`title`, new.`body`);
END;
