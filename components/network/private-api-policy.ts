/**
 * The resource policy of a PRIVATE API: anyone may invoke it, but only through its own VPC endpoint;
 * every other path is denied. (API Gateway will not deploy a private API without a resource policy.)
 */
export function privateApiPolicy(vpcEndpointId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
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
