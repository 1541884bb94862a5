import type * as pulumi from "@pulumi/pulumi";
import type { HttpApiLambdaTarget, HttpApiRoute } from "./types";

const QUALIFIER = /^(\$LATEST|[A-Za-z0-9_-]{1,128})$/;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9_$-]{1,128}))?$/;
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/[A-Za-z0-9-]+\/[0-9a-f]+\/[A-Za-z0-9]+$/;

/** One invoke permission: a function (by key) and the qualifier API Gateway invokes. */
export interface LambdaGrant {
  readonly key: string;
  readonly qualifier: string | undefined;
  readonly functionName: pulumi.Input<string>;
}

/** The key naming a Lambda target's function: `key`, or the function's name when `functionName` is a plain string (a name or an ARN). */
export function lambdaKey(target: HttpApiLambdaTarget): string | undefined {
  if (target.key !== undefined) return target.key;
  return typeof target.functionName === "string" ? target.functionName.replace(/^arn:[^:]*:lambda:[^:]*:[^:]*:function:/, "") : undefined;
}

/** Problems with the routes' targets (empty when they are valid). */
export function targetProblems(routes: readonly HttpApiRoute[], api: { readonly hasVpcLink: boolean }): string[] {
  const problems: string[] = [];
  const names = new Map<string, { index: number; functionName: string }>();
  routes.forEach((route, i) => {
    const at = `routes[${i}].target`;
    const target = route.target;
    switch (target.kind) {
      case "lambda": {
        const key = lambdaKey(target);
        if (key === undefined) problems.push(`${at}.key: is required when functionName is not a plain string (it names the function's invoke permission)`);
        else if (!/^[A-Za-z0-9_.-]{1,140}$/.test(key)) problems.push(`${at}.key: ${JSON.stringify(key)} is not 1 to 140 letters, digits, _ . or -`);
        if (target.qualifier !== undefined && !QUALIFIER.test(target.qualifier)) {
          problems.push(`${at}.qualifier: ${JSON.stringify(target.qualifier)} is not an alias name, a version number or $LATEST`);
        }
        if (key !== undefined && typeof target.functionName === "string") {
          const earlier = names.get(key);
          if (earlier && earlier.functionName !== target.functionName) {
            problems.push(
              `${at}.key: ${JSON.stringify(key)} names function ${JSON.stringify(earlier.functionName)} in routes[${earlier.index}] and ${JSON.stringify(target.functionName)} here`,
            );
          } else if (!earlier) {
            names.set(key, { index: i, functionName: target.functionName });
          }
        }
        if (typeof target.functionArn === "string") {
          const problem = lambdaArnProblem(target.functionArn, target.qualifier);
          if (problem) problems.push(`${at}.functionArn: ${problem}`);
        }
        break;
      }
      case "http": {
        if (!httpUrlIsValid(target.url)) problems.push(`${at}.url: ${JSON.stringify(target.url)} is not an http:// or https:// URL`);
        break;
      }
      case "private": {
        if (target.vpcLinkId === undefined && !api.hasVpcLink) {
          problems.push(`${at}.vpcLinkId: is required unless the API creates its VPC link (the vpcLink argument)`);
        }
        if (typeof target.listenerArn === "string") {
          const problem = listenerArnProblem(target.listenerArn);
          if (problem) problems.push(`${at}.listenerArn: ${problem}`);
        }
        break;
      }
      default:
        problems.push(`${at}.kind: ${JSON.stringify((target as { kind: unknown }).kind)} is not one of lambda, http, private`);
    }
  });
  return problems;
}

function httpUrlIsValid(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "";
  } catch {
    return false;
  }
}

/** Why `arn` cannot be a Lambda target with `qualifier`, or undefined when it can. */
export function lambdaArnProblem(arn: string, qualifier: string | undefined): string | undefined {
  const match = LAMBDA_ARN.exec(arn);
  if (!match) return `${JSON.stringify(arn)} is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>])`;
  const named = match[2];
  if (named !== qualifier) {
    return named === undefined
      ? `${JSON.stringify(arn)} is unqualified but the target's qualifier is ${JSON.stringify(qualifier)}`
      : `${JSON.stringify(arn)} invokes qualifier ${JSON.stringify(named)} but the target's qualifier is ${qualifier === undefined ? "not set" : JSON.stringify(qualifier)} (the invoke permission must be on the qualifier invoked)`;
  }
  return undefined;
}

/** Why `arn` is not an ALB or NLB listener's ARN, or undefined when it is. */
export function listenerArnProblem(arn: string): string | undefined {
  return LISTENER_ARN.test(arn) ? undefined : `${JSON.stringify(arn)} is not the ARN of an Application or Network Load Balancer listener`;
}

/** The same ARN, once checked; throws naming the route otherwise (used when the ARN becomes known). */
export function checkedArn(arn: string, problem: string | undefined, where: string): string {
  if (problem) throw new Error(`${where}: ${problem}`);
  return arn;
}

/** One invoke permission per distinct function key and qualifier, in first-use order, however many routes. */
export function lambdaGrants(routes: readonly HttpApiRoute[]): LambdaGrant[] {
  const grants = new Map<string, LambdaGrant>();
  for (const route of routes) {
    if (route.target.kind !== "lambda") continue;
    const key = lambdaKey(route.target);
    if (key === undefined) throw new Error(`${route.method} ${route.path}: a Lambda target needs a key when functionName is not a plain string`);
    const id = grantName({ key, qualifier: route.target.qualifier });
    if (!grants.has(id)) grants.set(id, { key, qualifier: route.target.qualifier, functionName: route.target.functionName });
  }
  return [...grants.values()];
}

/** `items` or `items:PROD`: the part of a permission's resource name that identifies it. */
export function grantName(grant: Pick<LambdaGrant, "key" | "qualifier">): string {
  return grant.qualifier === undefined ? grant.key : `${grant.key}:${grant.qualifier}`;
}
