/** The monthly complaint summary (月度投诉汇总): the use cases every edge calls. */
export {
  type ComplaintSummaryRow,
  deadlineOf,
  draftMonthlySummaries,
  getSummary,
  listSummaries,
  raiseSummaryDeadlines,
  reviewSummary,
  submitSummary,
  summaryPeople,
} from './summaries';
