import { describe, expect, it } from 'vitest';
import { allowedDefectSteps, defectStatuses, defectSteps, nextDefectStatus } from '../../src/defects/index';
import { AppError } from '../../src/errors';

describe('the defect life cycle', () => {
  it('a suggestion is accepted, decided in a meeting, rectified late and closed', () => {
    let s = nextDefectStatus('suggested', 'accept');
    expect(s).toBe('accepted');
    s = nextDefectStatus(s, 'decide');
    s = nextDefectStatus(s, 'start_rectification');
    expect(s).toBe('rectifying');
    s = nextDefectStatus(s, 'mark_overdue');
    expect(s).toBe('overdue');
    s = nextDefectStatus(s, 'complete');
    expect(nextDefectStatus(s, 'close')).toBe('closed');
  });

  it('a dismissed suggestion and a closed defect take no step', () => {
    expect(allowedDefectSteps('dismissed')).toEqual([]);
    expect(allowedDefectSteps('closed')).toEqual([]);
  });

  it('every step not allowed from a status is a 409 illegal_transition naming what is allowed', () => {
    for (const status of defectStatuses) {
      for (const step of defectSteps) {
        if (allowedDefectSteps(status).includes(step)) {
          expect(defectStatuses).toContain(nextDefectStatus(status, step));
          continue;
        }
        try {
          nextDefectStatus(status, step);
          expect.unreachable(`${status} → ${step}`);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe('illegal_transition');
          expect((e as AppError).extra).toMatchObject({
            status,
            action: step,
            allowed: allowedDefectSteps(status),
          });
        }
      }
    }
  });

  it('a defect cannot be decided before it is accepted, nor closed before it is rectified', () => {
    expect(() => nextDefectStatus('suggested', 'decide')).toThrow(AppError);
    expect(() => nextDefectStatus('overdue', 'close')).toThrow(AppError);
  });
});
