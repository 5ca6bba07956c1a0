import { describe, expect, it } from 'vitest';
import { forEachPooled } from '../../workers/lib/pool';

describe('forEachPooled (the cron visits shards and tenants through it)', () => {
  it('visits every item, never more than the limit at once', async () => {
    let inFlight = 0;
    let widest = 0;
    const seen: number[] = [];
    const items = Array.from({ length: 23 }, (_, i) => i);
    const failed = await forEachPooled(items, 4, async (i) => {
      inFlight += 1;
      widest = Math.max(widest, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (i % 3) * 2));
      seen.push(i);
      inFlight -= 1;
    });
    expect(failed).toBe(0);
    expect(widest).toBe(4);
    expect([...seen].sort((a, b) => a - b)).toEqual(items);
  });

  it('a failing item is counted and handed on; the others still run', async () => {
    const done: string[] = [];
    const errors: string[] = [];
    const failed = await forEachPooled(
      ['a', 'bad', 'b', 'worse', 'c'],
      2,
      async (item) => {
        if (item === 'bad' || item === 'worse') throw new Error(item);
        done.push(item);
      },
      (item, error) => {
        errors.push(`${item}:${(error as Error).message}`);
        if (item === 'worse') throw new Error('the logger broke too');
      },
    );
    expect(failed).toBe(2);
    expect(done.sort()).toEqual(['a', 'b', 'c']);
    expect(errors.sort()).toEqual(['bad:bad', 'worse:worse']);
  });

  it('runs nothing for no items, and at least one at a time for a nonsense limit', async () => {
    expect(await forEachPooled([], 4, async () => undefined)).toBe(0);
    const done: number[] = [];
    expect(await forEachPooled([1, 2], 0, async (i) => void done.push(i))).toBe(0);
    expect(done).toEqual([1, 2]);
  });
});
