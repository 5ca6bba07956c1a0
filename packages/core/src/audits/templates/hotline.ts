import { type AuditTemplate, AuditTemplateSchema } from '../template';
import { greeting, noForbiddenPhrases, politeWords, scale, timing, yesNo } from './helpers';

/** Hotline (客服热线) mystery call. */
export const hotlineTemplate: AuditTemplate = AuditTemplateSchema.parse({
  key: 'default_hotline',
  channel: 'hotline',
  label: { zh: '客服热线暗访检查表', en: 'Hotline mystery call' },
  ownerRole: 'cs_supervisor',
  sections: [
    {
      key: 'answering',
      label: { zh: '接听', en: 'Answering' },
      weight: 25,
      items: [
        timing('answered_in_time', '铃响15秒内接听', 'Answered within 15 seconds', 2, 15, 60),
        greeting(2),
      ],
    },
    {
      key: 'courtesy',
      label: { zh: '服务礼仪', en: 'Courtesy' },
      weight: 20,
      items: [
        politeWords(2),
        scale('friendly_tone', '语气亲切、语速适中', 'Friendly tone and pace', 2),
        yesNo('no_interrupting', '不打断业主讲话', 'Did not interrupt the owner', 1),
      ],
    },
    {
      key: 'handling',
      label: { zh: '问题处理', en: 'Handling' },
      weight: 35,
      items: [
        yesNo('request_confirmed', '复述确认业主诉求', 'Repeated the request back to confirm it', 2),
        yesNo('case_logged', '当场登记工单并告知处理时限', 'Logged a case and told the time limit', 3),
        scale('answer_accurate', '答复准确、专业', 'Accurate, competent answer', 3),
        yesNo('hold_announced', '需等待时先说“请稍等”', 'Asked before putting on hold', 1),
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
      label: { zh: '结束通话', en: 'Closing' },
      weight: 10,
      items: [
        yesNo('farewell', '致谢并道别', 'Thanked and said goodbye', 1),
        yesNo('owner_hangs_up_first', '待业主先挂机', 'Let the owner hang up first', 1),
      ],
    },
  ],
});
