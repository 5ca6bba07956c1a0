import { describe, expect, it } from 'vitest';
import { newEstate, newTenant } from '../support/tenants';
import { header, importCsv, tenantCounts } from './import-support';

const withOpenId = `${header},wechat_open_id`;
const openId = (n: number) => `oWx_${String(n).padStart(24, '0')}`; // 28 characters

describe('the wechat_open_id column of the units-and-owners import', () => {
  it('is optional: new owners get the OpenID of their row, an empty cell leaves none, a re-import changes nothing', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const csv = [
      withOpenId,
      `5号楼,5-101,1,90,王伟,13800005001,,owner,${openId(1)}`,
      '5号楼,5-102,1,90,李芳,13800005002,,owner,',
      `5号楼,5-103,1,90,王伟,13800005001,,owner,${openId(1)}`, // the same owner, a second unit
    ].join('\n');
    const res = await importCsv(admin, estate.projectId, csv);
    expect(res.status).toBe(200);
    expect(res.body.owners).toEqual({ created: 2, reused: 0 });
    const owners = (await admin.get(`/v1/owners?projectId=${estate.projectId}`)).body.data;
    const byPhone = Object.fromEntries(owners.map((o: { phone: string }) => [o.phone, o]));
    expect(byPhone['13800005001'].wechatOpenId).toBe(openId(1));
    expect(byPhone['13800005002'].wechatOpenId).toBeNull();
    const again = await importCsv(admin, estate.projectId, csv);
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);

    // The column may be left out entirely, as before.
    const plain = await importCsv(
      admin,
      estate.projectId,
      `${header}\n5号楼,5-104,1,90,张敏,13800005004,,owner`,
    );
    expect(plain.status).toBe(200);
  });

  it('a malformed OpenID, one given for two owners, or one another owner holds is reported by line; nothing is imported', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const holder = await admin.post('/v1/owners', {
      name: '赵军',
      phone: '13800006999',
      wechatOpenId: openId(9),
    });
    expect(holder.status).toBe(201);
    const before = await tenantCounts(tenantId);
    const csv = [
      withOpenId, // 1
      `6号楼,6-101,1,90,王伟,13800006001,,owner,${openId(1)}`, // 2: good
      '6号楼,6-102,1,90,李芳,13800006002,,owner,bad id!', // 3: malformed
      `6号楼,6-103,1,90,张敏,13800006003,,owner,${openId(1)}`, // 4: line 2's OpenID for another phone
      `6号楼,6-104,1,90,王伟,13800006001,,owner,${openId(2)}`, // 5: line 2's phone with another OpenID
      `6号楼,6-105,1,90,刘洋,13800006005,,owner,${openId(9)}`, // 6: held by another owner
      `6号楼,6-106,1,90,,,,,${openId(6)}`, // 7: an OpenID without an owner
    ].join('\n');
    const res = await importCsv(admin, estate.projectId, csv);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('import_rejected');
    expect(res.body.badLines).toEqual([3, 4, 5, 6, 7]);
    const issues = Object.fromEntries(
      res.body.issues.map((i: { path: string; message: string }) => [i.path, i.message]),
    );
    expect(Object.keys(issues)).toEqual([
      'line 3.wechat_open_id',
      'line 4.wechat_open_id',
      'line 5.wechat_open_id',
      'line 6.wechat_open_id',
      'line 7.owner_phone',
    ]);
    expect(issues['line 3.wechat_open_id']).toContain('OpenID');
    expect(issues['line 4.wechat_open_id']).toContain('line 2');
    expect(issues['line 5.wechat_open_id']).toContain('line 2');
    expect(issues['line 6.wechat_open_id']).toContain('another owner');
    expect(await tenantCounts(tenantId)).toEqual(before);
  });
});
