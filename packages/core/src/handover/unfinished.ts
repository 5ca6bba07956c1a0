import { z } from 'zod';
import { localDateOf } from '../time-zone';
import { LocalDateSchema } from './plan';

/*
 * Unfinished works after handover (未完成工程, seed 000 part 2.VI: 物业在项目交付后，要及时对未完成
 * 的工程进行立案、登记，同时做好向地产企业的汇报、反馈): registered, reported to the developer,
 * tracked to completion.
 */

export const UnfinishedWorkSchema = z.object({
  planId: z.string().min(1),
  description: z.string().trim().min(1).max(2000),
  location: z.string().trim().max(200).default(''),
  responsibleDepartmentId: z.string().min(1).nullable().default(null),
  dueOn: LocalDateSchema,
  completedOn: LocalDateSchema.nullable().default(null),
});
export type UnfinishedWork = z.output<typeof UnfinishedWorkSchema>;

export type UnfinishedWorkState = 'open' | 'overdue' | 'done' | 'done_late';

export function unfinishedWorkState(
  work: Pick<UnfinishedWork, 'dueOn' | 'completedOn'>,
  today: string,
): UnfinishedWorkState {
  if (work.completedOn) return work.completedOn > work.dueOn ? 'done_late' : 'done';
  return today > work.dueOn ? 'overdue' : 'open';
}

/** Counts per state at `now` in the tenant's zone. */
export function unfinishedWorkSummary(
  works: readonly Pick<UnfinishedWork, 'dueOn' | 'completedOn'>[],
  now: Date,
  timeZone: string,
): Record<UnfinishedWorkState, number> {
  const today = localDateOf(now.getTime(), timeZone);
  const counts: Record<UnfinishedWorkState, number> = { open: 0, overdue: 0, done: 0, done_late: 0 };
  for (const w of works) counts[unfinishedWorkState(w, today)]++;
  return counts;
}
