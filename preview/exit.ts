/**
 * Exits once everything written to stdout and stderr has been handed to the OS. `process.exit` alone
 * drops what is still queued when stdout is a pipe (`npm run preview -- --json | jq` lost all but the
 * first 128 KiB).
 */
export function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", done);
  process.stderr.write("", done);
}
