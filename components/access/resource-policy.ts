import { HTTP_METHODS } from "../../config/constants";
import { resourcePolicyProblems, type ResourcePolicySettings } from "../../config/shared/resource-policy";
import { invokeResourceArn, type CallerRoute } from "./invoke-arn";
import { patternCoversRoute } from "./method-patterns";

/**
 * A REST API's resource policy, built from a few settings and the API's methods.
 *
 * How API Gateway evaluates one (AWS's "How API Gateway resource policies affect authorization
 * workflow", tables A and B; modelled in `authorization-flow.ts`): once an API has a resource policy,
 * - a method without IAM authorization (NONE, API key, Lambda or Cognito authorizer) needs an explicit
 *   Allow in the resource policy; anything else is denied;
 * - an IAM-authorized method called from the API's own account is allowed when the caller's IAM policy
 *   OR the resource policy allows it;
 * - an IAM-authorized method called from another account needs both the caller's IAM policy AND the
 *   resource policy to allow it;
 * - an explicit Deny in either always wins.
 *
 * So the document is:
 * 1. Allow `*` to invoke exactly the methods that are not IAM-authorized, by their method ARNs. An
 *    Allow on `execute-api:/*` would also allow every IAM-authorized method to every principal of the
 *    own account (the "OR" above), whatever its identity policies say.
 * 2. With `allowAccounts`: Allow those accounts' roots, so their principals whose own IAM allows the
 *    call get in. The own account is never listed there, for the reason in 1.
 * 3. Deny IAM-signed requests (`aws:PrincipalAccount` present: API Gateway sets it only for IAM
 *    authorization) from any account other than the API's own and `allowAccounts`.
 * 4. With `allowSourceIps` and/or `allowVpcEndpoints`: Deny requests that come neither from an
 *    allowed CIDR block (`NotIpAddress aws:SourceIp`) nor through an allowed VPC endpoint
 *    (`StringNotEquals aws:SourceVpce`). Both in one statement means either network is enough. This
 *    applies to every caller, the own account included: an allow-list is a network boundary.
 *    AWS documents `aws:SourceVpce` for PRIVATE APIs only, and a request through a VPC endpoint has no
 *    public `aws:SourceIp`, so source IPs alone fit public (EDGE/REGIONAL) APIs.
 * 5. With `denySourceIps`: Deny requests from those CIDR blocks (`IpAddress aws:SourceIp`).
 *
 * Resources are written `execute-api:/…`, which API Gateway expands to the API's own ARN.
 */

/** The settings and their check live in config/shared (the stack configuration checks them too). */
export { isCidrBlock, resourcePolicyProblems, type ResourcePolicySettings } from "../../config/shared/resource-policy";

/** One method of the API: `GET` and `/items/{id}` (or `ANY`), and whether it is IAM-authorized. */
export interface ApiOperation extends CallerRoute {
  readonly iam: boolean;
}

export interface RestApiResourcePolicyInput extends ResourcePolicySettings {
  /** The account that owns the API (the stack's). */
  readonly accountId: string;
  /** Every method the API serves. */
  readonly operations: readonly ApiOperation[];
  /** The API's stage names. */
  readonly stages: readonly string[];
}

export type PolicyPrincipal = "*" | { readonly AWS: string | readonly string[] };

export interface ResourcePolicyStatement {
  readonly Effect: "Allow" | "Deny";
  readonly Principal: PolicyPrincipal;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface ResourcePolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly ResourcePolicyStatement[];
}

const INVOKE = "execute-api:Invoke";
const ANY_METHOD = "execute-api:/*";
const ACCOUNT_ID = /^\d{12}$/;

/**
 * The `execute-api:/STAGE/METHOD/path` resource of each method that is not IAM-authorized on each
 * stage, sorted. Stages are named, not `*`: IAM's `*` matches across `/`, so `execute-api:/*\/GET/hello`
 * would also match `POST /service1/a/GET/hello` on any stage.
 */
export function openMethodResources(operations: readonly ApiOperation[], stages: readonly string[]): string[] {
  const open = operations.filter((o) => !o.iam);
  return [...new Set(stages.flatMap((stage) => open.flatMap((o) => methodResources(stage, o))))].sort();
}

/**
 * A method's resources on one stage; `ANY` as each method a request can carry, since a `*` in the
 * method's place would also match across `/` (`/prod/*\/files/*` matches `GET /items/files/secret`).
 */
function methodResources(stage: string, operation: ApiOperation): string[] {
  const methods = operation.method.toUpperCase() === "ANY" ? HTTP_METHODS.filter((m) => m !== "ANY") : [operation.method];
  return methods.map((method) => invokeResourceArn("execute-api:", stage, { method, path: operation.path }));
}

/**
 * The requests that reach an operation: an `ANY` method catches only "any HTTP method that wasn't
 * explicitly declared" on its resource (AWS, "x-amazon-apigateway-any-method object"), so a CORS
 * preflight's OPTIONS beside an IAM-authorized ANY takes the OPTIONS requests from it.
 */
