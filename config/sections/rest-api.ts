import { z } from "zod";
import { ENDPOINT_TYPES, SUBNET_ID_PATTERN, VPC_ID_PATTERN, type EndpointType } from "../constants";
import { formatValue, gatewayPath as at } from "../format";
import type { GatewayInput } from "../gateway";
import { importedOperations, type ImportedOpenApi } from "../openapi-import";
import type { ReferenceCheckOptions } from "../references";
import { pathSyntaxProblem, resourceShape } from "../route-paths";
import type { StackContext } from "../types";
import { corsSchema, importedPreflightProblems } from "./cors";

/**
 * The public REST API (its endpoint type, private access, imported OpenAPI file, CORS), the PRIVATE
 * internal API beside it, and the media types both pass as binary.
 */

export const apiSchema = z.strictObject({
  /** The API's name. @default `<project>-<stack>` */
  name: z.string().min(1).max(1024).optional(),
  /** The API's description. */
  description: z.string().optional(),
  /** The API's version: OpenAPI `info.version`, and in each deployment's description. @default `1.0.0` */
  version: z.string().min(1).optional(),
  /** `EDGE` (through CloudFront), `REGIONAL`, or `PRIVATE` (reached only through an `execute-api` VPC endpoint). @default `REGIONAL` */
  endpointType: z.enum(ENDPOINT_TYPES).optional(),
  /** For a PRIVATE API: the VPC and subnets of the `execute-api` endpoint clients reach it through. */
  privateAccess: z
    .strictObject({
      /** The VPC of the endpoint (`vpc-...`). */
      vpcId: z.string(),
      /** The subnets of the endpoint (`subnet-...`). */
      subnetIds: z.array(z.string()).min(1),
      /** Private DNS on the endpoint: `{api-id}.execute-api…` resolves to it, and no public API's does from that VPC. @default false */
      privateDns: z.boolean().optional(),
    })
    .optional(),
  /** An OpenAPI 3.0 file (YAML or JSON, in openapi/) whose operations join the routes'. */
  openApiFile: z.string().optional(),
  /** Allow integration timeouts over 29 s (REGIONAL and PRIVATE APIs only, after a quota increase). @default false */
  longIntegrationTimeouts: z.boolean().optional(),
  /** CORS on every public route (a route may change or opt out): preflights, response and gateway-response headers. */
  cors: corsSchema.optional(),
});

export const internalApiSchema = z.strictObject({
  /** The internal API's name. @default `<project>-<stack>-internal` */
  name: z.string().min(1).max(1024).optional(),
  /** The internal API's description. */
  description: z.string().optional(),
  /** Private DNS on the internal API's endpoint (see api.privateAccess.privateDns). @default false */
  privateDns: z.boolean().optional(),
});

/** Media types as `type/subtype`, either part may be `*` (`image/*`). */
export const binaryMediaTypesSchema = z.array(z.string().regex(/^[a-z*]+\/[a-z0-9.+*-]+$/));

export const REST_API_DEFAULTS = { api: { description: "", version: "1.0.0", endpointType: "REGIONAL" } } as const;

/** How a PRIVATE API's clients reach it: the VPC endpoint's place, and whether private DNS is on. */
export interface PrivateAccess {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /**
   * On: `{api-id}.execute-api.{region}.amazonaws.com` resolves to the endpoint inside the VPC, and no
   * public API can be reached by its execute-api name from there (AWS, "Private REST APIs in API
   * Gateway"). Off: clients use `{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com`.
   */
  readonly privateDns: boolean;
}

export interface ApiConfig {
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly endpointType: EndpointType;
  readonly longIntegrationTimeouts: boolean;
  /** The VPC endpoint's network, for a PRIVATE API. */
  readonly privateAccess: PrivateAccess | undefined;
  /** The operations of api.openApiFile, merged into the generated document. */
  readonly imported: ImportedOpenApi | undefined;
}

export interface InternalApiConfig {
  readonly name: string;
  readonly description: string;
  readonly privateDns: boolean;
}

export function resolveApi(ctx: StackContext, input: GatewayInput, imported: ImportedOpenApi | undefined): ApiConfig {
  const d = REST_API_DEFAULTS.api;
  return {
    name: input.api?.name ?? `${ctx.project}-${ctx.stack}`,
    description: input.api?.description ?? d.description,
    version: input.api?.version ?? d.version,
    endpointType: input.api?.endpointType ?? d.endpointType,
    longIntegrationTimeouts: input.api?.longIntegrationTimeouts ?? false,
    privateAccess: input.api?.privateAccess && { ...input.api.privateAccess, privateDns: input.api.privateAccess.privateDns ?? false },
    imported,
  };
}

