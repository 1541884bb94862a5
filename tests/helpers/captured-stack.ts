import { createHash } from "crypto";
import * as fs from "fs";
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
 * Suites that change a stack file's config use `capturedVariants`.
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

/** One changed config of a stack, for `capturedVariants`. */
export interface Variant {
  /** The `microservice-gateway:gateway` value. */
  readonly gateway: unknown;
  /** Other config keys it sets (e.g. `microservice-gateway:releases`); the stack file's others are kept. */
  readonly otherKeys?: Readonly<Record<string, unknown>>;
  /** The version the mocks answer for a published function (their default: "1"). */
  readonly lambdaVersion?: string;
  /**
   * Another evaluation of a variant equal to one with a smaller number (for a test that compares two
   * evaluations of one config): kept apart from it. @default 1
   */
  readonly evaluation?: number;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The program run under mocks for each variant of `stack`'s stack file, as the shared captures are
 * made: those not captured yet with the program's current sources all in one child process (no jest
 * module registry, no stack capture while the program evaluates). Each capture is kept beside the
 * shared ones, named by a hash of its stack, its whole stack file and its mock answers: a run with the
 * same sources reads it, and a change to any source starts a new folder.
 */
export async function capturedVariants(stack: string, variants: readonly Variant[]): Promise<CapturedStack[]> {
  const folder = path.join(process.env[SHARED_ENV.captures] ?? captureFolder(programSourcesHash()), "variants");
  fs.mkdirSync(folder, { recursive: true });
  const document = parse(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  const jobs = variants.map((variant) => {
    const text = stringify({ ...document, config: { ...document.config, ...variant.otherKeys, "microservice-gateway:gateway": variant.gateway } });
    const key = sha256(JSON.stringify([stack, text, variant.lambdaVersion ?? null, variant.evaluation ?? 1]));
    const configFile = path.join(folder, `${stack}.${key}.yaml`);
    if (!fs.existsSync(configFile)) {
      fs.writeFileSync(`${configFile}.${process.pid}`, text);
      fs.renameSync(`${configFile}.${process.pid}`, configFile);
    }
    const spec: CaptureSpec = { stack, configFile, lambdaVersion: variant.lambdaVersion };
    return { spec, file: path.join(folder, `${stack}.${key}.json`) };
  });
  const missing = jobs.filter((job, i) => !fs.existsSync(job.file) && jobs.findIndex((other) => other.file === job.file) === i);
  await runCaptures(missing);
  return jobs.map((job) => queries(JSON.parse(fs.readFileSync(job.file, "utf8")) as StackCapture));
}
