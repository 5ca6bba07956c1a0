import { type AuditTemplate, AuditTemplateSchema } from '../template';
import { noForbiddenPhrases, politeWords, scale, timing, yesNo } from './helpers';

/**
 * Sales office (售楼处) mystery visit: the property service staff there (reception, water bar,
 * security, cleaning) and the three faults the seeds name: snobbery (看人下菜碟), neglect
 * (冷落客户) and false promises (虚假承诺).
 */
export const salesOfficeTemplate: AuditTemplate = AuditTemplateSchema.parse({
  key: 'default_sales_office',
  channel: 'sales_office',
  label: { zh: '售楼处暗访检查表', en: 'Sales office mystery visit' },
  ownerRole: 'project_manager',
  sections: [
    {
      key: 'reception',
      label: { zh: '迎宾接待', en: 'Welcome' },
      weight: 25,
      items: [
        timing('greeted_in_time', '进门30秒内有人迎接', 'Greeted within 30 seconds of entering', 2, 30, 180),
        yesNo('door_opened', '安保开门、问候', 'Security opened the door and greeted', 1),
        politeWords(1),
      ],
    },
    {
      key: 'attention',
      label: { zh: '持续关注', en: 'Attention' },
      weight: 25,
      items: [
        yesNo(
          'never_left_alone',
          '未被冷落（等候超过5分钟无人理会）',
          'Never left unattended over 5 minutes',
          2,
          {
            guidance: '冷落客户 neglect',
          },
        ),
        yesNo('water_offered', '主动提供茶水', 'Offered a drink', 1),
      ],
    },
    {
      key: 'equal_treatment',
      label: { zh: '一视同仁', en: 'Equal treatment' },
      weight: 20,
      items: [
        yesNo(
          'no_snobbery',
          '不因衣着、年龄、口音区别对待',
          'Same service whatever the dress, age or accent',
          1,
          {
            critical: 'zero_section',
            guidance: '看人下菜碟 snobbery: compare with a second shopper of a different appearance',
          },
        ),
      ],
    },
    {
      key: 'honesty',
      label: { zh: '如实介绍', en: 'Honest information' },
      weight: 20,
      items: [
        yesNo(
          'no_false_promises',
          '无超出合同的承诺（学区、地铁、物业费、返租）',
          'No promises beyond the contract',
          2,
          {
            critical: 'fail_audit',
            guidance: '虚假承诺 false promises',
          },
        ),
        scale(
          'service_explained',
          '准确介绍物业服务内容与收费',
          'Explains property services and fees accurately',
          1,
        ),
      ],
    },
    {
      key: 'conduct',
      label: { zh: '服务禁语', en: 'Forbidden phrases' },
      weight: 10,
      items: [noForbiddenPhrases(1)],
    },
  ],
});
