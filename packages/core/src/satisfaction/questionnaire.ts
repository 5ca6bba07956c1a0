import { z } from 'zod';

/*
 * Questionnaire templates (满意度调查问卷). A template is versioned: a campaign pins one
 * version, so editing the template later never changes what an answered survey meant.
 */

/** The service dimensions a question scores; the short boards (短板) are read per dimension. */
export const dimensions = [
  'repairs', // 工程维修
  'complaints', // 投诉处理
  'security', // 安全秩序
  'cleaning', // 环境清洁
  'greenery', // 绿化养护
  'front_desk', // 前台服务
  'facilities', // 设施设备
  'communication', // 沟通与关怀
  'overall', // 总体评价
] as const;
export const DimensionSchema = z.enum(dimensions);
export type Dimension = z.infer<typeof DimensionSchema>;

export const dimensionLabels: Record<Dimension, { zh: string; en: string }> = {
  repairs: { zh: '工程维修', en: 'Repairs' },
  complaints: { zh: '投诉处理', en: 'Complaints' },
  security: { zh: '安全秩序', en: 'Security' },
  cleaning: { zh: '环境清洁', en: 'Cleaning' },
  greenery: { zh: '绿化养护', en: 'Greenery' },
  front_desk: { zh: '前台服务', en: 'Front desk' },
  facilities: { zh: '设施设备', en: 'Facilities' },
  communication: { zh: '沟通与关怀', en: 'Communication and care' },
  overall: { zh: '总体评价', en: 'Overall' },
};

const LabelSchema = z.object({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) }).strict();

const QuestionBase = {
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a lowercase key such as repairs_speed'),
  dimension: DimensionSchema,
  label: LabelSchema,
  required: z.boolean().default(true),
};

/** A 1–5 rating (5 = very satisfied 非常满意); it is what scores are computed from. */
export const ScaleQuestionSchema = z.object({ ...QuestionBase, type: z.literal('scale') }).strict();

/**
 * A choice question. Each option may carry a score (1–5) so that it counts like a rating;
 * options without a score are informational (e.g. "which channel do you use").
 */
export const ChoiceQuestionSchema = z
  .object({
    ...QuestionBase,
    type: z.literal('choice'),
    multiple: z.boolean().default(false),
    options: z
      .array(
        z
          .object({
            value: z.string().regex(/^[a-z0-9_]{1,40}$/),
            label: LabelSchema,
            score: z.number().int().min(1).max(5).optional(),
          })
          .strict(),
      )
      .min(2)
      .max(20),
  })
  .strict();

export const QuestionSchema = z.discriminatedUnion('type', [ScaleQuestionSchema, ChoiceQuestionSchema]);
export type Question = z.output<typeof QuestionSchema>;

