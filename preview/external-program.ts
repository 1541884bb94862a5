import * as fs from "fs";
import * as path from "path";
import { installMocks, type RecordedResource } from "./mocks";
import { DEFAULT_MOCK_ENVIRONMENT } from "./mock-state";
import { readProjectFile, stackConfig } from "./stack-files";

export interface ExternalRun {
  readonly project: string;
  readonly resources: RecordedResource[];
}

/** The file a Pulumi TypeScript program starts at: Pulumi.yaml's `main` (a file or folder), else the folder's index.ts. */
export function entryOf(dir: string): string {
  const doc = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
  const main = /^main:\s*(.+?)\s*$/m.exec(doc)?.[1]?.replace(/^["']|["']$/g, "");
  const start = path.resolve(dir, main ?? ".");
  if (fs.existsSync(start) && fs.statSync(start).isDirectory()) {
    for (const file of ["index.ts", "index.js"]) if (fs.existsSync(path.join(start, file))) return path.join(start, file);
    throw new Error(`${start}: no index.ts or index.js`);
  }
  return start;
}

/**
 * Runs any Pulumi TypeScript program (a folder with Pulumi.yaml) under this project's mocks, with the
 * stack's config (`Pulumi.<stack>.yaml` in the folder, or `configFile`) over the project's, and
 * returns every resource it registered. One program per process: Pulumi's runtime state is global.
 * What the program writes to stdout goes to stderr, so the report alone reaches stdout.
 */
export async function runExternalProgram(dir: string, stack: string, configFile?: string): Promise<ExternalRun> {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, "Pulumi.yaml"))) throw new Error(`${dir}: no Pulumi.yaml (not a Pulumi program folder)`);
  const project = readProjectFile(root);
  const stackFile = configFile ? path.resolve(configFile) : path.join(root, `Pulumi.${stack}.yaml`);
  const config = fs.existsSync(stackFile) || configFile ? stackConfig(project, stackFile) : project.config;
  const region = typeof config["aws:region"] === "string" ? (config["aws:region"] as string) : DEFAULT_MOCK_ENVIRONMENT.region;
  const recorder = await installMocks({ project: project.name, stack, config, environment: { ...DEFAULT_MOCK_ENVIRONMENT, region } });
  const log = console.log;
  console.log = (...parts: unknown[]) => process.stderr.write(`${parts.map(String).join(" ")}\n`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(entryOf(root));
    return { project: project.name, resources: await recorder.settled() };
  } finally {
    console.log = log;
  }
}

/**
 * Component resources that registered no child under mocks. A remote (multi-language) component, such
 * as those of @pulumi/aws-apigateway or awsx, creates its children in its provider plugin, which does
 * not run under mocks: the pack cannot see what it would create.
 */
export function unseenComponents(resources: readonly RecordedResource[]): RecordedResource[] {
  const parents = new Set(resources.map((r) => r.parentUrn));
  return resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:") && !parents.has(r.urn));
}

export const unseenNote = (components: readonly RecordedResource[]): string =>
  components.length === 0
    ? ""
    : `Not seen: ${components.map((c) => `${c.type} "${c.name}"`).join(", ")} registered no resources under mocks. A remote component (e.g. from @pulumi/aws-apigateway or awsx) creates its resources in its provider plugin, which does not run offline, so the pack cannot check them; run \`pulumi preview --policy-pack policies\` to see them.`;
