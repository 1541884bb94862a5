/** Reading one aws.apigateway.MethodSettings resource from its own inputs, for the resource rules. */
import { isObject } from "./api-openapi";
import { Pending, read, UNKNOWN, type Unknown } from "./unknown";

/** A MethodSettings as a resource rule sees it: its Pulumi name and inputs. */
export interface MethodSettingsInputs {
  readonly name: string;
  readonly props: Record<string, unknown>;
}

/** `Method settings "<methodPath>" of REST stage "<stageName>"`, from what is known. */
export function methodSettingsLabel(ms: MethodSettingsInputs): string {
  const path = read(() => ms.props.methodPath);
  const stage = read(() => ms.props.stageName);
  return `Method settings "${typeof path === "string" ? path : ms.name}"${typeof stage === "string" && stage !== "" ? ` of REST stage "${stage}"` : ""}`;
}

export const isStageWide = (ms: MethodSettingsInputs): boolean => read(() => ms.props.methodPath) === "*/*";

/** One field of `settings`, remembering it in `pending` when it is unknown; undefined when settings is not an object. */
export function setting(ms: MethodSettingsInputs, key: string, pending: Pending): unknown | Unknown {
  const settings = pending.read("settings", () => ms.props.settings);
  if (settings === UNKNOWN) return UNKNOWN;
  if (!isObject(settings)) return undefined;
  return pending.read(`settings.${key}`, () => settings[key]);
}
