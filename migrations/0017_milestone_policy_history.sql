ALTER TABLE `case_milestones` ADD `ended_at` integer;--> statement-breakpoint
ALTER TABLE `case_milestones` ADD `end_reason` text;--> statement-breakpoint
ALTER TABLE `case_milestones` ADD `policy_name` text;--> statement-breakpoint
ALTER TABLE `case_milestones` ADD `policy_version` integer;--> statement-breakpoint
-- Issue 19 item 4: first response means the owner heard from us. Stored default policies whose
-- first-response stop events are still the shipped ones (assignment and dispatch counted) get the
-- new list; a tenant's own edits are left alone.
UPDATE `sla_policies` SET `milestones` = replace(`milestones`, '"stopOn":["case.replied","case.answered","case.acknowledged","case.assigned","case.dispatched"]', '"stopOn":["case.replied","case.answered","case.acknowledged","case.contacted","case.owner_noted"]'), `version` = `version` + 1 WHERE instr(`milestones`, '"stopOn":["case.replied","case.answered","case.acknowledged","case.assigned","case.dispatched"]') > 0;
--> statement-breakpoint
-- Rows written before this migration get the name and version of their policy where it still exists.
UPDATE `case_milestones` SET `policy_name` = (SELECT `name` FROM `sla_policies` p WHERE p.`tenant_id` = `case_milestones`.`tenant_id` AND p.`id` = `case_milestones`.`policy_id`), `policy_version` = (SELECT `version` FROM `sla_policies` p WHERE p.`tenant_id` = `case_milestones`.`tenant_id` AND p.`id` = `case_milestones`.`policy_id`) WHERE `policy_id` IS NOT NULL AND `policy_name` IS NULL;
