import { beforeAll, expect, it } from 'vitest';
import { demoReady } from '../star/star-support';
import { rows } from '../support/events';
import { demo } from '../support/staff';

beforeAll(demoReady);

it('probe', async () => {
  const r = await rows(
    "SELECT c.project_id, p.branch_id, c.kind, count(*) n, min(c.created_at) mn, max(c.created_at) mx FROM cases c JOIN projects p ON p.id = c.project_id WHERE c.tenant_id = ? GROUP BY 1,2,3",
    demo.tenantId,
  );
  console.log(JSON.stringify(r.map((x: any) => ({ ...x, mn: new Date(x.mn).toISOString(), mx: new Date(x.mx).toISOString() }))));
  expect(1).toBe(1);
});
