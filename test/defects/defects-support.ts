import { demoId } from '../../workers/seed/demo-data';
import { demoAt } from '../star/star-support';
import { insertCase } from '../support/sla';
import { demo } from '../support/staff';

/** 西溪花园工程维修部 (the demo's project engineering department) and the Xixi units 1-8. */
export const xixiEngineering = demoId('dept', 7);
export const xixiUnit = (n: number) => demoId('unit', n);

let counter = 0;
/** A category nobody else uses in this file (suggestions group by it). */
export const freshCategory = (label = 'waterproof') => `${label}_${Date.now().toString(36)}${++counter}`;

export function defectBody(over: Record<string, unknown> = {}) {
  return {
    description: '3号楼卫生间防水层渗漏，楼下住户天花板发霉',
    category: 'plumbing.leak',
    source: 'repair',
    projectId: demo.xixi,
    unitTypes: ['A2'],
    impact: { householdsAffected: 12, risk: 'high', estimatedLossFen: 1_200_000 },
    foundAt: new Date(Date.now() - 86_400_000).toISOString(),
    ...over,
  };
}

/** Registers a Xixi defect as the group's customer-relations manager. */
export async function registerDefect(over: Record<string, unknown> = {}) {
  const manager = await demoAt('cr_manager');
  const res = await manager.post('/v1/defects', defectBody(over));
  if (res.status !== 201) throw new Error(`defect not created: ${JSON.stringify(res.body)}`);
  return { manager, defect: res.body };
}

/** A Xixi repair case of `category` from unit `n`, received `hoursAgo` ago. */
export function xixiCase(category: string, n: number | null, hoursAgo = 1) {
  return insertCase(
    demo.tenantId,
    { branchId: demo.hangzhou, projectId: demo.xixi, unitId: n === null ? null : xixiUnit(n) },
    { category, receivedAt: new Date(Date.now() - hoursAgo * 3_600_000) },
  );
}

export const localDateIn = (days: number) =>
  new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
