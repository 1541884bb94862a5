import { recordMeasures } from "./suite-timings";

/** Stops what global-setup.ts started; if the run is killed instead, the JVM's watchdog stops it. */
export default async function globalTeardown(): Promise<void> {
  const stopMeasures = recordMeasures();
  await globalThis.sharedDynamoDb?.stop();
  globalThis.sharedDynamoDb = undefined;
  stopMeasures();
}
