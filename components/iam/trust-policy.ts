/** The trust policy of a role that one AWS service assumes (`lambda.amazonaws.com`, `apigateway.amazonaws.com`, ...). */
export function trustPolicy(service: string) {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  } as const;
}
