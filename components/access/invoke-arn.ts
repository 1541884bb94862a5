/**
 * Pure helpers of the caller role, without Pulumi: config validation (config/access-references.ts,
 * through resource-policy.ts) uses them, and loading @pulumi/aws for them cost every command that
 * only checks a config (the local twin's start among them) about a second.
 */

/** One route of the REST API, as config writes it: `GET` and `/items/{id}`. */
export interface CallerRoute {
  readonly method: string;
  readonly path: string;
}

/**
 * The `execute-api:Invoke` resource of a route: path parameters (`{id}`, greedy `{proxy+}`) become
 * `*` and `ANY` becomes `*`. IAM's `*` also matches `/`, so `/items/*` covers `/items/1/lines`
 * too: the narrowest pattern IAM can write.
 */
export function invokeResourceArn(executionArn: string, stage: string, route: CallerRoute): string {
  const method = route.method.toUpperCase();
  const path = route.path.replace(/\{[^/{}]+\}/g, "*");
  return `${executionArn}/${stage}/${method === "ANY" ? "*" : method}${path}`;
}
