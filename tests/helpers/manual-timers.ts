import type { ConnectionTimers } from "../../local/websocket-twin";

export interface ManualTimers extends ConnectionTimers {
  /** Moves the clock on by `ms`, running every callback that falls due, in order. */
  advance(ms: number): void;
}

/** Timers on a clock that moves only when the test moves it: nothing falls due on its own, however slow the machine. */
export function manualTimers(): ManualTimers {
  let now = 0;
  let nextId = 0;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    start(callback, ms) {
      const id = ++nextId;
      due.set(id, { at: now + ms, callback });
      return id;
    },
    cancel(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= until).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].callback();
      }
      now = until;
    },
  };
}
