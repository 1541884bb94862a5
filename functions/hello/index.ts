import { httpHandler } from "../shared/handler";
import { json } from "../shared/http";
import { shownStageVariables } from "./stage-variables";

/**
 * The alias the function was invoked through: the 8th part of a qualified ARN
 * (`arn:aws:lambda:region:account:function:name:ALIAS`). A version number or `$LATEST` there is a
 * version qualifier, not an alias, so it also gives null.
 */
export function aliasFromArn(invokedFunctionArn: string): string | null {
  const qualifier = invokedFunctionArn.split(":")[7];
  if (qualifier === undefined || qualifier === "" || qualifier === "$LATEST" || /^[0-9]+$/.test(qualifier)) return null;
  return qualifier;
}

/**
 * Demonstrates stages and aliases: reports which alias, version and stage served the request, and the
 * stage variable that chose the alias (a canary's request shows the canary's value).
 */
export const handler = httpHandler(async (event, context) => {
  const alias = aliasFromArn(context.invokedFunctionArn);
  return json(200, {
    message: `hello from ${alias ?? context.functionVersion}`,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    alias,
    stage: event.requestContext.stage,
    stageVariables: shownStageVariables(event.stageVariables),
    greeting: process.env.GREETING || "hello",
  });
});
