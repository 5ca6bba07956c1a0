/**
 * The clock's only source of the current time. The Durable Object reads it when it arms and
 * when its alarm fires; tests control time through the case's own instants (due times in the
 * past) and by passing `now` to `tickCaseClock`, never by sleeping through a window.
 */
export function clockNow(): Date {
  return new Date();
}
