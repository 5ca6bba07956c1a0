ALTER TABLE `tenants` ADD `moving_to` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `moved_from` text;--> statement-breakpoint
-- The write guard of every commit (workers/data/commit.ts): its batch ends with an insert into
-- this view, which aborts the whole batch unless this shard holds the tenant, for writing, now:
-- its own row names this shard and no move is under way. A writer still routed to a shard the
-- tenant is leaving (or has left) writes nothing there.
CREATE VIEW `tenant_write_guard` AS SELECT id AS tenant_id, shard FROM `tenants`;
--> statement-breakpoint
CREATE TRIGGER `tenant_write_guard_check` INSTEAD OF INSERT ON `tenant_write_guard` BEGIN
  SELECT RAISE(ABORT, 'tenant_moving')
  WHERE NOT EXISTS (
    SELECT 1 FROM `tenants` WHERE id = NEW.tenant_id AND shard = NEW.shard AND moving_to IS NULL
  );
END;
