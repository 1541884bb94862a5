import { createHash } from "crypto";

/**
 * Imported API key values (`<project>:apiKeyValues`) are credentials: the stack file must hold them
 * encrypted (`secure:`), as `pulumi config set --secret` writes them, never in plain text.
 */

/** `{ secure: "v1:..." }`: a value `pulumi config set --secret` encrypted, as the stack file holds it. */
export const isSecureValue = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length === 1 &&
  typeof (value as { secure?: unknown }).secure === "string";

/**
 * The entries of `apiKeyValues` written in plain text. The Pulumi CLI marks a config key secret when
 * any value inside it is (`isSecret`), and hands the program the decrypted values: a key that is not
 * secret holds only plain text. Where the values are still encrypted (the offline preview reads the
 * stack file itself), a plain string beside `secure:` values is plain text too.
 */
export function plainTextApiKeyValues(project: string, key: string, raw: string | undefined, isSecret: boolean): string[] {
  if (raw === undefined) return [];
  let values: unknown;
  try {
    values = JSON.parse(raw);
  } catch {
    return []; // reported as "must be an object" by missingImportedKeyValues
  }
  if (!values || typeof values !== "object" || Array.isArray(values)) return [];
  const entries = Object.entries(values as Record<string, unknown>);
  const anyEncrypted = entries.some(([, value]) => isSecureValue(value));
  return entries
    .filter(([, value]) => !isSecureValue(value) && (!isSecret || anyEncrypted))
    .map(
      ([name]) =>
        `${project}:${key}.${name}: is plain text in the stack's configuration; an API key value must be a secret (pulumi config set --secret --path '${key}.${name}' <value>)`,
    );
}

/** What stands in for an encrypted value no one decrypted: `offline-` and 24 hex digits of its ciphertext's hash. */
export const OFFLINE_STAND_IN = /^offline-[0-9a-f]{24}$/;

/**
 * An imported key's value as the program uses it. The Pulumi CLI hands the program decrypted values;
 * the offline preview and the twin read the stack file without its secrets provider, so a value still
 * `{ secure: ... }` there gets a stand-in: stable (the same ciphertext gives the same key) and 32
 * characters long, since API Gateway takes key values of at least 20.
 */
export function apiKeyValueOf(value: unknown): string {
  if (!isSecureValue(value)) return String(value);
  const ciphertext = (value as { secure: string }).secure;
  return `offline-${createHash("sha256").update(ciphertext).digest("hex").slice(0, 24)}`;
}
