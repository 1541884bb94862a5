import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HTTP_METHODS } from "../../config/constants";
import { invokeResourceArn, type CallerRoute } from "./invoke-arn";

export { invokeResourceArn, type CallerRoute } from "./invoke-arn";

export interface CallerPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly [{ readonly Effect: "Allow"; readonly Action: "execute-api:Invoke"; readonly Resource: readonly string[] }];
}

export interface CallerTrustPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Effect: "Allow";
    readonly Principal: { readonly AWS: readonly string[] };
    readonly Action: "sts:AssumeRole";
    readonly Condition?: { readonly StringEquals: { readonly "sts:ExternalId": string } };
  }[];
}

const STAGE_NAME = /^(\*|[A-Za-z0-9_-]+)$/;
const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** Every problem with the stages and routes, each naming the field and what is allowed. */
export function callerRouteProblems(stages: readonly string[], routes: readonly CallerRoute[]): string[] {
  const problems: string[] = [];
  if (stages.length === 0) problems.push("stages: must name at least one stage");
  stages.forEach((stage, i) => {
    if (!STAGE_NAME.test(stage)) problems.push(`stages[${i}]: ${JSON.stringify(stage)} is not a stage name (letters, digits, _ and -) or *`);
  });
  if (routes.length === 0) problems.push("routes: must name at least one route");
  routes.forEach((route, i) => {
    if (!(HTTP_METHODS as readonly string[]).includes(route.method.toUpperCase())) {
      problems.push(`routes[${i}].method: ${JSON.stringify(route.method)} is not one of ${HTTP_METHODS.join(", ")}`);
    }
    if (!/^\/(?:[^/\s]+(?:\/[^/\s]+)*)?$/.test(route.path)) {
      problems.push(`routes[${i}].path: ${JSON.stringify(route.path)} is not a resource path (/, or /segments without a trailing or doubled /)`);
    }
  });
  return problems;
}

/**
 * The resources a caller may invoke: every stage × route, in that order, without repeats
 * (`${executionArn}/${stage}/${METHOD}${path}`). Throws listing every problem.
 */
export function invokeResourceArns(executionArn: string, stages: readonly string[], routes: readonly CallerRoute[]): string[] {
  const problems = callerRouteProblems(stages, routes);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const arns = stages.flatMap((stage) => routes.map((route) => invokeResourceArn(executionArn, stage, route)));
  return [...new Set(arns)];
}

/** The caller's policy: `execute-api:Invoke` on exactly these resources and nothing else. */
export function callerPolicy(arns: readonly string[]): CallerPolicyDocument {
  if (arns.length === 0) throw new Error("callerPolicy: no resources to allow (a policy with an empty Resource is invalid)");
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: [...arns] }] };
}

/** An account id becomes its root principal (any IAM identity that account lets assume the role); a role ARN stays as it is. */
export function trustedPrincipalArn(principal: string, partition = "aws"): string {
  if (ACCOUNT_ID.test(principal)) return `arn:${partition}:iam::${principal}:root`;
  if (ROLE_ARN.test(principal)) return principal;
  throw new Error(`trustedPrincipals: ${JSON.stringify(principal)} is not a 12-digit AWS account id or an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
}

/** Who may assume the caller role, optionally only with an external id (for a third party's account). */
export function callerTrustPolicy(principals: readonly string[], externalId?: string): CallerTrustPolicyDocument {
  if (principals.length === 0) throw new Error("trustedPrincipals: must name at least one account id or role ARN");
  const arns = [...new Set(principals.map((p) => trustedPrincipalArn(p)))];
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: arns },
        Action: "sts:AssumeRole",
        ...(externalId !== undefined ? { Condition: { StringEquals: { "sts:ExternalId": externalId } } } : {}),
      },
    ],
  };
}

export interface ApiCallerRoleArgs {
  /** The REST API's execution ARN (`arn:aws:execute-api:<region>:<account>:<api id>`). */
  readonly executionArn: pulumi.Input<string>;
  /** The stages the caller may invoke, by name. */
  readonly stages: readonly string[];
  /** The routes the caller may invoke, on every stage. */
  readonly routes: readonly CallerRoute[];
  /** Account ids or role ARNs that may assume the role. @default the stack's own account */
  readonly trustedPrincipals?: readonly string[];
  /** Required in `sts:AssumeRole` calls (a third party's confused-deputy guard). @default undefined */
  readonly externalId?: string;
  /** @default a generated description naming the routes' count */
  readonly description?: string;
  /** Longest session the role hands out, 3600 to 43200 seconds. @default 3600 */
  readonly maxSessionDurationSeconds?: number;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A role a caller assumes to invoke exactly the given routes of an IAM-authorized (`AWS_IAM`, SigV4)
 * REST API, and nothing else. For a caller in another account the API's resource policy must allow
 * that account too (see `resource-policy.ts`: `allowAccounts`).
 */
export class ApiCallerRole extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  /** The role's inline policy. */
  readonly policy: aws.iam.RolePolicy;
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: ApiCallerRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:access:ApiCallerRole", name, {}, opts);
    const problems = callerRouteProblems(args.stages, args.routes);
    const session = args.maxSessionDurationSeconds ?? 3600;
    if (!Number.isInteger(session) || session < 3600 || session > 43200) {
      problems.push(`maxSessionDurationSeconds: ${session} is not a whole number of seconds from 3600 to 43200`);
    }
    if (args.trustedPrincipals !== undefined) {
      if (args.trustedPrincipals.length === 0)
        problems.push("trustedPrincipals: must name at least one account id or role ARN; omit it to trust the stack's own account");
      for (const p of args.trustedPrincipals) {
        try {
          trustedPrincipalArn(p);
        } catch (e) {
          problems.push((e as Error).message);
        }
      }
    }
    if (problems.length > 0) throw new Error(`${name}: ${problems.join(`\n${name}: `)}`);

    const principals: pulumi.Output<readonly string[]> = args.trustedPrincipals
      ? pulumi.output([...args.trustedPrincipals])
      : aws.getCallerIdentityOutput({}, { parent: this }).accountId.apply((account) => [account]);

    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        description: args.description ?? `Invokes ${args.routes.length} route(s) of the API on ${args.stages.join(", ")}`,
        assumeRolePolicy: principals.apply((p) => JSON.stringify(callerTrustPolicy(p, args.externalId))),
        maxSessionDuration: session,
        tags: { ...args.tags },
      },
      { parent: this },
    );
    this.policy = new aws.iam.RolePolicy(
      `${name}-invoke`,
      {
        role: this.role.id,
        policy: pulumi.output(args.executionArn).apply((arn) => JSON.stringify(callerPolicy(invokeResourceArns(arn, args.stages, args.routes)))),
      },
      { parent: this },
    );
    this.roleArn = this.role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
