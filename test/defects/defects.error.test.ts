import { beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, staffId } from '../star/star-support';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { defectBody, localDateIn, registerDefect, xixiCase, xixiEngineering } from './defects-support';

beforeAll(demoReady);

const count = async (table: string) =>
  (
    await (
      await shardOf(demo.tenantId)
    )
      .prepare(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = ?`)
      .bind(demo.tenantId)
      .first<{ n: number }>()
  )?.n;

const field = (res: { body: { issues?: { path: string }[] } }) => res.body.issues?.[0]?.path;

describe('bad input is a 400 naming the field, and writes nothing', () => {
  it('refuses a defect without a description, with a bad risk, a bad case or a foreign repeat', async () => {
    const manager = await demoAt('cr_manager');
    const before = await count('product_defects');
    const missing = await manager.post('/v1/defects', defectBody({ description: '' }));
    expect(missing.status).toBe(400);
    expect(field(missing)).toBe('description');
    const risk = await manager.post(
      '/v1/defects',
      defectBody({ impact: { householdsAffected: 1, risk: 'huge' } }),
    );
    expect(risk.status).toBe(400);
    expect(field(risk)).toBe('impact.risk');
    const date = await manager.post('/v1/defects', defectBody({ foundAt: 'yesterday' }));
    expect(field(date)).toBe('foundAt');
    const other = await xixiCase('plumbing.leak', null);
    const wrongProject = await manager.post(
      '/v1/defects',
      defectBody({ projectId: demo.qianjiang, caseIds: [other.id] }),
    );
    expect(wrongProject.status).toBe(400);
    expect(field(wrongProject)).toBe('caseIds.0');
    const noCase = await manager.post('/v1/defects', defectBody({ caseIds: ['case_nope'] }));
    expect(field(noCase)).toBe('caseIds.0');
    const repeat = await manager.post('/v1/defects', defectBody({ repeatOfDefectId: 'dft_nope' }));
    expect(field(repeat)).toBe('repeatOfDefectId');
    const unknown = await manager.post('/v1/defects', { ...defectBody(), colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(await count('product_defects')).toBe(before);
    expect(await count('defect_cases')).toBe(0);
  });

  it('refuses a meeting deciding a suggested or unknown defect, or naming an unknown department; nothing is half-written', async () => {
    const { manager, defect } = await registerDefect();
    const meetings = await count('defect_meetings');
    const decision = {
      defectId: defect.id,
      preventionMeasure: '加强隐蔽工程验收',
      responsibleDepartmentId: xixiEngineering,
      rectificationDueOn: localDateIn(20),
    };
    const base = {
      projectId: demo.xixi,
      heldAt: new Date(Date.now() - 60_000).toISOString(),
      chairId: staffId(2),
    };
    const badDept = await manager.post('/v1/defect-meetings', {
      ...base,
      decisions: [decision, { ...decision, defectId: 'dft_nope' }],
    });
    expect(badDept.status).toBe(400);
    expect(field(badDept)).toBe('decisions.1.defectId');
    const dept = await manager.post('/v1/defect-meetings', {
      ...base,
      decisions: [{ ...decision, responsibleDepartmentId: 'dept_nope' }],
    });
    expect(field(dept)).toBe('decisions.0.responsibleDepartmentId');
    const twice = await manager.post('/v1/defect-meetings', { ...base, decisions: [decision, decision] });
    expect(twice.status).toBe(400);
    expect(field(twice)).toBe('decisions.1.defectId');
    const past = await manager.post('/v1/defect-meetings', {
      ...base,
      decisions: [{ ...decision, rectificationDueOn: '2020-01-01' }],
    });
    expect(field(past)).toBe('decisions.0.rectificationDueOn');
    const future = await manager.post('/v1/defect-meetings', {
      ...base,
      heldAt: new Date(Date.now() + 86_400_000).toISOString(),
      decisions: [decision],
    });
    expect(field(future)).toBe('heldAt');
    const chair = await manager.post('/v1/defect-meetings', {
      ...base,
      chairId: 'stf_nope',
      decisions: [decision],
    });
    expect(field(chair)).toBe('chairId');
    expect(await count('defect_meetings')).toBe(meetings);
    expect((await manager.get(`/v1/defects/${defect.id}`)).body.status).toBe('accepted');

    // Decided once: deciding it again is refused at its field.
    expect((await manager.post('/v1/defect-meetings', { ...base, decisions: [decision] })).status).toBe(201);
    const again = await manager.post('/v1/defect-meetings', { ...base, decisions: [decision] });
    expect(field(again)).toBe('decisions.0.defectId');
  });

  it('a step the status does not allow is a 409; a stale If-Match is a 412', async () => {
    const { manager, defect } = await registerDefect();
    const close = await manager.post(`/v1/defects/${defect.id}/close`, {});
    expect(close.status).toBe(409);
    expect(close.body.code).toBe('illegal_transition');
    const accept = await manager.post(`/v1/defects/${defect.id}/accept`, {});
    expect(accept.status).toBe(409);
    const feedback = await manager.post(`/v1/defects/${defect.id}/feedback`, { feedback: '' });
    expect(field(feedback)).toBe('feedback');
    const stale = await manager.patch(
      `/v1/defects/${defect.id}`,
      { description: '新描述' },
      { 'if-match': '"99"' },
    );
    expect(stale.status).toBe(412);
    const scorecard = await manager.get(`/v1/defects/scorecard?year=2026`);
    expect(field(scorecard)).toBe('projectId');
    const measure = await manager.post('/v1/preventive-measures', {
      projectId: demo.xixi,
      kind: 'teleport',
      description: 'x',
      takenAt: new Date().toISOString(),
    });
    expect(field(measure)).toBe('kind');
  });
});
