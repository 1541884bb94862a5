/**
 * The documents of AWS managed policies a program attaches by ARN, copied from the AWS Managed Policy
 * Reference (docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html): only the statements
 * that grant execute-api actions. A policy not listed here is not judged.
 */
export const AWS_MANAGED_POLICY_STATEMENTS: Readonly<Record<string, readonly Record<string, unknown>[]>> = {
  AdministratorAccess: [{ Effect: "Allow", Action: "*", Resource: "*" }],
  PowerUserAccess: [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }],
  // Invoke and ManageConnections only: it does not grant execute-api:InvalidateCache.
  AmazonAPIGatewayInvokeFullAccess: [
    { Effect: "Allow", Action: ["execute-api:Invoke", "execute-api:ManageConnections"], Resource: "arn:aws:execute-api:*:*:*" },
  ],
};

/** The managed policy's name for `arn:<partition>:iam::aws:policy/[<path>/]<name>`, else undefined. */
export function awsManagedPolicyName(arn: unknown): string | undefined {
  if (typeof arn !== "string") return undefined;
  const match = /^arn:aws(?:-[a-z]+)*:iam::aws:policy\/(?:.*\/)?([A-Za-z0-9+=,.@_-]+)$/.exec(arn);
  return match ? match[1] : undefined;
}
