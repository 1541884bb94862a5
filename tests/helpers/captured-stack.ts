import * as fs from "fs";
import type * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "../../preview/mocks";
import { programSourcesHash } from "../setup/program-sources";
import { SHARED_ENV } from "../setup/shared-env";
import { captureFile, captureFolder, runCaptures, type CaptureSpec, type StackCapture } from "../setup/stack-capture";

type Program = typeof import("../../index");
/** The stack outputs, resolved (secrets in the clear). */
export type StackOutputs = { readonly [K in keyof Program]: pulumi.Unwrap<Program[K]> };

/** What the program registered and exported for a stack, with the queries the mocks' recorder offers. */
export interface CapturedStack {
  readonly stack: string;
  readonly region: string;
  readonly resources: readonly RecordedResource[];
  readonly outputs: StackOutputs;
  ofType(type: string): RecordedResource[];
  /** The one resource of `type` named `name`; throws listing what exists otherwise. */
  get(type: string, name: string): RecordedResource;
  parentOf(resource: RecordedResource): RecordedResource | undefined;
}

function queries(capture: StackCapture): CapturedStack {
  const { resources } = capture;
  return {
    stack: capture.stack,
    region: capture.region,
    resources,
    outputs: capture.outputs as StackOutputs,
    ofType: (type) => resources.filter((r) => r.type === type),
    get(type, name) {
      const found = resources.filter((r) => r.type === type && r.name === name);
      if (found.length !== 1) {
        const names = resources.filter((r) => r.type === type).map((r) => r.name);
        throw new Error(`expected one ${type} named ${name}, found ${found.length}; there are: ${names.join(", ")}`);
      }
      return found[0] as RecordedResource;
    },
    parentOf: (resource) => resources.find((r) => r.urn === resource.parentUrn),
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
