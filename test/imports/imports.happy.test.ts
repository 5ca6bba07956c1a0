import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { shardOf } from '../support/shards';
import { newEstate, newTenant } from '../support/tenants';
import { bigCsv, header, importCsv, tenantCounts } from './import-support';

describe('importing the units and owners of an estate from CSV', () => {
  it('an admin imports an Excel-saved file (BOM, CRLF, Chinese) and finds the units and owners', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const csv = [
      header,
      '1号楼,1-102,1,120.25,王伟,13812345678,WangWei@example.com,业主',
      '1号楼,1-201,2,89,王伟,138 1234 5678,,owner',
      '2号楼,2-101,1,95,李芳,0571-88880001,,住户',
      '2号楼,2-102,1,,,,,',
    ].join('\r\n');
    const res = await importCsv(admin, estate.projectId, `\uFEFF${csv}\r\n`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      projectId: estate.projectId,
      rows: 4,
      buildings: { created: 1, reused: 1 },
      units: { created: 4, reused: 0 },
      owners: { created: 2, reused: 0 },
      links: { created: 3, reused: 0 },
      changed: true,
    });

    const wang = (await admin.get('/v1/owners?phone=13812345678')).body.data;
    expect(wang).toHaveLength(1);
    expect(wang[0]).toMatchObject({ name: '王伟', email: 'wangwei@example.com' });
    expect(wang[0].units.map((u: { number: string }) => u.number).sort()).toEqual(['1-102', '1-201']);
    const li = (await admin.get('/v1/owners?phone=057188880001')).body.data[0];
    expect(li.units[0]).toMatchObject({ number: '2-101', relation: 'resident' });

    const units = (await admin.get(`/v1/units?projectId=${estate.projectId}&limit=200`)).body.data;
    expect(units.map((u: { number: string }) => u.number).sort()).toEqual([
      '1-101',
      '1-102',
      '1-201',
      '2-101',
      '2-102',
    ]);
    expect(units.find((u: { number: string }) => u.number === '1-102')).toMatchObject({
      floor: 1,
      areaSqm: 120.25,
    });
    const buildings = (await admin.get(`/v1/buildings?projectId=${estate.projectId}`)).body.data;
    expect(buildings.map((b: { name: string }) => b.name).sort()).toEqual(['1号楼', '2号楼']);

    const audit = await (await shardOf(tenantId))
      .prepare(
        "select target_type, target_id, after from audit_log where tenant_id = ? and action = 'imports.units_owners'",
      )
      .bind(tenantId)
      .all<{ target_type: string; target_id: string; after: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]).toMatchObject({ target_type: 'project', target_id: estate.projectId });
    expect(JSON.parse(audit.results[0]!.after)).toMatchObject({ rows: 4, units: { created: 4, reused: 0 } });
  });

  it('an owner already known by phone is reused and linked, not duplicated', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const known = await admin.post('/v1/owners', { name: '张敏', phone: '13700001111' });
    const res = await importCsv(
      admin,
      estate.projectId,
      `${header}\n1号楼,1-301,3,90,张敏,13700001111,,family\n`,
    );
    expect(res.status).toBe(200);
    expect(res.body.owners).toEqual({ created: 0, reused: 1 });
    const owner = (await admin.get(`/v1/owners/${known.body.id}`)).body;
    expect(owner.units).toEqual([expect.objectContaining({ number: '1-301', relation: 'family' })]);
  });

  it('a unit that exists with the same owner is left alone, and a vacant existing unit gets its owner', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const first = await importCsv(
      admin,
      estate.projectId,
      `${header}\n1号楼,1-401,4,90,陈静,13500003333,,owner\n`,
    );
    expect(first.status).toBe(200);
    const again = await importCsv(
      admin,
      estate.projectId,
      `${header}\n1号楼,1-401,4,90,陈静,13500003333,,owner\n1号楼,1-101,1,,刘洋,13600002222,,owner\n`,
    );
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({
      buildings: { created: 0, reused: 1 },
      units: { created: 0, reused: 2 },
      owners: { created: 1, reused: 1 },
      links: { created: 1, reused: 1 },
    });
    const owners = (await admin.get(`/v1/owners?unitId=${estate.unitId}`)).body.data;
    expect(owners.map((o: { name: string }) => o.name)).toEqual(['刘洋']);
  });

  it('a 2,000-unit estate imports in one request, and importing the same file again changes nothing', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const csv = bigCsv(2000);
    const started = Date.now();
    const res = await importCsv(admin, estate.projectId, csv);
    const firstMs = Date.now() - started;
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body).toMatchObject({
      rows: 2000,
      buildings: { created: 19, reused: 1 },
      units: { created: 2000, reused: 0 },
      owners: { created: 2000, reused: 0 },
      links: { created: 2000, reused: 0 },
      changed: true,
    });
    const after = await tenantCounts(tenantId);
    expect(after).toMatchObject({ units: 2001, owners: 2000, links: 2000 });

    const restarted = Date.now();
    const again = await importCsv(admin, estate.projectId, csv);
    const againMs = Date.now() - restarted;
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      units: { created: 0, reused: 2000 },
      owners: { created: 0, reused: 2000 },
      links: { created: 0, reused: 2000 },
      changed: false,
    });
    expect(await tenantCounts(tenantId)).toEqual(after);
    console.log(`2,000-row import: first ${firstMs} ms, re-import ${againMs} ms`);
  });

  it('a retried upload with the same Idempotency-Key replays the first answer', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const body = `${header}\n6号楼,601,6,90,周婷,13700006666,,owner\n`;
    const send = () =>
      call('POST', `/v1/projects/${estate.projectId}/imports/units-owners`, {
        token: admin.token,
        rawBody: body,
        headers: { 'content-type': 'text/csv', 'Idempotency-Key': 'import-2026-11-22-a' },
      });
    const first = await send();
    const replay = await send();
    expect(first.status).toBe(200);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
  });

  it('the API reference documents the CSV columns with a Chinese example and the bad-row shape', async () => {
    const doc = await call('GET', '/openapi.json');
    const op = doc.body.paths['/v1/projects/{id}/imports/units-owners'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['text/csv']);
    expect(op.description).toContain(
      'building,unit,floor,area_sqm,owner_name,owner_phone,owner_email,relation',
    );
    expect(op.description).toContain('1号楼,1-101,1,89.5,王伟');
    expect(op.description).toContain('line 7.owner_phone');
    expect(op.responses['422']).toBeDefined();
  });
});
