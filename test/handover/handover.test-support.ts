import { demoId } from '../../workers/seed/demo-data';
import { call } from '../support/api';
import { demo } from '../support/staff';

let counter = 0;
export function planBody(over: Record<string, unknown> = {}) {
  return {
    projectId: demo.xixi,
    batch: `三期 ${Date.now().toString(36)}${++counter}`,
    handoverOn: '2030-06-30',
    households: 200,
    responsibilities: [
      { departmentId: demoId('dept', 6), role: 'project', sharePercent: 50 },
      { departmentId: demoId('dept', 2), role: 'supporting', sharePercent: 25 },
      { departmentId: demoId('dept', 1), role: 'supporting', sharePercent: 25 },
    ],
    ...over,
  };
}

/** A unit inspection body: two passed items and, unless `pass`, one failed item. */
export function inspectionBody(unitId: string, pass = false) {
  const findings: Record<string, unknown>[] = [
    { item: '入户门', passed: true },
    { item: '墙面', passed: true },
  ];
  if (!pass) {
    findings.push({
      item: '卫生间闭水',
      passed: false,
      category: 'leaks',
      description: '闭水试验渗漏至楼下',
      violatesStandard: true,
    });
  }
  return { unitId, findings };
}

/** One failed finding (workmanship unless told), for the routing and re-inspection tests. */
export function failedFinding(item: string, over: Record<string, unknown> = {}) {
  return { item, passed: false, category: 'doors_windows', description: `${item}有划痕`, ...over };
}

/** Uploads raw bytes as a finding photo of a plan. */
export function uploadPhoto(token: string, planId: string, bytes: Uint8Array | string, contentType: string) {
  return call('POST', `/v1/handover-plans/${planId}/inspection-photos`, {
    token,
    headers: { 'content-type': contentType },
    rawBody: bytes,
  });
}
