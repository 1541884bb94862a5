/** One page of a paginated read: its items and where the next page starts (undefined on the last). */
export interface Page<T, K> {
  items: readonly T[];
  next: K | undefined;
}

/**
 * Every item of every page, in order. Page n + 1 is requested as soon as page n arrives, so it is
 * usually there when page n runs out; page n + 2 is not requested before page n + 1 has arrived and
 * its first item has been taken, so at most two pages are held at once, however long the table.
 */
export async function* pagedItems<T, K>(fetchPage: (start: K | undefined) => Promise<Page<T, K>>): AsyncGenerator<T, void, undefined> {
  let pending: Promise<Page<T, K>> | undefined = fetchPage(undefined);
  while (pending !== undefined) {
    const page: Page<T, K> = await pending;
    pending = page.next === undefined ? undefined : fetchPage(page.next);
    // A prefetch that fails while the current page is consumed must not count as unhandled; the
    // `await` above rethrows it when its turn comes.
    pending?.catch(() => undefined);
    yield* page.items;
  }
}

/**
 * Runs `work` for every item of `source` with at most `limit` calls in flight. Items are pulled
 * from the source only when a slot is free, so a paginated source is read at the pace of the work.
 * Resolves when every call has settled; rejects with the first error (of the source or of `work`)
 * after that, never earlier, so nothing is left running.
 */
export async function forEachBounded<T>(source: AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const iterator = source[Symbol.asyncIterator]();
  // An async generator queues concurrent next() calls and answers them in order: each item goes to exactly one worker.
  const worker = async (): Promise<void> => {
    for (;;) {
      const step = await iterator.next();
      if (step.done === true) return;
      await work(step.value);
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: limit }, worker));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure !== undefined) throw failure.reason;
}
