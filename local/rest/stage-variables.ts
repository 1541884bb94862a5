import type { TwinRestStage } from "./model";

/** `${stageVariables.x}` in an integration URI or parameter, replaced as API Gateway does (an unknown one by nothing). */
export function substituteStageVariables(text: string, variables: Readonly<Record<string, string>>): string {
  if (!text.includes("${stageVariables.")) return text;
  return text.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_m, name: string) => variables[name] ?? "");
}

/**
 * The stage variables one request sees: a canary stage sends `percentTraffic` % of requests to the
 * canary, whose variable overrides replace the stage's (`random` is in [0, 1)).
 */
export function stageVariablesFor(
  stage: Pick<TwinRestStage, "variables" | "canary">,
  random: number,
): { variables: Readonly<Record<string, string>>; canary: boolean } {
  if (stage.canary && random * 100 < stage.canary.percentTraffic) return { variables: { ...stage.variables, ...stage.canary.variables }, canary: true };
  return { variables: stage.variables, canary: false };
}
