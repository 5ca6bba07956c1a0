import { type AuditTemplate, AuditTemplateSchema } from '../template';
import { greeting, noForbiddenPhrases, politeWords, scale, timing, yesNo } from './helpers';

/** Online channels (微信公众号/小程序/App 在线客服) mystery chat, judged on the chat log. */
export const onlineChatTemplate: AuditTemplate = AuditTemplateSchema.parse({
  key: 'default_online_chat',
  channel: 'online_chat',
  label: { zh: '线上客服暗访检查表', en: 'Online chat mystery contact' },
  ownerRole: 'cs_supervisor',
  sections: [
    {
      key: 'response',
      label: { zh: '响应', en: 'Response' },
      weight: 30,
      items: [
        timing('first_response_in_time', '60秒内首次回复', 'First reply within 60 seconds', 2, 60, 300),
        greeting(1, '您好，这里是[小区名称]物业服务中心，请问有什么可以帮您？'),
      ],
    },
    {
      key: 'courtesy',
      label: { zh: '服务礼仪', en: 'Courtesy' },
      weight: 20,
      items: [politeWords(1), yesNo('no_canned_only', '不只发送模板话术', 'Not only canned replies', 1)],
    },
    {
      key: 'handling',
      label: { zh: '问题处理', en: 'Handling' },
      weight: 35,
      items: [
        scale('answer_accurate', '答复准确、完整', 'Accurate and complete answer', 2),
        yesNo(
          'case_created',
          '需处理的诉求已转为工单并告知编号',
          'Turned into a case with its number given',
          2,
        ),
        yesNo('followed_through', '承诺回复的按时回复', 'Replied when promised', 1),
      ],
    },
    {
      key: 'conduct',
      label: { zh: '服务禁语', en: 'Forbidden phrases' },
      weight: 15,
      items: [noForbiddenPhrases(1)],
    },
  ],
});
