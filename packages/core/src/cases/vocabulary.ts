import { z } from 'zod';
import { AppError } from '../errors';

/** 工单类型: 咨询 inquiry, 报修 repair, 投诉 complaint, 建议 suggestion. */
export const caseKinds = ['inquiry', 'repair', 'complaint', 'suggestion'] as const;
export const CaseKindSchema = z.enum(caseKinds);
export type CaseKind = z.infer<typeof CaseKindSchema>;

/** 全渠道: every channel lands in the same case record. */
export const caseChannels = [
  'hotline',
  'department_phone',
  'web',
  'wechat',
  'app',
  'front_desk',
  'guard_booth', // 保安亭
  'email',
] as const;
export const CaseChannelSchema = z.enum(caseChannels);
export type CaseChannel = z.infer<typeof CaseChannelSchema>;

/** Channels an owner uses alone, so no staff member received the case at intake. */
export const selfServiceChannels: readonly CaseChannel[] = ['web', 'wechat', 'app', 'email'];

export const urgencies = ['normal', 'urgent', 'emergency'] as const;
export const UrgencySchema = z.enum(urgencies);
export type Urgency = z.infer<typeof UrgencySchema>;

/** Complaint severity: 一般, 重大投诉 major, 群诉 group (several owners or units). */
/** Why a low follow-up rating was given (the follow-up call and the owner page offer these). */
export const lowRatingReasons = ['slow', 'not_fixed', 'attitude', 'cost', 'other'] as const;
export const LowRatingReasonSchema = z.enum(lowRatingReasons);
export type LowRatingReason = z.infer<typeof LowRatingReasonSchema>;

export const complaintSeverities = ['normal', 'major', 'group'] as const;
export const ComplaintSeveritySchema = z.enum(complaintSeverities);
export type ComplaintSeverity = z.infer<typeof ComplaintSeveritySchema>;

/** Category codes are dotted paths: a child's code starts with its parent's code and a dot. */
const categoryCode = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'lower snake_case, dotted');

export interface CategoryNode {
  code: string;
  labels: { 'zh-CN': string; en: string };
  children?: CategoryNode[];
}

export const CategoryNodeSchema: z.ZodType<CategoryNode> = z.lazy(() =>
  z.object({
    code: categoryCode,
    labels: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
    children: z.array(CategoryNodeSchema).optional(),
  }),
);

/** A tenant's category tree: codes unique, children nested under their parent's code. */
export const CategoryTreeSchema = z
  .array(CategoryNodeSchema)
  .min(1)
  .superRefine((tree, ctx) => {
    const seen = new Set<string>();
    const walk = (nodes: CategoryNode[], parent: string | null, path: (string | number)[]) => {
      nodes.forEach((node, i) => {
        const at = [...path, i, 'code'];
        if (seen.has(node.code))
          ctx.addIssue({ code: 'custom', path: at, message: `duplicate code ${node.code}` });
        seen.add(node.code);
        if (parent !== null && !node.code.startsWith(`${parent}.`)) {
          ctx.addIssue({ code: 'custom', path: at, message: `must start with ${parent}.` });
        }
        if (parent === null && node.code.includes('.')) {
          ctx.addIssue({ code: 'custom', path: at, message: 'a top-level code has no dot' });
        }
        if (node.children) walk(node.children, node.code, [...path, i, 'children']);
      });
    };
    walk(tree, null, []);
  });
export type CategoryTree = CategoryNode[];

const leaf = (code: string, zh: string, en: string): CategoryNode => ({ code, labels: { 'zh-CN': zh, en } });

/** The default tree; tenants replace it in their case settings. */
export const defaultCategoryTree: CategoryTree = [
  {
    ...leaf('plumbing', '给排水', 'Plumbing'),
    children: [
      leaf('plumbing.blocked_drain', '下水堵塞', 'Blocked drain'),
      leaf('plumbing.pipe_burst', '水管爆裂', 'Burst pipe'),
      leaf('plumbing.no_water', '停水', 'No water'),
    ],
  },
  {
    ...leaf('electrical', '电气', 'Electrical'),
    children: [
      leaf('electrical.power_outage', '停电', 'Power outage'),
      leaf('electrical.socket_switch', '插座开关', 'Sockets and switches'),
      leaf('electrical.lighting', '照明', 'Lighting'),
    ],
  },
  {
    ...leaf('elevator', '电梯', 'Elevator'),
    children: [
      leaf('elevator.trapped', '电梯困人', 'Person trapped'),
      leaf('elevator.breakdown', '电梯故障', 'Breakdown'),
    ],
  },
  leaf('doors_windows', '门窗', 'Doors and windows'),
  {
    ...leaf('leaks', '渗漏', 'Leaks'),
    children: [
      leaf('leaks.roof', '屋面渗漏', 'Roof leak'),
      leaf('leaks.wall', '外墙渗漏', 'Wall leak'),
      leaf('leaks.window', '窗边渗漏', 'Window leak'),
    ],
  },
  leaf('public_facilities', '公共设施', 'Public facilities'),
  leaf('renovation', '装修', 'Renovation'),
  leaf('noise', '噪音', 'Noise'),
  leaf('sales_promise', '销售承诺', 'Sales promise'),
  leaf('property_fees', '物业费', 'Property fees'),
  leaf('security', '安全', 'Security'),
  leaf('cleaning', '保洁', 'Cleaning'),
  leaf('landscaping', '绿化', 'Landscaping'),
  leaf('parking', '停车', 'Parking'),
  leaf('other', '其他', 'Other'),
];

/** The node of a code in a tree, at any depth. */
export function findCategory(tree: readonly CategoryNode[], code: string): CategoryNode | undefined {
  for (const node of tree) {
    if (node.code === code) return node;
    if (node.children && code.startsWith(`${node.code}.`)) {
      const found = findCategory(node.children, code);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether a code names a category (a top-level one or a child) of the tenant's tree. */
export function isValidCategory(tree: readonly CategoryNode[], code: string): boolean {
  return findCategory(tree, code) !== undefined;
}

/** Throws validation_failed on the `category` field when the code is not in the tree. */
export function assertCategory(tree: readonly CategoryNode[], code: string): void {
  if (!isValidCategory(tree, code)) {
    throw new AppError('validation_failed', `Unknown category ${code}`, {
      issues: [{ path: 'category', message: 'not in the tenant category tree', code: 'unknown_category' }],
    });
  }
}

/**
 * The top-level category of a code. Rework and first-time-fix statistics compare top-level
 * categories, because two agents file the same fault at different depths.
 */
export function rootCategory(code: string): string {
  const dot = code.indexOf('.');
  return dot === -1 ? code : code.slice(0, dot);
}
