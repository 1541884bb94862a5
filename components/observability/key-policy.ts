import type { PolicyDocument } from "../lambda/role-policy";

export interface KeyPolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: { readonly AWS: string } | { readonly Service: string };
  readonly Action: string | readonly string[];
  readonly Resource: "*";
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface KeyPolicy {
  readonly Version: PolicyDocument["Version"];
  readonly Statement: readonly KeyPolicyStatement[];
}

/** The account administers the key: who may use or manage it is then up to IAM. */
export function accountAdministers(partition: string, account: string): KeyPolicyStatement {
  return { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: "kms:*", Resource: "*" };
}
