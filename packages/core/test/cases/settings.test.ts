import { describe, expect, it } from 'vitest';
import {
  assertCategory,
  CaseSettingsSchema,
  CategoryTreeSchema,
  defaultCaseSettings,
  defaultCategoryTree,
  findCategory,
  isValidCategory,
  parseCaseSettings,
  rootCategory,
} from '../../src/cases/index';

describe('tenant case settings', () => {
  it('default to the seeds’ numbers', () => {
    expect(defaultCaseSettings).toMatchObject({
      timeZone: 'Asia/Shanghai',
      reworkWindowDays: 30,
      unsatisfiedAtOrBelow: 2,
      claimApprovalThresholdFen: 1_000_000,
      claimApproverRoles: ['cr_manager'],
    });
    expect(defaultCaseSettings.categories).toEqual(defaultCategoryTree);
    // The contact deadline is the SLA policy's contractor_contact milestone, not a case setting.
    expect(defaultCaseSettings).not.toHaveProperty('contactDeadlineMinutes');
  });

  it('keep defaults for what a tenant leaves out and refuse bad values', () => {
    expect(parseCaseSettings({ reworkWindowDays: 10 })).toMatchObject({
      reworkWindowDays: 10,
      unsatisfiedAtOrBelow: 2,
    });
    expect(CaseSettingsSchema.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(CaseSettingsSchema.safeParse({ claimApprovalThresholdFen: 100.5 }).success).toBe(false);
    expect(CaseSettingsSchema.safeParse({ claimApproverRoles: ['janitor'] }).success).toBe(false);
  });
});

describe('category tree', () => {
  it('has the default categories with Chinese and English labels', () => {
    const codes = defaultCategoryTree.map((c) => c.code);
    expect(codes).toEqual([
      'plumbing',
      'electrical',
      'elevator',
      'doors_windows',
      'leaks',
      'public_facilities',
      'renovation',
      'noise',
      'sales_promise',
      'property_fees',
      'security',
      'cleaning',
      'landscaping',
      'parking',
      'other',
    ]);
    expect(findCategory(defaultCategoryTree, 'elevator.trapped')?.labels).toEqual({
      'zh-CN': '电梯困人',
      en: 'Person trapped',
    });
    expect(CategoryTreeSchema.safeParse(defaultCategoryTree).success).toBe(true);
  });

  it('validates codes against a tenant tree', () => {
    const tree = CategoryTreeSchema.parse([
      {
        code: 'hvac',
        labels: { 'zh-CN': '空调', en: 'HVAC' },
        children: [{ code: 'hvac.noise', labels: { 'zh-CN': '空调噪音', en: 'Noisy' } }],
      },
    ]);
    expect(isValidCategory(tree, 'hvac.noise')).toBe(true);
    expect(isValidCategory(tree, 'plumbing')).toBe(false);
    expect(() => assertCategory(tree, 'plumbing')).toThrow(/Unknown category/);
    expect(rootCategory('hvac.noise')).toBe('hvac');
  });

  it('refuses duplicate codes and children outside their parent', () => {
    const label = { 'zh-CN': 'x', en: 'x' };
    expect(
      CategoryTreeSchema.safeParse([
        { code: 'a', labels: label },
        { code: 'a', labels: label },
      ]).success,
    ).toBe(false);
    expect(
      CategoryTreeSchema.safeParse([{ code: 'a', labels: label, children: [{ code: 'b.c', labels: label }] }])
        .success,
    ).toBe(false);
    expect(CategoryTreeSchema.safeParse([]).success).toBe(false);
    expect(CategoryTreeSchema.safeParse([{ code: 'Bad Code', labels: label }]).success).toBe(false);
  });
});
