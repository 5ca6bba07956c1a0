import { demoId } from '../../workers/seed/demo-data';
import { type Client, call } from '../support/api';
import { countEverywhere } from '../support/shards';
import { demo, demoAs } from '../support/staff';

/** Demo fixtures the case tests use (see workers/seed/demo-data.ts). */
export const fx = {
  ...demo,
  /** 西溪花园 1号楼 units 1-101, 1-102 …; their owners own_1, own_2 … (owner<n>@example.com). */
  xixiUnit: (n: number) => demoId('unit', n),
  xixiOwner: (n: number) => demoId('own', n),
  /** 东湖湾 (Ningbo) units 25… */
  donghuUnit: (n: number) => demoId('unit', 24 + n),
  contractor1: demoId('ctr', 1),
  contractor2: demoId('ctr', 2),
  /** 西溪花园工程维修部 */
  xixiEngineering: demoId('dept', 7),
  /** 西溪花园客服中心 */
  xixiCs: demoId('dept', 6),
};

/** The body the benchmark posts. */
export const hotlineRepair = (overrides: Record<string, unknown> = {}) => ({
  kind: 'repair',
  channel: 'hotline',
  projectId: fx.xixi,
  unitId: fx.xixiUnit(1),
  description: '卫生间水管漏水',
  category: 'plumbing',
  urgency: 'normal',
  contact: { name: '王先生', phone: '13800001111' },
  ...overrides,
});

/** A front-desk complaint of 西溪花园 unit 2 by its owner. */
export const frontDeskComplaint = (overrides: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  channel: 'front_desk',
  projectId: fx.xixi,
  unitId: fx.xixiUnit(2),
  ownerId: fx.xixiOwner(2),
  description: '物业承诺的车位没有兑现',
  category: 'sales_promise',
  ...overrides,
});

export async function intake(who: Client, body: Record<string, unknown>) {
  const res = await who.post('/v1/cases', body);
  if (res.status !== 201) throw new Error(`intake failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as {
    id: string;
    archiveNo: string;
    ownerLink: { token: string; url: string };
    [k: string]: any;
  };
}

/** One step; throws unless it answers 200. */
export async function act(who: Client, caseId: string, body: Record<string, unknown>) {
  const res = await who.post(`/v1/cases/${caseId}/actions`, body);
  if (res.status !== 200)
    throw new Error(`${String(body.type)} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export const ownerLink = {
  view: (token: string) => call('GET', `/public/v1/owner-link/${token}`),
  signOff: (token: string) => call('POST', `/public/v1/owner-link/${token}/sign-off`),
  followUp: (token: string, body: unknown) =>
    call('POST', `/public/v1/owner-link/${token}/follow-up`, { body }),
};

export const as = demoAs;

/** Row counts of the case tables, to prove a refused request wrote nothing. */
export async function caseTableCounts() {
  const count = async (table: string) => countEverywhere(`SELECT count(*) AS n FROM ${table}`);
  return {
    cases: await count('cases'),
    timeline: await count('case_timeline'),
    attachments: await count('case_attachments'),
    sequences: await count('case_sequences'),
    audit: await count('audit_log'),
  };
}