function reachingRoutes(operation: ApiOperation, operations: readonly ApiOperation[]): CallerRoute[] {
  if (operation.method.toUpperCase() !== "ANY") return [operation];
  const declared = new Set(operations.filter((o) => o.path === operation.path && o.method.toUpperCase() !== "ANY").map((o) => o.method.toUpperCase()));
  if (declared.size === 0) return [operation];
  return HTTP_METHODS.filter((m) => m !== "ANY" && !declared.has(m)).map((method) => ({ method, path: operation.path }));
}

/** Each pair where an open method's resource also matches an IAM-authorized method's requests. */
export function openGrantProblems(operations: readonly ApiOperation[], stages: readonly string[], path: string): string[] {
  const iam = operations.filter((o) => o.iam);
  if (stages.length === 0) return [];
  return operations
    .filter((o) => !o.iam)
    .flatMap((open) => {
      const resources = methodResources(stages[0] as string, open);
      return iam
        .flatMap((closed) => {
          const reaching = reachingRoutes(closed, operations);
          const resource = resources.find((r) => reaching.some((route) => patternCoversRoute(r, route)));
          return resource === undefined ? [] : [{ closed, resource }];
        })
        .map(
          ({ closed, resource }) =>
            `${path}: ${open.method} ${open.path} is open to every caller through "${resource}", which also matches the IAM-authorized ${closed.method} ${closed.path} ` +
            "(an IAM resource's * matches across /) and would open it to every principal of the account; give one of them another path or the same authorization",
        );
    });
}

/** The API's resource policy (see the semantics above). Throws listing every problem with the input. */
export function restApiResourcePolicy(input: RestApiResourcePolicyInput): ResourcePolicyDocument {
  const problems = [
    ...resourcePolicyProblems(input, "restApiResourcePolicy"),
    ...openGrantProblems(input.operations, input.stages, "restApiResourcePolicy.operations"),
  ];
  if (!ACCOUNT_ID.test(input.accountId))
    problems.unshift(`restApiResourcePolicy.accountId: ${JSON.stringify(input.accountId)} is not a 12-digit AWS account id`);
  if (problems.length > 0) throw new Error(problems.join("\n"));

  const allowAccounts = input.allowAccounts ?? [];
  const partners = allowAccounts.filter((id) => id !== input.accountId);
  const open = openMethodResources(input.operations, input.stages);
  const statements: ResourcePolicyStatement[] = [];
  if (open.length > 0) statements.push({ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: open });
  if (partners.length > 0) {
    statements.push({ Effect: "Allow", Principal: { AWS: partners.map((id) => `arn:aws:iam::${id}:root`) }, Action: INVOKE, Resource: ANY_METHOD });
  }
  const deny = (condition: NonNullable<ResourcePolicyStatement["Condition"]>): ResourcePolicyStatement => ({
    Effect: "Deny",
    Principal: "*",
    Action: INVOKE,
    Resource: ANY_METHOD,
    Condition: condition,
  });
  statements.push(
    deny({
      StringNotEquals: { "aws:PrincipalAccount": [...new Set([input.accountId, ...allowAccounts])] },
      Null: { "aws:PrincipalAccount": "false" },
    }),
  );
  if (input.allowSourceIps !== undefined || input.allowVpcEndpoints !== undefined) {
    statements.push(
      deny({
        ...(input.allowSourceIps !== undefined ? { NotIpAddress: { "aws:SourceIp": [...input.allowSourceIps] } } : {}),
        ...(input.allowVpcEndpoints !== undefined ? { StringNotEquals: { "aws:SourceVpce": [...input.allowVpcEndpoints] } } : {}),
      }),
    );
  }
  if (input.denySourceIps !== undefined) statements.push(deny({ IpAddress: { "aws:SourceIp": [...input.denySourceIps] } }));
  return { Version: "2012-10-17", Statement: statements };
}

/** Anything shaped like a policy document (e.g. `privateApiPolicy(...)`, which is `as const`). */
export interface PolicyDocumentLike {
  readonly Version: string;
  readonly Statement: readonly unknown[];
}

/**
 * One document with every statement of `docs`, in order; a statement identical to an earlier one
 * (e.g. the `Allow *` both `privateApiPolicy` and `restApiResourcePolicy` start with) is kept once.
 * Denies still win wherever they come from, so merging only ever narrows what the Allows grant.
 */
export function mergePolicies(...docs: readonly PolicyDocumentLike[]): { readonly Version: "2012-10-17"; readonly Statement: readonly unknown[] } {
  if (docs.length === 0) throw new Error("mergePolicies: no documents to merge");
  const seen = new Set<string>();
  const statements: unknown[] = [];
  docs.forEach((doc, i) => {
    if (doc.Version !== "2012-10-17") throw new Error(`mergePolicies: document ${i} has Version ${JSON.stringify(doc.Version)}, not "2012-10-17"`);
    for (const statement of doc.Statement) {
      const key = canonical(statement);
      if (!seen.has(key)) {
        seen.add(key);
        statements.push(statement);
      }
    }
  });
  return { Version: "2012-10-17", Statement: statements };
}

/** JSON with object keys sorted, so key order does not hide a duplicate. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
