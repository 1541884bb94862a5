/** Where the output of a function's container goes (see function-worker.mjs, which collects it). */

/** What a function wrote since its worker's last message: `[stream, text]` pairs in the order written. */
export type Written = readonly (readonly ["stdout" | "stderr", string])[];

/**
 * Where a container's output goes: each line to `log`, or the text as written to this process's
 * stdout and stderr. Lines end as readline ends them (`\n`, `\r\n` or `\r`); a partial line waits
 * for its end, or for `end()`.
 */
export function outputTo(log: ((line: string) => void) | undefined): { write(logs: Written): void; end(): void } {
  if (!log) {
    return {
      write(logs) {
        for (const [name, text] of logs) process[name].write(text);
      },
      end() {},
    };
  }
  const partial = { stdout: "", stderr: "" };
  const lines = (name: "stdout" | "stderr", text: string) => {
    // A trailing \r may be the first half of \r\n: it waits for the next text.
    const parts = (partial[name] + text).split(/\r\n|\n|\r(?!$)/);
    partial[name] = parts.pop() as string;
    for (const line of parts) log(line);
  };
  return {
    write(logs) {
      for (const [name, text] of logs) lines(name, text);
    },
    end() {
      for (const name of ["stdout", "stderr"] as const) {
        const rest = partial[name].replace(/\r$/, "");
        partial[name] = "";
        if (rest !== "") log(rest);
      }
    },
  };
}
