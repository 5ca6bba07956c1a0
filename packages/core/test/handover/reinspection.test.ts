import { describe, expect, it } from 'vitest';
import { reinspectionOutcome } from '../../src/handover/index';

describe('re-inspection (复查)', () => {
  const open = [
    { id: 'i1', item: '卫生间闭水' },
    { id: 'i2', item: '墙面' },
  ];
  it('resolves the open issues whose item passes now, keeps the still-failed ones, adds new failures', () => {
    const out = reinspectionOutcome(open, [
      { item: '卫生间闭水', passed: true },
      { item: '墙面', passed: false },
      { item: '窗户', passed: false },
    ]);
    expect(out.resolve).toEqual(['i1']);
    expect(out.newFailures.map((f) => f.item)).toEqual(['窗户']);
  });
  it('changes nothing when no item is named again', () => {
    expect(reinspectionOutcome(open, [{ item: '入户门', passed: true }])).toEqual({
      resolve: [],
      newFailures: [],
    });
  });
});
