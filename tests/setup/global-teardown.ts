/** Stops what global-setup.ts started; if the run is killed instead, the JVM's watchdog stops it. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.sharedDynamoDb?.stop();
  globalThis.sharedDynamoDb = undefined;
}
