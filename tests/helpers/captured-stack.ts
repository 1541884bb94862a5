import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import { parse, stringify } from "yaml";
import type { RecordedResource } from "../../preview/mocks";
import { resourceQueries, type ResourceQueries } from "../../preview/resource-queries";
import { programSourcesHash, REPO_ROOT } from "../setup/program-sources";
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

/**
 * The program run under mocks for each `gateway` value in turn, on `stack`'s stack file with its other
 * keys kept: all in one child process, as the shared captures are made (no jest module registry, no
 * stack capture while the program evaluates). For suites that compare how the program answers several
 * configs; nothing is kept between runs. `otherKeys[i]`, when given, sets other config keys of the i-th
 * (e.g. `microservice-gateway:releases`).
 */
export async function capturedVariants(
  stack: string,
  gateways: readonly unknown[],
  otherKeys: readonly Record<string, unknown>[] = [],
): Promise<CapturedStack[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${stack}-variants-`));
  try {
    const document = parse(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    const jobs = gateways.map((gateway, i) => {
      const configFile = path.join(dir, `Pulumi.${stack}.${i}.yaml`);
      fs.writeFileSync(configFile, stringify({ ...document, config: { ...document.config, ...otherKeys[i], "microservice-gateway:gateway": gateway } }));
      return { spec: { stack, configFile }, file: path.join(dir, `${i}.json`) };
    });
    await runCaptures(jobs);
    return jobs.map((job) => queries(JSON.parse(fs.readFileSync(job.file, "utf8")) as StackCapture));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
