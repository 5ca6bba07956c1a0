import { describe, expect, it } from 'vitest';
import { loginDemo, seedDemo } from '../support/demo';
import { newEstate, newTenant } from '../support/tenants';
import { header, importCsv, projectStaff, tenantCounts } from './import-support';

const csv = `${header}\n9号楼,9-101,1,90,导入人,13811112222,,owner\n`;

describe('who may import units and owners', () => {
  it('an admin of one project imports into it, but another project of the group answers 404 and is untouched', async () => {
    const tenant = await newTenant();
    const mine = await newEstate(tenant.admin, 'Mine');
    const other = await newEstate(tenant.admin, 'Other');
    const projectAdmin = await projectStaff(tenant, 'tenant_admin', mine.projectId);

    expect((await importCsv(projectAdmin, mine.projectId, csv)).status).toBe(200);
    const before = await tenantCounts(tenant.tenantId);
    const res = await importCsv(projectAdmin, other.projectId, csv.replace('9-101', '9-102'));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    expect(await tenantCounts(tenant.tenantId)).toEqual(before);
  });

  it("another group's project answers 404, as if it did not exist", async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    const estate = await newEstate(a.admin);
    const before = await tenantCounts(a.tenantId);
    expect((await importCsv(b.admin, estate.projectId, csv)).status).toBe(404);
    expect(await tenantCounts(a.tenantId)).toEqual(before);
  });

  it('a front desk (may register owners, not change the org) is refused the import with 403', async () => {
    await seedDemo();
    const desk = await loginDemo('front_desk');
    const xixi = (await desk.get('/v1/projects')).body.data[0];
    const res = await importCsv(desk, xixi.id, csv);
    expect(res.status).toBe(403);
  });

  it('an unknown caller gets 401 before the file is read', async () => {
    const res = await importCsv({ token: 'not-a-token' } as never, 'prj_x', csv);
    expect(res.status).toBe(401);
  });
});
