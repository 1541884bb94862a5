import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_MOCK_ENVIRONMENT, mockResourceState, stableId, type MockEnvironment } from "./mock-state";
import { beginEvaluation, endEvaluation } from "./evaluation";
import { resourceQueries, type ResourceQueries } from "./resource-queries";

// Internal runtime helpers: the mock monitor is reachable only through the settings module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as {
  getMonitor(): { registerResource(req: RegisterRequest, cb: (err: unknown, res: RegisterResponse) => void): Promise<void> };
  waitForRPCs(): Promise<void>;
};

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void };
}
interface RegisterResponse {
  getUrn(): string;
}

/** One resource the program registered, as the engine would have seen it. */
export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** Inputs as the program passed them, with outputs resolved to their mocked values. */
  readonly inputs: Record<string, unknown>;
  /** The inputs the program passed as secrets (`pulumi.secret`, or derived from secret config), by name. */
  readonly secretInputs: readonly string[];
  readonly parentUrn: string | undefined;
  readonly providerRef: string | undefined;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export interface MockOptions {
  readonly project?: string;
  readonly stack?: string;
  readonly preview?: boolean;
  readonly environment?: MockEnvironment;
  /** Config values, keyed `namespace:key`; objects are stored as JSON like the CLI does. */
  readonly config?: Record<string, unknown>;
  /** Keys the CLI would mark secret (those holding a `secure:` value). */
  readonly secretKeys?: readonly string[];
}

export interface MockRecorder extends ResourceQueries {
  readonly resources: RecordedResource[];
  /** Waits until every registration the program started has been answered, which ends the evaluation (see evaluation.ts). */
  settled(): Promise<RecordedResource[]>;
}

/** Tokens of provider functions the program may call, with realistic answers. */
function mockCall(token: string, inputs: Record<string, unknown>, env: MockEnvironment): Record<string, unknown> {
  switch (token) {
    case "aws:index/getRegion:getRegion":
      return { id: env.region, name: env.region, region: env.region, description: env.region, endpoint: `ec2.${env.region}.amazonaws.com` };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { id: env.account, accountId: env.account, arn: `arn:aws:iam::${env.account}:user/ci`, userId: "AIDAMOCK" };
    case "aws:apigateway/getExport:getExport": {
      const restApiId = String(inputs.restApiId);
      const stage = String(inputs.stageName);
      const body = JSON.stringify({
        openapi: "3.0.1",
        info: { title: restApiId, version: stage },
        servers: [{ url: `https://${restApiId}.execute-api.${env.region}.amazonaws.com/${stage}` }],
        paths: {},
      });
      return {
        id: `${restApiId}/${stage}`,
        ...inputs,
        body,
        contentType: "application/json",
        contentDisposition: `attachment; filename="${stage}.json"`,
        region: env.region,
      };
    }
    case "aws:ec2/getVpc:getVpc":
      return {
        id: String(inputs.id),
        arn: `arn:aws:ec2:${env.region}:${env.account}:vpc/${String(inputs.id)}`,
        cidrBlock: "10.0.0.0/16",
        default: false,
        state: "available",
      };
    case "aws:route53/getZone:getZone": {
      const zone = String(inputs.name ?? "example.com").replace(/\.$/, "");
      return {
        id: `Z${stableId(zone, 12).toUpperCase()}`,
        zoneId: `Z${stableId(zone, 12).toUpperCase()}`,
        name: zone,
        arn: `arn:aws:route53:::hostedzone/Z${stableId(zone, 12).toUpperCase()}`,
        privateZone: false,
        nameServers: [],
      };
    }
    case "aws:ssm/getParameter:getParameter": {
      const parameter = String(inputs.name);
      if (!parameter.startsWith("/aws/service/ami-amazon-linux-latest/")) throw new Error(`unmocked SSM parameter ${parameter}`);
      const ami = `ami-${createHash("sha256").update(parameter).digest("hex").slice(0, 17)}`;
      return {
        id: parameter,
        name: parameter,
        arn: `arn:aws:ssm:${env.region}::parameter${parameter}`,
        type: "String",
        value: ami,
        insecureValue: ami,
        version: 1,
        withDecryption: true,
      };
    }
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsSuffix: "com.amazonaws" };
    default:
      throw new Error(`unmocked provider call ${token}: add it to tests/helpers/mocks.ts`);
  }
}

