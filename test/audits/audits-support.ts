import { demoAt, staffId } from '../star/star-support';
import { call } from '../support/api';
import { demo } from '../support/staff';

export const shopperId = staffId(16);

/**
 * Answers to the default hotline template (core's `hotlineTemplate`) for a call to `project`:
 * `good` passes with 100, otherwise a forbidden phrase is heard (一票否决) and the call was slow.
 */
export function hotlineAnswers(good: boolean, project = '西溪花园') {
  const yes = (itemKey: string, value = good) => ({ itemKey, kind: 'yes_no', value });
  return [
    { itemKey: 'answered_in_time', kind: 'timing', seconds: good ? 6 : 40 },
    {
      itemKey: 'greeting_script',
      kind: 'phrase',
      transcript: good ? `您好，这里是${project}物业服务中心，请问有什么可以帮您？` : '喂？',
    },
    { itemKey: 'polite_words', kind: 'phrase', transcript: good ? '您好，请稍等，谢谢，再见' : '嗯' },
    { itemKey: 'friendly_tone', kind: 'scale', value: good ? 5 : 2 },
    yes('no_interrupting'),
    yes('request_confirmed'),
    yes('case_logged'),
    { itemKey: 'answer_accurate', kind: 'scale', value: good ? 5 : 2 },
    yes('hold_announced'),
    {
      itemKey: 'no_forbidden_phrases',
      kind: 'phrase',
      transcript: good ? '马上为您登记' : '这个我不清楚，我们不管',
    },
    yes('farewell'),
    yes('owner_hangs_up_first', true),
  ];
}

/** Plans a hotline audit of a project (as the cr_manager, group-wide) assigned to the demo mystery shopper. */
export async function planHotlineAudit(projectId = demo.xixi, auditorId = shopperId) {
  const manager = await demoAt('cr_manager');
  const templates = await manager.get('/v1/audit-templates?channel=hotline');
  const template = templates.body.data.find((t: { defaultKey: string }) => t.defaultKey === 'hotline');
  const plan = await manager.post('/v1/audit-plans', {
    templateId: template.id,
    projectId,
    dueOn: '2030-01-31',
    auditorId,
  });
  if (plan.status !== 201) throw new Error(`plan not created: ${JSON.stringify(plan.body)}`);
  return { plan: plan.body, auditId: plan.body.auditId as string, template, manager };
}

/** Uploads raw bytes as evidence. */
export function upload(token: string, auditId: string, bytes: Uint8Array | string, contentType: string) {
  return call('POST', `/v1/audits/${auditId}/evidence`, {
    token,
    headers: { 'content-type': contentType },
    rawBody: bytes as string,
  });
}
