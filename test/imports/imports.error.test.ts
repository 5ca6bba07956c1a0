import { describe, expect, it } from 'vitest';
import { shardOf } from '../support/shards';
import { newEstate, newTenant } from '../support/tenants';
import { bigCsv, header, importCsv, tenantCounts } from './import-support';

const goodRow = (n: number) => `3号楼,3-${100 + n},1,90,业主${n},1590000${String(n).padStart(4, '0')},,owner`;

describe('a CSV import with bad rows imports nothing', () => {
  it('bad rows on lines 3 and 7 are reported with exactly those lines and reasons, and nothing is written', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const before = await tenantCounts(tenantId);
    const lines = [
      header,
      goodRow(1),
      '3号楼,3-102,1,90,王伟,12345,,owner',
      goodRow(3),
      goodRow(4),
      goodRow(5),
    ];
    lines.push('3号楼,3-106,十二,90,李芳,13812345678,not-an-email,boss', goodRow(7));
    const res = await importCsv(admin, estate.projectId, lines.join('\n'));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('import_rejected');
    expect(res.body.badLines).toEqual([3, 7]);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual([
      'line 3.owner_phone',
      'line 7.floor',
      'line 7.owner_email',
      'line 7.relation',
    ]);
    for (const issue of res.body.issues) expect(issue.message).toBeTruthy();
    expect(await tenantCounts(tenantId)).toEqual(before);
  });

  it('line numbers count the real lines of the file: blank lines and cells quoted over two lines', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const csv = [
      header, // 1
      '3号楼,3-101,1,90,"王,伟",13800000001,,owner', // 2
      '', // 3
      '3号楼,3-102,1,90,"李', // 4
      '芳",13800000002,,owner', // 5
      '3号楼,3-103,1,-5,张敏,13800000003,,owner', // 6: area must be positive
    ].join('\r\n');
    const res = await importCsv(admin, estate.projectId, csv);
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['line 6.area_sqm']);
  });

  it('a unit listed twice in the same building reports the repeat, naming the first line', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const csv = [
      header,
      goodRow(1),
      goodRow(2),
      '3号楼,3-101,1,90,别人,13900000009,,owner',
      '4号楼,3-101,1,90,,,,',
    ].join('\n');
    const res = await importCsv(admin, estate.projectId, csv);
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([
      { path: 'line 4.unit', message: 'Unit 3-101 of 3号楼 is already on line 2' },
    ]);
  });

  it('a unit that already has another owner is a bad row; the same owner is a no-op', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    await admin.post('/v1/owners', {
      name: '原业主',
      phone: '13700000000',
      units: [{ unitId: estate.unitId, relation: 'owner' }],
    });
    const before = await tenantCounts(tenantId);
    const clash = await importCsv(
      admin,
      estate.projectId,
      `${header}\n1号楼,1-101,1,90,新业主,13700000001,,owner\n${goodRow(3)}\n`,
    );
    expect(clash.status).toBe(422);
    expect(clash.body.issues).toEqual([
      expect.objectContaining({
        path: 'line 2.owner_phone',
        message: expect.stringContaining('already has another owner'),
      }),
    ]);
    expect(await tenantCounts(tenantId)).toEqual(before);
    const same = await importCsv(
      admin,
      estate.projectId,
      `${header}\n1号楼,1-101,1,90,原业主,137-0000-0000,,owner\n`,
    );
    expect(same.status).toBe(200);
    expect(same.body.changed).toBe(false);
  });

  it('one phone given for two different names in the file is a bad row', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const csv = [
      header,
      '5号楼,501,5,90,王伟,13812345678,,owner',
      '5号楼,502,5,90,王芳,13812345678,,owner',
    ].join('\n');
    const res = await importCsv(admin, estate.projectId, csv);
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([
      { path: 'line 3.owner_phone', message: 'This phone is given for another name on line 2' },
    ]);
  });

  it('a file without the required header answers 422 naming the missing and unknown columns on line 1', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const res = await importCsv(admin, estate.projectId, '楼栋,房号\n1号楼,1-101\n');
    expect(res.status).toBe(422);
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('line 1.building');
    expect(paths).toContain('line 1.楼栋');
    expect(res.body.badLines).toEqual([1]);
  });

  it('a row with too few cells, or an unclosed quote, is reported on its line', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const short = await importCsv(admin, estate.projectId, `${header}\n${goodRow(1)}\n3号楼,3-102\n`);
    expect(short.status).toBe(422);
    expect(short.body.issues).toEqual([{ path: 'line 3', message: 'Expected 8 cells, found 2' }]);
    const unclosed = await importCsv(
      admin,
      estate.projectId,
      `${header}\n${goodRow(1)}\n3号楼,"3-102,1,90,,,,\n`,
    );
    expect(unclosed.status).toBe(422);
    expect(unclosed.body.issues[0].path).toMatch(/^line \d+$/);
  });

  it('a JSON body instead of CSV answers 415', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const res = await importCsv(admin, estate.projectId, '{"rows":[]}', 'application/json');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('more than 5,000 rows answers 413, and so does a file over 2 MB', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const before = await tenantCounts(tenantId);
    const tooMany = await importCsv(admin, estate.projectId, bigCsv(5001));
    expect(tooMany.status).toBe(413);
    const padding = 'x'.repeat(200);
    const huge = `${header}\n${Array.from({ length: 11_000 }, (_, i) => `${padding},${i},,,,,,`).join('\n')}`;
    expect(huge.length).toBeGreaterThan(2 * 1024 * 1024 - 1);
    const tooBig = await importCsv(admin, estate.projectId, huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('payload_too_large');
    expect(await tenantCounts(tenantId)).toEqual(before);
  });

  it('the larger limit is the import route only: a 300 KB JSON body elsewhere still answers 413', async () => {
    const { admin } = await newTenant();
    const res = await admin.post('/v1/branches', { name: 'x', code: 'y'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    const ownersRes = await admin.post('/v1/owners', { name: 'x'.repeat(300 * 1024), phone: '13800000000' });
    expect(ownersRes.status).toBe(413);
  });

  it('a failure in the database on the last row rolls back every earlier row of the batch', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const before = await tenantCounts(tenantId);
    // Stand-in for a database-level failure (e.g. a unit inserted meanwhile by someone else):
    // a trigger that refuses one unit number, which only the last row of the file uses.
    const poison = `P-${tenantId.slice(-10)}`;
    await (await shardOf(tenantId))
      .prepare(
        `create trigger refuse_${tenantId} before insert on units when new.number = '${poison}' begin select raise(abort, 'refused by test trigger'); end`,
      )
      .run();
    try {
      const rows = bigCsv(300, '1581').trimEnd();
      const res = await importCsv(
        admin,
        estate.projectId,
        `${rows}\n9号楼,${poison},1,90,最后一位,13999999999,,owner\n`,
      );
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(await tenantCounts(tenantId)).toEqual(before);
    } finally {
      await (await shardOf(tenantId)).prepare(`drop trigger refuse_${tenantId}`).run();
    }
    const retry = await importCsv(admin, estate.projectId, bigCsv(300, '1581'));
    expect(retry.status).toBe(200);
    expect(retry.body.units.created).toBe(300);
  });
});
