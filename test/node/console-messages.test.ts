import { cases, errorCatalogue } from '@guanjia/core';
import { describe, expect, it } from 'vitest';
import { en } from '../../packages/console/src/i18n/en';
import { zhCN } from '../../packages/console/src/i18n/zh-CN';

const keys = (catalogue: Record<string, string>) => Object.keys(catalogue).sort();

// The console shows nothing but these catalogues: a key missing in one language, or a code the API
// answers without a message, would put a raw code or an untranslated word in front of a clerk.
describe('the console’s message catalogues', () => {
  it('zh-CN and en have the same keys, none empty', () => {
    expect(keys(en)).toEqual(keys(zhCN));
    for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('every {placeholder} of a message is in both languages', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of keys(zhCN)) expect(names(en[key] as string), key).toEqual(names(zhCN[key] as string));
  });

  it('every error code of the API has a sentence', () => {
    for (const code of Object.keys(errorCatalogue)) expect(zhCN, code).toHaveProperty([`error.${code}`]);
  });

  it('every case kind, channel, urgency, severity, status and step has a label', () => {
    const vocabulary = [
      ...cases.caseKinds.map((k) => `kind.${k}`),
      ...cases.caseChannels.map((c) => `channel.${c}`),
      ...cases.urgencies.map((u) => `urgency.${u}`),
      ...cases.complaintSeverities.map((s) => `severity.${s}`),
      ...cases.caseStatuses.map((s) => `status.${s}`),
      ...cases.actionNames.map((a) => `action.${a}`),
    ];
    for (const key of vocabulary) expect(zhCN, key).toHaveProperty([key]);
  });
});
