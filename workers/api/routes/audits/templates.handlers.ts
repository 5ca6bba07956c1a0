import type { audits as core } from '@guanjia/core';
import { requireReach } from '../../../app/access';
import * as audits from '../../../app/audits';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  createTemplateRoute,
  deleteTemplateRoute,
  getTemplateRoute,
  listTemplatesRoute,
  seedTemplatesRoute,
  updateTemplateRoute,
} from './templates.routes';

function templateOut(t: audits.TemplateRow) {
  return {
    id: t.id,
    name: t.name,
    channel: t.channel,
    // Stored as core parsed them (scoring.parseSections).
    sections: t.sections as core.AuditSection[],
    threshold: t.threshold,
    defaultKey: t.defaultKey,
    active: t.active,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export const templatesRouter = createRouter()
  .openapi(listTemplatesRoute, async (c) => {
    const scope = c.get('scope');
    requireReach(scope, 'audits.manage');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await audits.listAuditTemplates(scope, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(templateOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(seedTemplatesRoute, async (c) => {
    const scope = c.get('scope');
    audits.templateWriter(scope);
    return c.json({ created: await audits.seedDefaultAuditTemplates(scope) }, 200);
  })
  .openapi(getTemplateRoute, async (c) => {
    const scope = c.get('scope');
    requireReach(scope, 'audits.manage');
    const row = await audits.getAuditTemplate(scope, c.req.valid('param').id);
    c.header('ETag', etagOf(row.version));
    return c.json(templateOut(row), 200);
  })
  .openapi(createTemplateRoute, async (c) => {
    const scope = c.get('scope');
    audits.templateWriter(scope);
    const row = await audits.createAuditTemplate(scope, c.req.valid('json'));
    c.header('ETag', etagOf(row.version));
    c.header('Location', `/v1/audit-templates/${row.id}`);
    return c.json(templateOut(row), 201);
  })
  .openapi(updateTemplateRoute, async (c) => {
    const scope = c.get('scope');
    audits.templateWriter(scope);
    const row = await audits.updateAuditTemplate(scope, {
      id: c.req.valid('param').id,
      changes: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(templateOut(row), 200);
  })
  .openapi(deleteTemplateRoute, async (c) => {
    const scope = c.get('scope');
    audits.templateWriter(scope);
    await audits.deleteAuditTemplate(scope, {
      id: c.req.valid('param').id,
      expectedVersion: expectedVersion(c),
    });
    return c.body(null, 204);
  });