export function resolveInternalApi(ctx: StackContext, input: GatewayInput): InternalApiConfig | undefined {
  return (
    input.internalApi && {
      name: input.internalApi.name ?? `${ctx.project}-${ctx.stack}-internal`,
      description: input.internalApi.description ?? "",
      privateDns: input.internalApi.privateDns ?? false,
    }
  );
}

const OPENAPI_FILE_PATTERN = /^openapi\/[a-z0-9._-]+\.(ya?ml|json)$/;

/** The imported file, or its problems (a bad name, a missing or invalid file, operations the routes define too). */
export function checkOpenApiFile(
  input: GatewayInput,
  opts: { readonly readOpenApi: ReferenceCheckOptions["readOpenApi"] },
): { imported: ImportedOpenApi | undefined; problems: string[] } {
  const file = input.api?.openApiFile;
  if (file === undefined) return { imported: undefined, problems: [] };
  const where = at("api", "openApiFile");
  if (!OPENAPI_FILE_PATTERN.test(file)) {
    return { imported: undefined, problems: [`${where}: ${formatValue(file)} must be a .yaml, .yml or .json file in openapi/`] };
  }
  const read = opts.readOpenApi(file);
  if ("problems" in read) return { imported: undefined, problems: read.problems.map((p) => `${where}: ${p}`) };
  const problems: string[] = [];
  const routes = input.routes ?? [];
  for (const operation of importedOperations(read.document)) {
    const [method, path] = operation.split(" ") as [string, string];
    const index = routes.findIndex(
      (r) =>
        r.method === method &&
        pathSyntaxProblem(r.path) === undefined &&
        pathSyntaxProblem(path) === undefined &&
        resourceShape(r.path) === resourceShape(path),
    );
    if (index >= 0) problems.push(`${where}: ${operation} is defined both in ${file} and at ${at("routes", index)}`);
  }
  problems.push(...importedPreflightProblems(input, importedOperations(read.document), file));
  return { imported: read.document, problems };
}

export function checkPrivateAccess(input: GatewayInput): string[] {
  const access = input.api?.privateAccess;
  const isPrivate = input.api?.endpointType === "PRIVATE";
  if (isPrivate && !access) return [`${at("api", "privateAccess")}: is required for a PRIVATE API (the VPC and subnets of its execute-api endpoint)`];
  if (!isPrivate && access)
    return [`${at("api", "privateAccess")}: only a PRIVATE API has one (endpointType is ${formatValue(input.api?.endpointType ?? "REGIONAL")})`];
  if (!access) return [];
  const problems: string[] = [];
  if (!VPC_ID_PATTERN.test(access.vpcId)) problems.push(`${at("api", "privateAccess", "vpcId")}: ${formatValue(access.vpcId)} is not a VPC id (vpc-...)`);
  for (const [i, subnet] of access.subnetIds.entries()) {
    if (!SUBNET_ID_PATTERN.test(subnet)) problems.push(`${at("api", "privateAccess", "subnetIds", i)}: ${formatValue(subnet)} is not a subnet id (subnet-...)`);
  }
  if (isPrivate && (input.domains ?? []).length > 0) problems.push(`${at("domains")}: a PRIVATE API takes no public custom domains`);
  return problems;
}

export function checkLongIntegrationTimeouts(input: GatewayInput): string[] {
  if (input.api?.longIntegrationTimeouts === true && (input.api.endpointType ?? "REGIONAL") === "EDGE") {
    return [`${at("api", "longIntegrationTimeouts")}: true is not allowed for an EDGE API (only REGIONAL and PRIVATE APIs can wait over 29 s)`];
  }
  return [];
}

export function checkInternalApi(input: GatewayInput): string[] {
  const routes = input.routes ?? [];
  const internal = routes.map((route, index) => ({ route, index })).filter(({ route }) => route.api === "internal");
  if (!input.internalApi) {
    return internal.map(({ index }) => `${at("routes", index, "api")}: "internal" needs gateway.internalApi (the stack's PRIVATE API)`);
  }
  const problems: string[] = [];
  if (!input.network) problems.push(`${at("internalApi")}: the internal API's execute-api endpoint lives in gateway.network, which is not set`);
  if (input.api?.endpointType === "PRIVATE") {
    problems.push(
      `${at("internalApi")}: the API is PRIVATE already; an internal API beside it would need a second execute-api endpoint with private DNS in one VPC, which AWS refuses`,
    );
  }
  if (internal.length === 0) problems.push(`${at("internalApi")}: no route has api "internal" (a REST API needs at least one method to deploy)`);
  for (const { route, index } of internal) {
    if (route.cache !== undefined) problems.push(`${at("routes", index, "cache")}: the internal API has no cache cluster; internal routes do not cache`);
    if (route.apiKeyRequired) problems.push(`${at("routes", index, "apiKeyRequired")}: usage plans and API keys cover the public API only`);
  }
  return problems;
}
