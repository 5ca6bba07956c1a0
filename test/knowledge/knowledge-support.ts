import { demoAt } from '../star/star-support';

let counter = 0;
export const uniqueWord = () => `词${Date.now().toString(36)}${++counter}`;

export function articleBody(over: Record<string, unknown> = {}) {
  return {
    kind: 'standard_answer',
    title: '物业费缴纳方式',
    body: '物业费可在服务中心前台刷卡或现金缴纳，也可通过微信公众号“在线缴费”或银行代扣缴纳。',
    tags: ['物业费', '缴费'],
    ...over,
  };
}

/** Writes an article as the group's customer-relations manager (a group-wide editor). */
export async function writeArticle(over: Record<string, unknown> = {}) {
  const editor = await demoAt('cr_manager');
  const res = await editor.post('/v1/knowledge/articles', articleBody(over));
  if (res.status !== 201) throw new Error(`article not created: ${JSON.stringify(res.body)}`);
  return { editor, article: res.body };
}
