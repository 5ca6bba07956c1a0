import { type AuditTemplate, AuditTemplateSchema } from '../template';
import { greeting, noForbiddenPhrases, politeWords, scale, timing, yesNo } from './helpers';

/** Front desk (物业服务中心前台) mystery visit. */
export const frontDeskTemplate: AuditTemplate = AuditTemplateSchema.parse({
  key: 'default_front_desk',
  channel: 'front_desk',
  label: { zh: '服务中心前台暗访检查表', en: 'Front desk mystery visit' },
  ownerRole: 'project_manager',
  sections: [
    {
      key: 'appearance',
      label: { zh: '仪容仪表', en: 'Appearance' },
      weight: 15,
      items: [
        yesNo('uniform_badge', '统一着装、佩戴工牌', 'Uniform and name badge', 1),
        yesNo('desk_tidy', '台面整洁、公示资料齐全', 'Tidy desk, notices displayed', 1),
      ],
    },
    {
      key: 'reception',
      label: { zh: '接待', en: 'Reception' },
      weight: 25,
      items: [
        timing('acknowledged_in_time', '10秒内起身/目视问候', 'Acknowledged within 10 seconds', 2, 10, 60),
        greeting(1, '您好，欢迎来到[小区名称]物业服务中心，请问有什么可以帮您？'),
        politeWords(1),
      ],
    },
    {
      key: 'handling',
      label: { zh: '业务办理', en: 'Handling' },
      weight: 40,
      items: [
        yesNo('first_contact_ownership', '首问负责，不推诿', 'Owned the request, no passing the buck', 3),
        yesNo('request_registered', '登记诉求并告知时限', 'Registered the request with a time limit', 2),
        scale('knowledge', '熟悉小区情况与收费标准', 'Knows the estate and the fee scales', 2),
        yesNo(
          'escorted_or_referred',
          '无法当场解决时明确转交与回复时间',
          'Clear handover and reply time when not solved',
          2,
        ),
      ],
    },
    {
      key: 'conduct',
      label: { zh: '服务禁语', en: 'Forbidden phrases' },
      weight: 10,
      items: [noForbiddenPhrases(1)],
    },
    {
      key: 'closing',
      label: { zh: '送别', en: 'Farewell' },
      weight: 10,
      items: [yesNo('farewell', '起身道别', 'Stood up and said goodbye', 1)],
    },
  ],
});
