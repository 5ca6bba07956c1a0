/** The platform operator's use cases: tenants, their shards and moves between them. */

export { createPropertyGroup, placeTenant } from './create-tenant';
export { type MoveReport, moveTenant, oldCopyKeptMs, removeMovedCopies } from './move-tenant';
