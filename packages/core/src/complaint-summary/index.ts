/**
 * The monthly complaint summary (月度投诉汇总): its schedule on the tenant calendar, the draft
 * figures from complaint facts, and what the CS lead and the branch CS manager add.
 */
export * from './summary';
