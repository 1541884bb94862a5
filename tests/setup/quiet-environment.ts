import type { Circus } from "@jest/types";
import { TestEnvironment } from "jest-environment-node";
import { TEST_OUTPUT_KEY } from "../helpers/test-output";
import { recordMeasures } from "./suite-timings";

/**
 * jest's node environment, plus: output sent to `testOutput()` sinks is kept per test and added to the
 * test's failure report, so a green run prints only jest's own lines; and stack traces are back on
 * after every test (an evaluation under mocks that threw leaves them off, see preview/evaluation.ts).
 * When `npm run bench -- --suite` asks, the file's timings are recorded (see suite-timings.ts).
 */
export default class QuietEnvironment extends TestEnvironment {
  private readonly stackTraceLimit = this.global.Error.stackTraceLimit;
  private stopMeasures: () => void = () => undefined;

  private output(): string[] {
    const buffer = this.global[TEST_OUTPUT_KEY];
    if (Array.isArray(buffer)) return buffer as string[];
    const created: string[] = [];
    this.global[TEST_OUTPUT_KEY] = created;
    return created;
  }

  handleTestEvent(event: Circus.Event): void {
    if (event.name !== "test_done") return;
    this.global.Error.stackTraceLimit = this.stackTraceLimit;
    const lines = this.output().splice(0);
    if (event.test.errors.length === 0 || lines.length === 0) return;
    const report = new Error(`output while this test ran (${lines.length} lines):\n${lines.join("\n")}`);
    report.stack = report.message;
    event.test.errors.push(report);
  }

  async setup(): Promise<void> {
    await super.setup();
    this.output();
    this.stopMeasures = recordMeasures();
  }

  async teardown(): Promise<void> {
    this.stopMeasures();
    await super.teardown();
  }
}
