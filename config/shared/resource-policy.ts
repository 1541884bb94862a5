import { isIPv4, isIPv6 } from "net";

/**
 * The settings of a REST API's resource policy and their check, shared by the stack configuration
 * (`gateway.resourcePolicy`) and the access component (components/access/resource-policy.ts).
 */

export interface ResourcePolicySettings {
  /** 12-digit account ids whose IAM principals may call IAM-authorized methods. @default [] */
  readonly allowAccounts?: readonly string[];
  /** IPv4/IPv6 CIDR blocks; when set, only these (or `allowVpcEndpoints`) may call the API. @default undefined */
  readonly allowSourceIps?: readonly string[];
  /** IPv4/IPv6 CIDR blocks that may never call the API. @default undefined */
  readonly denySourceIps?: readonly string[];
  /** `vpce-…` ids; when set, only these (or `allowSourceIps`) may call the API. @default undefined */
  readonly allowVpcEndpoints?: readonly string[];
}

const ACCOUNT_ID = /^\d{12}$/;
const VPC_ENDPOINT_ID = /^vpce-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** `a.b.c.d/n` (n 0–32) or an IPv6 address with `/n` (n 0–128). */
export function isCidrBlock(value: string): boolean {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!match) return false;
  const [, address, bits] = match as unknown as [string, string, string];
  if (bits.length > 1 && bits.startsWith("0")) return false;
  const prefix = Number(bits);
  if (isIPv4(address)) return prefix <= 32;
  if (isIPv6(address)) return !address.includes("%") && prefix <= 128;
  return false;
}

/**
 * Every problem with the settings, each prefixed with `path` (e.g. `gateway.access.resourcePolicy`),
 * naming the entry, its value and what is allowed.
 */
export function resourcePolicyProblems(settings: ResourcePolicySettings, path: string): string[] {
  const problems: string[] = [];
  const list = (key: keyof ResourcePolicySettings, valid: (v: string) => boolean, what: string, extra?: (v: string) => string | undefined) => {
    const values = settings[key];
    if (values === undefined) return;
    if (values.length === 0) {
      const hint = key === "allowAccounts" || key === "denySourceIps" ? "omit it" : "omit it to allow every caller (an empty allow-list would deny them all)";
      problems.push(`${path}.${key}: is empty; ${hint}`);
    }
    const first = new Map<string, number>();
    values.forEach((value, i) => {
      if (!valid(value)) problems.push(`${path}.${key}[${i}]: ${JSON.stringify(value)} is not ${what}`);
      else if (first.has(value)) problems.push(`${path}.${key}[${i}]: ${JSON.stringify(value)} repeats ${key}[${first.get(value)}]`);
      else {
        first.set(value, i);
        const problem = extra?.(value);
        if (problem !== undefined) problems.push(`${path}.${key}[${i}]: ${JSON.stringify(value)} ${problem}`);
      }
    });
  };
  list("allowAccounts", (v) => ACCOUNT_ID.test(v), "a 12-digit AWS account id");
  list("allowSourceIps", isCidrBlock, "an IPv4 or IPv6 CIDR block");
  list("denySourceIps", isCidrBlock, "an IPv4 or IPv6 CIDR block", (v) =>
    v.endsWith("/0") ? `would deny every ${isIPv4(v.slice(0, -2)) ? "IPv4" : "IPv6"} caller` : undefined,
  );
  list("allowVpcEndpoints", (v) => VPC_ENDPOINT_ID.test(v), "a VPC endpoint id (vpce- and 8 or 17 lowercase hex digits)");
  return problems;
}
