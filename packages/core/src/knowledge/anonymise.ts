/*
 * The case-library anonymiser (案例库脱敏, seed 003: 保守机密, 尽力避免涉及客户隐私): a resolved
 * case becomes a training example with the owner's name, phone, unit number, WeChat OpenID and
 * email removed from every text field.
 *
 * Core's privacy helpers (`maskPhone`, `maskName`, `maskPhonesInText`) keep part of a value so a
 * log line can still tell two owners apart; an example must keep nothing, so each value is
 * replaced whole by a label ([业主], [电话], [房号], [微信], [邮箱]).
 *
 * Two passes over every text:
 * 1. The values the case knows (the owner's and any other party's name, phones, units, OpenIDs,
 *    emails), however they are spaced or hyphenated.
 * 2. Patterns for what the case does not know: mainland mobiles (with +86, spaces or hyphens),
 *    landlines, emails, OpenIDs, unit addresses (3栋2单元1502, 5号楼302室, 12-3-1501), and a
 *    common surname followed by 先生/女士/小姐/阿姨 (王先生).
 * A full name nobody recorded cannot be told from other words without a language model; the
 * wiring passes every party's name it has.
 */

export const anonymisedLabels = {
  name: '[业主]',
  phone: '[电话]',
  unit: '[房号]',
  openId: '[微信]',
  email: '[邮箱]',
} as const;
export type PersonalDataKind = keyof typeof anonymisedLabels;

export interface KnownPersonalData {
  names?: readonly string[];
  phones?: readonly string[];
  unitNumbers?: readonly string[];
  openIds?: readonly string[];
  emails?: readonly string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const compoundSurnames = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '夏侯',
  '长孙',
];
// The most frequent single-character surnames (about 85% of the population).
const commonSurnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
// Not 总 (王总): 金总额, 万总计 would lose a word.
const honorifics = '先生|女士|小姐|太太|阿姨|大爷|大妈|叔叔|老师|师傅';

const surnameOf = (name: string) => compoundSurnames.find((s) => name.startsWith(s)) ?? [...name][0] ?? '';

/** A value's digits, any separators allowed between them (138 1234 5678, 138-1234-5678). */
const digitsPattern = (value: string) => {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 5 ? `(?<!\\d)(?:\\+?86[\\s-]?)?${[...digits].join('[\\s-]?')}(?!\\d)` : null;
};

const patterns: [PersonalDataKind, RegExp][] = [
  ['email', /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g],
  ['openId', /(?<![A-Za-z0-9_-])o[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/g],
  ['phone', /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g],
  ['phone', /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g],
  [
    'unit',
    /\d+\s*(?:号楼|栋|幢|座|号)\s*(?:\d+\s*单元\s*)?(?:\d+\s*(?:室|号|房|户)|\d{3,4}(?!\d))|\d+\s*单元\s*\d{3,4}\s*(?:室|号|房)?|(?<!\d)\d{1,2}-\d{1,2}-\d{3,4}(?!\d)|(?<!\d)\d{3,4}\s*(?:室|房)/g,
  ],
  ['name', new RegExp(`(?:${compoundSurnames.join('|')}|[${commonSurnames}])(?:${honorifics})`, 'g')],
];

export interface AnonymiseResult<K extends string> {
  texts: Record<K, string>;
  /** How many values of each kind were removed, over all texts. */
  removed: Record<PersonalDataKind, number>;
}

/** Removes the owner's personal data from every text field. */
export function anonymiseTexts<K extends string>(
  texts: Readonly<Record<K, string>>,
  known: KnownPersonalData = {},
): AnonymiseResult<K> {
  const removed: Record<PersonalDataKind, number> = { name: 0, phone: 0, unit: 0, openId: 0, email: 0 };
  const rules: [PersonalDataKind, RegExp][] = [];
  const add = (kind: PersonalDataKind, source: string | null) => {
    if (source) rules.push([kind, new RegExp(source, 'gi')]);
  };
  // Longest first, so 欧阳娜娜 goes before 欧阳 and a full phone before its tail.
  const byLength = (values: readonly string[] | undefined) =>
    [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  for (const v of byLength(known.emails)) add('email', escapeRegExp(v));
  for (const v of byLength(known.openIds)) add('openId', escapeRegExp(v));
  for (const v of byLength(known.phones)) add('phone', digitsPattern(v));
  for (const v of byLength(known.unitNumbers))
    add('unit', /^\d+$/.test(v) ? `(?<!\\d)${v}(?!\\d)` : escapeRegExp(v));
  for (const v of byLength(known.names)) {
    // 王芳女士 is one mention, not a name and a stray 女士.
    add('name', `${escapeRegExp(v)}(?:${honorifics})?`);
    const surname = surnameOf(v);
    if (surname && surname !== v) add('name', `${escapeRegExp(surname)}(?:${honorifics})`);
  }
  rules.push(...patterns);

  const out = {} as Record<K, string>;
  for (const key of Object.keys(texts) as K[]) {
    let text = texts[key];
    for (const [kind, pattern] of rules) {
      text = text.replace(pattern, () => {
        removed[kind]++;
        return anonymisedLabels[kind];
      });
    }
    out[key] = text;
  }
  return { texts: out, removed };
}

/** A resolved case as the case library takes it. */
export interface ResolvedCaseForLibrary {
  caseId: string;
  kind: string;
  category: string;
  description: string;
  /** The handling as it happened: timeline notes, replies, the resolution. */
  handling: readonly string[];
  resolution: string;
}

/** The draft of a case example (kind `case_example`): every text anonymised, the lesson as the editor wrote it. */
export function caseExampleDraft(
  c: ResolvedCaseForLibrary,
  input: { title: string; lesson: string; known: KnownPersonalData },
): {
  kind: 'case_example';
  title: string;
  body: string;
  lesson: string;
  sourceCaseId: string;
  removed: AnonymiseResult<string>['removed'];
} {
  const fields: Record<string, string> = {
    title: input.title,
    description: c.description,
    resolution: c.resolution,
    lesson: input.lesson,
  };
  c.handling.forEach((h, i) => {
    fields[`handling${i}`] = h;
  });
  const { texts, removed } = anonymiseTexts(fields, input.known);
  const steps = c.handling.map((_, i) => `${i + 1}. ${texts[`handling${i}`]}`);
  const body = [
    `【问题】${texts.description}`,
    '【处理过程】',
    ...steps,
    `【处理结果】${texts.resolution}`,
  ].join('\n');
  return {
    kind: 'case_example',
    title: texts.title!,
    body,
    lesson: texts.lesson!,
    sourceCaseId: c.caseId,
    removed,
  };
}
