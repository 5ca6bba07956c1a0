/** Report figures (percentiles, reply rate, SLA compliance, comparisons) and the CSV writer. */
export * from './csv';
export * from './dashboard';
export * from './kpis';
