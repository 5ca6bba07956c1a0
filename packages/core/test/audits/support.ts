import {
  type AuditAnswer,
  type AuditTemplate,
  type AuditTemplateInput,
  AuditTemplateSchema,
} from '../../src/audits/index';

/** A small two-section template: service (3 yes/no + a 1–5 scale) and conduct (a critical item). */
export const smallTemplate = (over: Partial<AuditTemplateInput> = {}): AuditTemplate =>
  AuditTemplateSchema.parse({
    key: 'small',
    channel: 'hotline',
    label: { zh: '测试', en: 'Test' },
    sections: [
      {
        key: 'service',
        label: { zh: '服务', en: 'Service' },
        weight: 3,
        items: [
          { key: 'a', label: { zh: 'A', en: 'A' }, weight: 1, type: 'yes_no' },
          { key: 'b', label: { zh: 'B', en: 'B' }, weight: 2, type: 'yes_no' },
          { key: 'c', label: { zh: 'C', en: 'C' }, weight: 1, type: 'scale', min: 1, max: 5 },
          {
            key: 'd',
            label: { zh: 'D', en: 'D' },
            weight: 1,
            type: 'timing',
            limitSeconds: 15,
            zeroAtSeconds: 45,
          },
        ],
      },
      {
        key: 'conduct',
        label: { zh: '禁语', en: 'Conduct' },
        weight: 1,
        items: [
          { key: 'e', label: { zh: 'E', en: 'E' }, weight: 1, type: 'yes_no', critical: 'zero_section' },
          { key: 'f', label: { zh: 'F', en: 'F' }, weight: 1, type: 'yes_no' },
        ],
      },
    ],
    ...over,
  });

export const yes = (itemKey: string, value = true): AuditAnswer => ({ itemKey, kind: 'yes_no', value });
export const na = (itemKey: string): AuditAnswer => ({ itemKey, kind: 'not_applicable' });
export const scaleAnswer = (itemKey: string, value: number): AuditAnswer => ({
  itemKey,
  kind: 'scale',
  value,
});
export const timed = (itemKey: string, seconds: number): AuditAnswer => ({
  itemKey,
  kind: 'timing',
  seconds,
});

export const allGood: AuditAnswer[] = [
  yes('a'),
  yes('b'),
  scaleAnswer('c', 5),
  timed('d', 10),
  yes('e'),
  yes('f'),
];