/**
 * The region of the explicit AWS provider a resource names (`<provider urn>::<provider id>`, whose urn
 * ends `::pulumi:providers:aws::<name>`), when the program registered that provider with a region.
 */
export function providerRegionOf(providerRef: string | undefined, regions: ReadonlyMap<string, string>): string | undefined {
  const parts = providerRef?.split("::") ?? [];
  const [type, name] = parts.slice(-3, -1);
  return type === "pulumi:providers:aws" && name !== undefined ? regions.get(name) : undefined;
}

/**
 * Installs Pulumi mocks that record every registered resource with its inputs, parent and
 * dependencies, and answer with realistic ids and ARNs. The program evaluates from here until
 * `settled()`: stack traces are off meanwhile (see evaluation.ts).
 */
export async function installMocks(options: MockOptions = {}): Promise<MockRecorder> {
  beginEvaluation();
  const env = options.environment ?? DEFAULT_MOCK_ENVIRONMENT;
  const config: Record<string, string> = { "aws:region": env.region };
  for (const [key, value] of Object.entries(options.config ?? {})) {
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  pulumi.runtime.setAllConfig(config, [...(options.secretKeys ?? [])]);

  const resources: RecordedResource[] = [];
  // Explicit AWS providers by name, with their region: a resource created through one lives there.
  const providerRegions = new Map<string, string>();
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type === "pulumi:providers:aws" && typeof args.inputs.region === "string") providerRegions.set(args.name, args.inputs.region);
        const region = providerRegionOf(args.provider, providerRegions) ?? env.region;
        const { id, state } = mockResourceState(args.type, args.name, args.inputs, { ...env, region });
        // Custom resources, and remote components (awsx), whose outputs only the mock can give here.
        const answered = args.custom || args.type.startsWith("awsx:");
        return { id: args.custom ? id : undefined, state: answered ? state : {} };
      },
      call(args) {
        return mockCall(args.token, args.inputs as Record<string, unknown>, env);
      },
    },
    options.project ?? "microservice-gateway",
    options.stack ?? "dev",
    options.preview ?? false,
  );

  const monitor = settings.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    register(req, (err, res) => {
      if (!err && res) {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
        const object = (req as unknown as { getObject(): { toJavaScript(): Record<string, unknown> } }).getObject();
        const serialized = object.toJavaScript();
        resources.push({
          urn: res.getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          inputs: unwrapSecrets(serialized),
          secretInputs: Object.keys(serialized).filter((key) => holdsSecret(serialized[key])),
          parentUrn: req.getParent() || undefined,
          providerRef: req.getProvider() || undefined,
          dependencies: req.getDependenciesList(),
          propertyDependencies,
        });
        // Pulumi formats the answer into a debug line it shows only with excessive debug output: the
        // message's own toString would copy every input (a function's code, 1 MB) into that string.
        res.toString = () => `RegisterResourceResponse(${res.getUrn()})`;
      }
      cb(err, res);
    });

  const recorder: MockRecorder = {
    resources,
    async settled() {
      try {
        await settings.waitForRPCs();
      } finally {
        endEvaluation();
      }
      return resources;
    },
    ...resourceQueries(resources),
  };
  return recorder;
}

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** Whether a serialized value is, or holds, a secret. */
function holdsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (!value || typeof value !== "object") return false;
  const o = value as Record<string, unknown>;
  return o[SIG_KEY] === SECRET_SIG || Object.values(o).some(holdsSecret);
}

/** Serialized inputs mark secrets and unknowns with signatures; tests want the plain values. */
function unwrapSecrets(value: unknown): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o[SIG_KEY] === SECRET_SIG) return walk(o.value);
      if (o[SIG_KEY] === RESOURCE_REF_SIG) return walk(o.id ?? o.urn);
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as Record<string, unknown>;
}

/** The value of an output, for assertions. */
export function outputOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}
