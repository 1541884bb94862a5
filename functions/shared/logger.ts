import { Logger } from "@aws-lambda-powertools/logger";

/** The `service` of every log line when `POWERTOOLS_SERVICE_NAME` is unset or empty. */
export const DEFAULT_SERVICE_NAME = "microservice-gateway";

export const REDACTED = "[REDACTED]";

/**
 * Keys whose values never reach a log line, whatever object they turn up in (compared ignoring
 * case). The handler wrapper never passes request bodies, headers or items to the logger; this is
 * the second line of defence should later code log an event, a header map or an error that carries one.
 */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "headers",
  "multivalueheaders",
  "body",
  "event",
  "item",
  "items",
  "attributes",
  "password",
  "secret",
  "token",
]);

/** Passed to Powertools as `jsonReplacerFn`: runs for every key of every log line before it is written. */
export function redactSensitiveKeys(key: string, value: unknown): unknown {
  return key !== "" && REDACTED_KEYS.has(key.toLowerCase()) ? REDACTED : value;
}

/**
 * The one logger of the container, created when the bundle is first imported and reused by every
 * invocation (Powertools counts the cold start per instance). Each line is one JSON object written
 * to stdout (stderr for ERROR), which Lambda's JSON log format keeps as it is.
 *
 * - `service`: `POWERTOOLS_SERVICE_NAME`, else {@link DEFAULT_SERVICE_NAME}.
 * - level: read by Powertools itself: `AWS_LAMBDA_LOG_LEVEL` (Lambda's advanced logging controls)
 *   wins, then `POWERTOOLS_LOG_LEVEL`, then `LOG_LEVEL`; INFO by default.
 *
 * Per-invocation keys are added and cleared by `httpHandler` (`./handler`), never here.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME,
  jsonReplacerFn: redactSensitiveKeys,
});
