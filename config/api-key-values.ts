/**
 * Imported API key values (`<project>:apiKeyValues`) are credentials: the stack file must hold them
 * encrypted (`secure:`), as `pulumi config set --secret` writes them, never in plain text.
 */

/** `{ secure: "v1:..." }`: a value `pulumi config set --secret` encrypted, as the stack file holds it. */
export const isSecureValue = (value: unknown): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { secure?: unknown }).secure === "string";

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