export const QuestionnaireTemplateSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_-]{0,59}$/),
    version: z.number().int().min(1),
    title: LabelSchema,
    questions: z.array(QuestionSchema).min(1).max(100),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.questions.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate ${q.id}` });
      seen.add(q.id);
    });
  });
export type QuestionnaireTemplate = z.output<typeof QuestionnaireTemplateSchema>;

/**
 * The next version of a template: same key, version + 1, new questions. Versions are never
 * edited in place (see the file comment).
 */
export function nextVersion(
  current: QuestionnaireTemplate,
  change: Partial<Pick<QuestionnaireTemplate, 'title' | 'questions'>>,
): QuestionnaireTemplate {
  return QuestionnaireTemplateSchema.parse({ ...current, ...change, version: current.version + 1 });
}

const scale = (id: string, dimension: Dimension, zh: string, en: string) => ({
  id,
  dimension,
  type: 'scale' as const,
  label: { zh, en },
});

/**
 * The default template, from the service standards (seed 000: repairs, complaints and the
 * property services the survey report reads; seed 004: front desk and the first-ask rule).
 */
export const defaultQuestionnaire: QuestionnaireTemplate = QuestionnaireTemplateSchema.parse({
  key: 'owner-satisfaction',
  version: 1,
  title: { zh: '业主满意度调查问卷', en: 'Owner satisfaction survey' },
  questions: [
    scale(
      'repairs_response',
      'repairs',
      '报修后施工单位联系您预约上门的及时性',
      'How promptly the contractor contacted you after a repair request',
    ),
    scale(
      'repairs_quality',
      'repairs',
      '维修一次修好、质量满意程度',
      'Whether the repair was fixed the first time, and its quality',
    ),
    scale(
      'complaints_response',
      'complaints',
      '投诉后24小时内得到回应的情况',
      'Whether your complaint was answered within 24 hours',
    ),
    scale(
      'complaints_result',
      'complaints',
      '投诉处理结果满意程度',
      'How satisfied you are with how your complaint was resolved',
    ),
    scale('security_patrol', 'security', '小区安全巡逻与出入管理', 'Patrols and access control'),
    scale('cleaning_common', 'cleaning', '公共区域清洁卫生', 'Cleanliness of common areas'),
    scale('greenery_care', 'greenery', '绿化养护', 'Care of gardens and greenery'),
    scale(
      'front_desk_service',
      'front_desk',
      '前台服务态度与首问负责',
      'Front-desk courtesy and first-ask responsibility',
    ),
    scale('facilities_upkeep', 'facilities', '电梯、门禁等设施设备运行', 'Lifts, gates and other facilities'),
    scale(
      'communication_care',
      'communication',
      '物业与您的沟通、回访与关怀',
      'Communication, follow-up calls and care',
    ),
    scale('overall', 'overall', '总体满意程度', 'Overall satisfaction'),
    {
      id: 'recommend',
      dimension: 'overall',
      type: 'choice',
      required: false,
      label: {
        zh: '您是否愿意向亲友推荐本小区物业服务',
        en: 'Would you recommend our service to friends and family',
      },
      options: [
        { value: 'yes', label: { zh: '愿意', en: 'Yes' }, score: 5 },
        { value: 'unsure', label: { zh: '不确定', en: 'Not sure' }, score: 3 },
        { value: 'no', label: { zh: '不愿意', en: 'No' }, score: 1 },
      ],
    },
  ],
});

/** One answer: a rating for a scale question, option value(s) for a choice question. */
export const AnswerSchema = z.union([
  z.number().int().min(1).max(5),
  z.string(),
  z.array(z.string()).max(20),
]);
export type Answer = z.infer<typeof AnswerSchema>;

export interface AnswerIssue {
  path: (string | number)[];
  message: string;
}

/** The issues of a set of answers against a template (empty when acceptable). */
export function checkAnswers(
  template: QuestionnaireTemplate,
  answers: Record<string, Answer>,
): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const byId = new Map(template.questions.map((q) => [q.id, q]));
  for (const key of Object.keys(answers)) {
    if (!byId.has(key)) issues.push({ path: ['answers', key], message: 'no such question in this template' });
  }
  for (const q of template.questions) {
    const a = answers[q.id];
    if (a === undefined) {
      if (q.required) issues.push({ path: ['answers', q.id], message: 'required' });
      continue;
    }
    if (q.type === 'scale') {
      if (typeof a !== 'number' || !Number.isInteger(a) || a < 1 || a > 5)
        issues.push({ path: ['answers', q.id], message: 'a rating from 1 to 5' });
      continue;
    }
    const values = Array.isArray(a) ? a : typeof a === 'string' ? [a] : null;
    const allowed = new Set(q.options.map((o) => o.value));
    if (!values || (!q.multiple && values.length !== 1) || values.length === 0) {
      issues.push({
        path: ['answers', q.id],
        message: q.multiple ? 'one or more options' : 'exactly one option',
      });
    } else if (values.some((v) => !allowed.has(v))) {
      issues.push({ path: ['answers', q.id], message: `one of ${[...allowed].join(', ')}` });
    }
  }
  return issues;
}

/** The 1–5 scores an answer set gives, per question (unscored choices give none). */
export function scoresOf(
  template: QuestionnaireTemplate,
  answers: Record<string, Answer>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const q of template.questions) {
    const a = answers[q.id];
    if (a === undefined) continue;
    if (q.type === 'scale' && typeof a === 'number') out.set(q.id, a);
    if (q.type === 'choice') {
      const values = Array.isArray(a) ? a : typeof a === 'string' ? [a] : [];
      const scores = values.flatMap((v) => {
        const s = q.options.find((o) => o.value === v)?.score;
        return s === undefined ? [] : [s];
      });
      if (scores.length) out.set(q.id, scores.reduce((x, y) => x + y, 0) / scores.length);
    }
  }
  return out;
}
