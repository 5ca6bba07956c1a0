import { z } from 'zod';
import { roles } from '../access/roles';

const key = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'lower_snake_case key');
/** Labels in zh-CN for staff and English for the integrators' and group's reports. */
export const LabelSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** Channels a mystery shopper audits (神秘客户暗访渠道). */
export const auditChannels = [
  'hotline',
  'front_desk',
  'sales_office',
  'online_chat',
  'property_service',
] as const;
export type AuditChannel = (typeof auditChannels)[number];

/**
 * What a failed critical item (否决项) does: zero its section, or fail the whole audit with
 * a total of 0 (一票否决).
 */
export const criticalEffects = ['zero_section', 'fail_audit'] as const;
export type CriticalEffect = (typeof criticalEffects)[number];

const itemBase = {
  key,
  label: LabelSchema,
  /** Relative weight inside its section. */
  weight: z.number().positive().max(1000),
  /** A required item must be answered (possibly as not applicable, when allowed). */
  required: z.boolean().default(true),
  allowNotApplicable: z.boolean().default(true),
  critical: z.enum(criticalEffects).nullable().default(null),
  /** Who owns the corrective action when this item fails; else the template's owner. */
  ownerRole: z.enum(roles).optional(),
  /** What the auditor should look for. */
  guidance: z.string().max(500).optional(),
};

const YesNoItem = z.object({ ...itemBase, type: z.literal('yes_no') });

/** A scored scale, e.g. 1–5; passes at or above `passAt` (default: the midpoint). */
const ScaleItem = z
  .object({
    ...itemBase,
    type: z.literal('scale'),
    min: z.number(),
    max: z.number(),
    passAt: z.number().optional(),
  })
  .refine((i) => i.min < i.max, 'min must be below max')
  .refine(
    (i) => i.passAt === undefined || (i.passAt >= i.min && i.passAt <= i.max),
    'passAt must lie in min..max',
  );

/**
 * A measured time, e.g. the hotline answered within 15 s. Passes at or under the limit. Without
 * `zeroAtSeconds` it is all or nothing; with it, the score falls linearly to 0 there.
 */
const TimingItem = z
  .object({
    ...itemBase,
    type: z.literal('timing'),
    limitSeconds: z.number().positive(),
    zeroAtSeconds: z.number().positive().optional(),
  })
  .refine(
    (i) => i.zeroAtSeconds === undefined || i.zeroAtSeconds > i.limitSeconds,
    'zeroAtSeconds must exceed limit',
  );

/** A check on a transcript; lists default to the service standards (see phrases.ts). */
const PhraseItem = z.object({
  ...itemBase,
  type: z.literal('phrase'),
  check: z.enum(['greeting', 'polite_words', 'forbidden_phrases']),
  /** polite_words: how many distinct polite words must be heard for full marks. */
  minPoliteWords: z.number().int().positive().default(3),
  greeting: z.string().min(1).optional(),
  words: z.array(z.string().min(1)).min(1).optional(),
});

export const AuditItemSchema = z.discriminatedUnion('type', [YesNoItem, ScaleItem, TimingItem, PhraseItem]);
export type AuditItem = z.infer<typeof AuditItemSchema>;
export type AuditItemType = AuditItem['type'];

export const AuditSectionSchema = z.object({
  key,
  label: LabelSchema,
  /** Relative weight of the section in the total. */
  weight: z.number().positive().max(1000),
  items: z.array(AuditItemSchema).min(1).max(100),
});
export type AuditSection = z.infer<typeof AuditSectionSchema>;

/** A tenant's audit checklist (暗访检查表). Item keys are unique across the template. */
export const AuditTemplateSchema = z
  .object({
    key,
    version: z.number().int().positive().default(1),
    channel: z.enum(auditChannels),
    label: LabelSchema,
    /** Overrides the tenant's pass threshold for this template; null = use the tenant's. */
    passThreshold: z.number().min(0).max(100).nullable().default(null),
    /** Owner of corrective actions when an item names none. */
    ownerRole: z.enum(roles).default('project_manager'),
    sections: z.array(AuditSectionSchema).min(1).max(30),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.sections.forEach((s, si) => {
      if (t.sections.findIndex((o) => o.key === s.key) !== si) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections', si, 'key'],
          message: `duplicate section key ${s.key}`,
        });
      }
      s.items.forEach((item, ii) => {
        if (seen.has(item.key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', si, 'items', ii, 'key'],
            message: `duplicate item key ${item.key}`,
          });
        }
        seen.add(item.key);
      });
    });
  });
export type AuditTemplate = z.infer<typeof AuditTemplateSchema>;
export type AuditTemplateInput = z.input<typeof AuditTemplateSchema>;

/** A template as the API stores and answers it (a row, or the snapshot an audit was planned with). */
export interface StoredAuditTemplate {
  name: string;
  channel: AuditChannel;
  sections: unknown[];
  threshold?: number | null;
  defaultKey?: string | null;
  version?: number;
}

/**
 * Core's template of a stored one: labels from the name, the pass mark from the audit (when
 * given), else the template's own. The Worker scores submissions and the console scores the
 * draft live through this same reading, so both see one template.
 */
export function templateOfStored(stored: StoredAuditTemplate, passThreshold?: number | null): AuditTemplate {
  return AuditTemplateSchema.parse({
    key: stored.defaultKey ?? 'tenant_template',
    version: stored.version ?? 1,
    channel: stored.channel,
    label: { zh: stored.name, en: stored.name },
    passThreshold: passThreshold ?? stored.threshold ?? null,
    sections: stored.sections,
  });
}
