import { forEachBounded, pagedItems, type Page } from "../../functions/websocket/pool";

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A paginated source of `pages` pages of `size` numbers, recording what was requested when. */
function fakeSource(pages: number, size: number, events: string[], fail?: { page: number }) {
  return async (start: number | undefined): Promise<Page<number, number>> => {
    const page = start ?? 0;
    events.push(`fetch ${page}`);
    await tick();
    if (fail !== undefined && page === fail.page) throw new Error(`page ${page} failed`);
    const items = Array.from({ length: size }, (_, i) => page * size + i);
    return { items, next: page + 1 < pages ? page + 1 : undefined };
  };
}

describe("pagedItems", () => {
  it("yields every item of every page in order", async () => {
    const seen: number[] = [];
    for await (const item of pagedItems(fakeSource(4, 3, []))) seen.push(item);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it("asks for the next page when a page arrives, and for none beyond it until that page is reached", async () => {
    const events: string[] = [];
    const iterator = pagedItems(fakeSource(4, 2, events));
    const take = async () => {
      const step = await iterator.next();
      events.push(`item ${String(step.value)}`);
      await tick();
      await tick();
    };
    for (let i = 0; i < 8; i++) await take();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(events).toEqual(["fetch 0", "fetch 1", "item 0", "item 1", "fetch 2", "item 2", "item 3", "fetch 3", "item 4", "item 5", "item 6", "item 7"]);
  });

  it("rethrows a failed prefetch when its turn comes, without an unhandled rejection", async () => {
    const unhandled = jest.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const seen: number[] = [];
      const consume = async () => {
        for await (const item of pagedItems(fakeSource(3, 2, [], { page: 1 }))) {
          seen.push(item);
          // Let the failed prefetch settle while the page is still being consumed.
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      await expect(consume()).rejects.toThrow("page 1 failed");
      expect(seen).toEqual([0, 1]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });
});

describe("forEachBounded", () => {
  it("runs every item exactly once with at most `limit` in flight, and reaches the limit", async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachBounded(pagedItems(fakeSource(10, 7, [])), 5, async (item) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, item % 3));
      inFlight--;
      done.push(item);
    });
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 70 }, (_, i) => i));
    expect(peak).toBe(5);
  });

  it("holds at most two pages: page n + 2 is never requested before every item of page n has started", async () => {
    const events: string[] = [];
    const started: number[] = [];
    const size = 10;
    await forEachBounded(pagedItems(fakeSource(8, size, events)), 3, async (item) => {
      started.push(item);
      events.push(`start ${item}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    for (let page = 2; page < 8; page++) {
      const requestedAt = events.indexOf(`fetch ${page}`);
      const startedBefore = events.slice(0, requestedAt).filter((e) => e.startsWith("start ")).length;
      expect(startedBefore).toBeGreaterThanOrEqual((page - 1) * size);
    }
    expect(started).toHaveLength(80);
  });

  it("with a limit of 1 runs the items one at a time, in order", async () => {
    let inFlight = 0;
    const order: number[] = [];
    await forEachBounded(pagedItems(fakeSource(3, 4, [])), 1, async (item) => {
      expect(++inFlight).toBe(1);
      await tick();
      order.push(item);
      inFlight--;
    });
    expect(order).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it("lets the work in flight finish, then rejects with the source's error", async () => {
    const finished: number[] = [];
    const run = forEachBounded(pagedItems(fakeSource(3, 4, [], { page: 2 })), 3, async (item) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      finished.push(item);
    });
    await expect(run).rejects.toThrow("page 2 failed");
    expect(finished.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("rejects a limit that is not a positive integer", async () => {
    await expect(forEachBounded(pagedItems(fakeSource(1, 1, [])), 0, async () => undefined)).rejects.toThrow("limit must be a positive integer, got 0");
  });
});
