import { describe, expect, it } from 'vitest';
import { outboxStatus, replayRefusal } from '../../src/events/outbox-status';

const at = new Date('2026-12-01T08:00:00Z');

describe('outbox event status and replay', () => {
  it('is pending until sent, sent until handled, handled once its fan-out is written, dead once dead-lettered unhandled', () => {
    expect(outboxStatus({ publishedAt: null, handledAt: null, deadAt: null })).toBe('pending');
    expect(outboxStatus({ publishedAt: at, handledAt: null, deadAt: null })).toBe('sent');
    expect(outboxStatus({ publishedAt: at, handledAt: at, deadAt: null })).toBe('handled');
    expect(outboxStatus({ publishedAt: at, handledAt: null, deadAt: at })).toBe('dead');
    expect(outboxStatus({ publishedAt: null, handledAt: null, deadAt: at })).toBe('dead');
    // A copy dead-lettered after another copy was handled: the event is done.
    expect(outboxStatus({ publishedAt: at, handledAt: at, deadAt: at })).toBe('handled');
  });

  it('replays every event not handled (pending, sent, dead), never a handled one', () => {
    expect(replayRefusal({ publishedAt: at, handledAt: null, deadAt: at })).toBeUndefined();
    expect(replayRefusal({ publishedAt: null, handledAt: null, deadAt: null })).toBeUndefined();
    expect(replayRefusal({ publishedAt: at, handledAt: null, deadAt: null })).toBeUndefined();
    expect(replayRefusal({ publishedAt: at, handledAt: at, deadAt: null })).toMatch(/handled already/);
  });
});
