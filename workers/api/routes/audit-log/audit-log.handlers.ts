import { type AuditRow, getAuditEntry, listAuditEntries, withoutSecrets } from '../../../data/audit-log';
import { requireReach } from '../../../data/reach';
import { createRouter } from '../../app';
import { decodeCursor, toPage } from '../../lib/pagination';
import { timeRange } from '../../lib/time-range';
import { getAuditRoute, listAuditRoute } from './audit-log.routes';

const entryOut = (e: AuditRow) => ({
  id: e.id,
  actorType: e.actorType,
  actorId: e.actorId,
  action: e.action,
  targetType: e.targetType,
  targetId: e.targetId,
  before: withoutSecrets(e.before),
  after: withoutSecrets(e.after),
  requestId: e.requestId,
  at: e.at.toISOString(),
});

/** The audit log; needs `audit_log.read` (see `auditInReach` for what scoped readers see). */
export const auditLogRouter = createRouter()
  .openapi(listAuditRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'audit_log.read');
    const { cursor, limit, from, to, ...filters } = c.req.valid('query');
    const query = { ...filters, ...timeRange({ from, to }) };
    const rows = await listAuditEntries(scope, reach, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(entryOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getAuditRoute, async (c) => {
    const scope = c.get('scope');
    const entry = await getAuditEntry(scope, requireReach(scope, 'audit_log.read'), c.req.valid('param').id);
    return c.json(entryOut(entry), 200);
  });
