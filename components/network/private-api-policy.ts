/**
 * The resource policy of a PRIVATE API: anyone may invoke its methods that are not IAM-authorized
 * (`openResources`, see `openMethodResources`), but only through its own VPC endpoint; every other
 * path is denied. IAM-authorized methods are left to the callers' identity policies: an Allow `*` on
 * them would open them to every principal of the account. (API Gateway will not deploy a private API
 * without a resource policy.)
 */
export function privateApiPolicy(vpcEndpointId: string, openResources: readonly string[]) {
  const allow = openResources.length > 0 ? [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: [...openResources] } as const] : [];
  return {
    Version: "2012-10-17",
    Statement: [
      ...allow,
      {
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "execute-api:/*",
        Condition: { StringNotEquals: { "aws:SourceVpce": vpcEndpointId } },
      },
    ],
  } as const;
}
