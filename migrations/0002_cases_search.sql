-- Full-text search over case descriptions, Chinese and English alike: the
-- trigram tokenizer needs no word segmentation, so 电梯故 finds 3号楼电梯故障.
-- External-content table kept in step with `cases` by triggers.
CREATE VIRTUAL TABLE `cases_fts` USING fts5(`description`, content='cases', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `cases_fts_ai` AFTER INSERT ON `cases` BEGIN
  INSERT INTO `cases_fts`(rowid, `description`) VALUES (new.rowid, new.`description`);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_fts_ad` AFTER DELETE ON `cases` BEGIN
  INSERT INTO `cases_fts`(`cases_fts`, rowid, `description`) VALUES ('delete', old.rowid, old.`description`);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_fts_au` AFTER UPDATE OF `description` ON `cases` BEGIN
  INSERT INTO `cases_fts`(`cases_fts`, rowid, `description`) VALUES ('delete', old.rowid, old.`description`);
  INSERT INTO `cases_fts`(rowid, `description`) VALUES (new.rowid, new.`description`);
END;
