import type { RouteTarget } from "../../config";

export interface LambdaInvokeArns {
  /** The function's unqualified invoke ARN (`arn:aws:apigateway:...:functions/<arn>/invocations`). */
  readonly function: string;
  /** Invoke ARNs of the function's aliases, by alias name. */
  readonly aliases: Readonly<Record<string, string>>;
}

const SUFFIX = "/invocations";

/**
 * The integration URI of a Lambda route. A stage-variable target leaves `${stageVariables.x}` for
 * API Gateway to fill at request time, so each stage reaches its own alias.
 */
export function lambdaIntegrationUri(arns: LambdaInvokeArns, target: RouteTarget): string {
  switch (target.kind) {
    case "unqualified":
      return arns.function;
    case "alias": {
      const uri = arns.aliases[target.alias];
      if (uri === undefined) throw new Error(`no invoke ARN for alias "${target.alias}"`);
      return uri;
    }
    case "stageVariable": {
      if (!arns.function.endsWith(SUFFIX)) throw new Error(`not a Lambda invoke ARN: ${arns.function}`);
      return `${arns.function.slice(0, -SUFFIX.length)}:\${stageVariables.${target.variable}}${SUFFIX}`;
    }
  }
}
