import type { Client } from 'openapi-fetch';
import type { paths } from '../../../packages/console/src/api/schema';

/**
 * A repair from intake to closing, taken only with the client generated from /openapi.json
 * (openapi-typescript types, openapi-fetch calls), as an integrator would write it. Typechecked
 * by `npm run typecheck`; run against the Worker by test/cases/generated-client.happy.test.ts.
 */
export type GuanjiaClient = Client<paths>;

export interface RepairPlace {
  projectId: string;
  unitId: string;
  ownerId: string;
  contractorId: string;
}

/** The case's steps in order and the status after each. */
export async function repairFlow(staff: GuanjiaClient, contractor: GuanjiaClient, place: RepairPlace) {
  const created = await staff.POST('/v1/cases', {
    params: { header: { 'idempotency-key': crypto.randomUUID() } },
    body: {
      kind: 'repair',
      channel: 'hotline',
      projectId: place.projectId,
      unitId: place.unitId,
      ownerId: place.ownerId,
      category: 'plumbing.blocked_drain',
      urgency: 'normal',
      description: '卫生间下水堵塞',
    },
  });
  if (!created.data) throw new Error(`intake: ${created.response.status}`);
  const caseId = created.data.id;
  const statuses: string[] = [created.data.status];

  const step = async (
    who: GuanjiaClient,
    body: paths['/v1/cases/{id}/actions']['post']['requestBody']['content']['application/json'],
  ) => {
    const current = await who.GET('/v1/cases/{id}', { params: { path: { id: caseId } } });
    if (!current.data) throw new Error(`read: ${current.response.status}`);
    const res = await who.POST('/v1/cases/{id}/actions', {
      params: { path: { id: caseId }, header: { 'if-match': `"${current.data.version}"` } },
      body,
    });
    if (!res.data)
      throw new Error(`${String(body.type)}: ${res.response.status} ${JSON.stringify(res.error)}`);
    statuses.push(res.data.status);
    return res.data;
  };

  await step(staff, { type: 'add_note', note: '业主下午在家' });
  await step(staff, { type: 'dispatch', contractorId: place.contractorId });
  await step(contractor, {
    type: 'record_contact',
    visitBookedFor: new Date(Date.now() + 3_600_000).toISOString(),
  });
  await step(staff, { type: 'wait_for_owner', note: '业主临时外出' });
  await step(staff, { type: 'resume' });
  await step(contractor, { type: 'arrive' });
  await step(contractor, { type: 'complete', note: '已疏通', attachmentIds: [] });

  // A signature taken on site: one PNG, uploaded as the raw body.
  const png = Uint8Array.from(
    atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
    (ch) => ch.charCodeAt(0),
  );
  const signature = await staff.POST('/v1/cases/{id}/attachments', {
    params: { path: { id: caseId }, query: { fileName: 'signature.png' } },
    body: png as never,
    bodySerializer: (body: unknown) => body as BodyInit,
    headers: { 'content-type': 'image/png' },
  });
  if (!signature.data) throw new Error(`signature: ${signature.response.status}`);
  await step(staff, { type: 'sign_off', method: 'signature', signatureAttachmentId: signature.data.id });
  await step(staff, { type: 'follow_up', callOutcome: 'reached', satisfaction: 5, comment: '很满意' });
  await step(staff, { type: 'close' });

  const timeline = await staff.GET('/v1/cases/{id}/timeline', { params: { path: { id: caseId } } });
  return { caseId, statuses, timeline: (timeline.data?.data ?? []).map((e) => e.action) };
}
