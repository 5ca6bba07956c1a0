import { describe, expect, it } from 'vitest';
import { clockOf, fireAlarm } from '../support/sla';

describe('a clock with nothing to watch', () => {
  it('a clock whose case does not exist disarms when its alarm runs, and a second run finds no alarm', async () => {
    const clock = clockOf('ten_nobody', 'case_nobody');
    const armed = await clock.armAt('ten_nobody', 'case_nobody', Date.now() + 60_000, 1);
    expect(armed.wakeAt).not.toBeNull();
    expect(await fireAlarm('ten_nobody', 'case_nobody')).toBe(true);
    const after = await clock.state();
    expect(after.wakeAt).toBeNull();
    expect(after.lastFired?.dueAt).toBe(armed.wakeAt);
    expect(await fireAlarm('ten_nobody', 'case_nobody')).toBe(false);
  });
});
