import { describe, expect, it } from 'vitest';
import { newEstate, newTenant } from '../support/tenants';

describe('org structure', () => {
  it('an admin builds a group: zone, branch, project, building, unit, department, contractor', async () => {
    const { admin } = await newTenant();
    const zone = await admin.post('/v1/zones', { name: '华东片区' });
    expect(zone.status).toBe(201);
    const branch = await admin.post('/v1/branches', {
      name: '杭州分公司',
      city: '杭州',
      zoneId: zone.body.id,
    });
    expect(branch.status).toBe(201);
    expect(branch.headers.get('Location')).toBe(`/v1/branches/${branch.body.id}`);
    const project = await admin.post('/v1/projects', { branchId: branch.body.id, name: '西溪花园' });
    const building = await admin.post('/v1/buildings', { projectId: project.body.id, name: '3号楼' });
    const unit = await admin.post('/v1/units', { buildingId: building.body.id, number: '3-1-502', floor: 5 });
    expect(unit.status).toBe(201);
    expect(unit.body.projectId).toBe(project.body.id);
    const dept = await admin.post('/v1/departments', {
      name: '工程部',
      kind: 'engineering',
      projectId: project.body.id,
    });
    expect(dept.body.branchId).toBe(branch.body.id);
    const contractor = await admin.post('/v1/contractors', { name: '安居维修', trades: ['plumbing'] });
    const contact = await admin.post('/v1/contractor-contacts', {
      contractorId: contractor.body.id,
      name: '马师傅',
      phone: '13900000001',
    });
    expect(contact.status).toBe(201);
    const units = await admin.get(`/v1/units?projectId=${project.body.id}`);
    expect(units.body.data.map((u: { number: string }) => u.number)).toEqual(['3-1-502']);
  });

  it('lists page with an opaque cursor until the last page', async () => {
    const { admin } = await newTenant();
    for (let i = 1; i <= 5; i++) await admin.post('/v1/contractors', { name: `Vendor ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: any } = await admin.get(
        `/v1/contractors?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((c: { name: string }) => c.name));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Vendor 1', 'Vendor 2', 'Vendor 3', 'Vendor 4', 'Vendor 5']);
  });

  it('an update with the current ETag succeeds and bumps the version', async () => {
    const { admin } = await newTenant();
    const { projectId } = await newEstate(admin);
    const read = await admin.get(`/v1/projects/${projectId}`);
    const etag = read.headers.get('ETag')!;
    const updated = await admin.patch(
      `/v1/projects/${projectId}`,
      { address: '文二西路 1 号' },
      { 'If-Match': etag },
    );
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(read.body.version + 1);
    expect(updated.headers.get('ETag')).not.toBe(etag);
  });

  it('a creating POST replayed with the same Idempotency-Key returns the first response and creates once', async () => {
    const { admin } = await newTenant();
    const headers = { 'Idempotency-Key': 'create-branch-0001' };
    const first = await admin.post('/v1/branches', { name: '宁波分公司' }, headers);
    const replay = await admin.post('/v1/branches', { name: '宁波分公司' }, headers);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    // The replay says where the record is and which version, as the first answer did.
    expect(first.headers.get('Location')).toBe(`/v1/branches/${first.body.id}`);
    expect(replay.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(replay.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect((await admin.get('/v1/branches')).body.data).toHaveLength(1);
  });

  it('an emptied building can be deleted', async () => {
    const { admin } = await newTenant();
    const { projectId } = await newEstate(admin);
    const building = await admin.post('/v1/buildings', { projectId, name: '9号楼' });
    expect((await admin.delete(`/v1/buildings/${building.body.id}`)).status).toBe(204);
    expect((await admin.get(`/v1/buildings/${building.body.id}`)).status).toBe(404);
  });
});
