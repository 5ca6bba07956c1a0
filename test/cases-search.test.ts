import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('case full-text search index', () => {
  it('finds 电梯故 inside 3号楼电梯故障, and English words too, within the tenant', async () => {
    const insert = (id: string, tenant: string, description: string) =>
      env.DB.prepare(
        `INSERT INTO cases (id, tenant_id, created_at, updated_at, archive_no, kind, channel, status, category,
          branch_id, project_id, description, received_at)
         VALUES (?, ?, 0, 0, ?, 'repair', 'hotline', 'received', 'elevator', 'br_x', 'prj_x', ?, 0)`,
      ).bind(id, tenant, id, description);
    await env.DB.batch([
      insert('case_a', 'ten_a', '3号楼电梯故障，困人'),
      insert('case_b', 'ten_b', '2号楼电梯故障'),
      insert('case_c', 'ten_a', 'Water leaking from the ceiling'),
    ]);
    const search = (tenant: string, q: string) =>
      env.DB.prepare(
        `SELECT c.id FROM cases_search f
           JOIN case_search_tenants s ON s.tenant_id = ?2
           JOIN cases c ON c.rowid = f.rowid - s.n * 1099511627776
         WHERE cases_search MATCH ?1 AND f.rowid >= s.n * 1099511627776 AND f.rowid < (s.n + 1) * 1099511627776
         ORDER BY c.id`,
      )
        .bind(`"${q}"`, tenant)
        .all<{ id: string }>();
    expect((await search('ten_a', '电梯故')).results.map((r) => r.id)).toEqual(['case_a']);
    expect((await search('ten_a', 'leaking')).results.map((r) => r.id)).toEqual(['case_c']);
    await env.DB.prepare(`UPDATE cases SET description = '门禁损坏' WHERE id = 'case_a'`).run();
    expect((await search('ten_a', '电梯故')).results).toEqual([]);
    // Each tenant reads its own range of the index: ten_b's case is not in ten_a's, and a deleted
    // case leaves its tenant's range.
    expect((await search('ten_b', '电梯故')).results.map((r) => r.id)).toEqual(['case_b']);
    await env.DB.prepare(`DELETE FROM cases WHERE id = 'case_b'`).run();
    expect((await search('ten_b', '电梯故')).results).toEqual([]);
  });
});
