import * as fs from "fs";
import type * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "../../preview/mocks";
import { resourceQueries, type ResourceQueries } from "../../preview/resource-queries";
import { programSourcesHash } from "../setup/program-sources";
import { SHARED_ENV } from "../setup/shared-env";
import { captureFile, captureFolder, runCaptures, type CaptureSpec, type StackCapture } from "../setup/stack-capture";

type Program = typeof import("../../index");
/** The stack outputs, resolved (secrets in the clear). */
export type StackOutputs = { readonly [K in keyof Program]: pulumi.Unwrap<Program[K]> };

/** What the program registered and exported for a stack, with the queries the mocks' recorder offers. */
export interface CapturedStack extends ResourceQueries {
  readonly stack: string;
  readonly region: string;
  readonly resources: readonly RecordedResource[];
  readonly outputs: StackOutputs;
}

function queries(capture: StackCapture): CapturedStack {
  const { resources } = capture;
  return {
    stack: capture.stack,
    region: capture.region,
    resources,
    outputs: capture.outputs as StackOutputs,
    ...resourceQueries(resources),
  };
}

const loaded = new Map<string, Promise<CapturedStack>>();

async function load(spec: CaptureSpec): Promise<CapturedStack> {
  const folder = process.env[SHARED_ENV.captures] ?? captureFolder(programSourcesHash());
  const file = captureFile(folder, spec);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(folder, { recursive: true });
    await runCaptures([{ spec, file }]);
  }
  return queries(JSON.parse(fs.readFileSync(file, "utf8")) as StackCapture);
}

/**
 * The program run under mocks for `stack` (with `configFile` instead of `Pulumi.<stack>.yaml`, if
 * given), as `npm run preview` runs it: evaluated once per run by the global set-up (and kept while
 * the program's sources are unchanged), shared by every suite that only reads what it registered.
 * Suites that change the config run the program themselves.
 */
export function capturedStack(stack: string, configFile?: string): Promise<CapturedStack> {
  const key = `${stack}\0${configFile ?? ""}`;
  let capture = loaded.get(key);
  if (!capture) {
    capture = load(configFile ? { stack, configFile } : { stack });
    loaded.set(key, capture);
  }
  return capture;
}
