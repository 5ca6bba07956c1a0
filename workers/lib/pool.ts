/**
 * Runs `work` for every item, at most `concurrency` at a time, in the items' order of start.
 * A failing item never stops the others: it is handed to `onError` (a throw from which is
 * ignored too) and counted. Answers how many items failed. For the cron's visits of shards and
 * tenants, where one broken shard or tenant must not hold the platform back, and a thousand
 * tenants one after the other would outlast the minute.
 */
export async function forEachPooled<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  onError: (item: T, error: unknown) => void = () => undefined,
): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed += 1;
        try {
          onError(item, error);
        } catch {
          // A logger that throws must not stop the pool either.
        }
      }
    }
  };
  const width = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
  await Promise.all(Array.from({ length: width }, worker));
  return failed;
}
