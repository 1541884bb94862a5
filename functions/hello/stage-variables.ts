/**
 * The stage variables the reply shows: only `lambdaAlias`, the one that picks the alias. Others can
 * name private backends or carry a backend's key, and this route is public.
 */
export const SHOWN_STAGE_VARIABLES = ["lambdaAlias"] as const;

/** The shown stage variables the request's stage set (`event.stageVariables`, null when it set none). */
export function shownStageVariables(variables: Readonly<Record<string, string | undefined>> | null | undefined): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const name of SHOWN_STAGE_VARIABLES) {
    const value = variables?.[name];
    if (value !== undefined) shown[name] = value;
  }
  return shown;
}
