-- Case search per tenant. The trigram index of 0002 spanned every tenant of the shard, so a
-- search walked every case of the shard matching the phrase and kept the tenant's: its cost
-- followed the whole shard. Here each tenant of the shard gets a number (`case_search_tenants.n`)
-- and a case's search row has the rowid n * 2^40 + the case's rowid, so one tenant's rows are one
-- contiguous rowid range of the index: FTS5 seeks into that range (a rowid constraint) and never
-- reads another tenant's postings. The index holds its own copy of the descriptions (not external
-- content: its rowids are not the cases' rowids). Kept in step with `cases` by triggers, so a
-- bulk load or a tenant copied into a shard is indexed like any intake.
DROP TRIGGER IF EXISTS `cases_fts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cases_fts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cases_fts_au`;
--> statement-breakpoint
DROP TABLE IF EXISTS `cases_fts`;
--> statement-breakpoint
CREATE TABLE `case_search_tenants` (
  `n` integer PRIMARY KEY,
  `tenant_id` text NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `cases_search` USING fts5(`description`, tokenize='trigram');
--> statement-breakpoint
INSERT INTO `case_search_tenants` (`tenant_id`) SELECT DISTINCT `tenant_id` FROM `cases` ORDER BY `tenant_id`;
--> statement-breakpoint
INSERT INTO `cases_search` (rowid, `description`)
  SELECT s.`n` * 1099511627776 + c.rowid, c.`description`
  FROM `cases` c JOIN `case_search_tenants` s ON s.`tenant_id` = c.`tenant_id`;
--> statement-breakpoint
CREATE TRIGGER `cases_search_ai` AFTER INSERT ON `cases` BEGIN
  INSERT OR IGNORE INTO `case_search_tenants` (`tenant_id`) VALUES (new.`tenant_id`);
  INSERT INTO `cases_search` (rowid, `description`) VALUES (
    (SELECT `n` FROM `case_search_tenants` WHERE `tenant_id` = new.`tenant_id`) * 1099511627776 + new.rowid,
    new.`description`);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_search_ad` AFTER DELETE ON `cases` BEGIN
  DELETE FROM `cases_search` WHERE rowid =
    (SELECT `n` FROM `case_search_tenants` WHERE `tenant_id` = old.`tenant_id`) * 1099511627776 + old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `cases_search_au` AFTER UPDATE OF `description` ON `cases` BEGIN
  UPDATE `cases_search` SET `description` = new.`description` WHERE rowid =
    (SELECT `n` FROM `case_search_tenants` WHERE `tenant_id` = old.`tenant_id`) * 1099511627776 + old.rowid;
END;
