import { describe, expect, it } from 'vitest';
import { outboxStatus, replayRefusal } from '../../src/events/outbox-status';

const at = new Date('2026-12-01T08:00:00Z');

describe('outbox event status and replay', () => {
  it('is pending until sent, published once sent, dead once dead-lettered (sent or not)', () => {
    expect(outboxStatus({ publishedAt: null, deadAt: null })).toBe('pending');
    expect(outboxStatus({ publishedAt: at, deadAt: null })).toBe('published');
    expect(outboxStatus({ publishedAt: at, deadAt: at })).toBe('dead');
    expect(outboxStatus({ publishedAt: null, deadAt: at })).toBe('dead');
  });

  it('replays dead and unsent events only', () => {
    expect(replayRefusal({ publishedAt: at, deadAt: at })).toBeUndefined();
    expect(replayRefusal({ publishedAt: null, deadAt: null })).toBeUndefined();
    expect(replayRefusal({ publishedAt: at, deadAt: null })).toMatch(/published and is not dead/);
  });
});
