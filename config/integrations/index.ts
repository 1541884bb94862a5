import { z } from "zod";
import type { RouteInput } from "../schema";
import { backendConfig, backendSchema, type BackendIntegration } from "./backend";
import { dynamoDbConfig, dynamoDbSchema, type DynamoDbIntegration } from "./dynamodb";
import { httpConfig, httpSchema, type HttpIntegration } from "./http";
import { httpProxyConfig, httpProxySchema, type HttpProxyIntegration } from "./http-proxy";
import { lambdaConfig, lambdaSchema, type LambdaIntegration, type LambdaProxyIntegration } from "./lambda";
import { mockConfig, mockSchema, type MockIntegration } from "./mock";
import { s3Config, s3Schema, type S3Integration } from "./s3";
import type { IntegrationCheckContext, IntegrationConfigModule } from "./shared";
import { sqsConfig, sqsSchema, type SqsIntegration } from "./sqs";
import { stepFunctionsConfig, stepFunctionsSchema, type StepFunctionsIntegration } from "./stepfunctions";

export type {
  BackendIntegration,
  DynamoDbIntegration,
  HttpIntegration,
  HttpProxyIntegration,
  LambdaIntegration,
  LambdaProxyIntegration,
  MockIntegration,
  S3Integration,
  SqsIntegration,
  StepFunctionsIntegration,
};
export { defaultBackendPath } from "./backend";

/**
 * The config side of the integration types, one module each (components/rest-api/integrations/ has
 * their objects, local/rest/integrations/ their twin side). A Lambda proxy route names `function`
 * instead of an `integration`, so it has no schema of its own here.
 */
export const INTEGRATION_CONFIGS = {
  mock: mockConfig,
  http: httpConfig,
  http_proxy: httpProxyConfig,
  lambda: lambdaConfig,
  sqs: sqsConfig,
  stepfunctions: stepFunctionsConfig,
  backend: backendConfig,
  s3: s3Config,
  dynamodb: dynamoDbConfig,
} as const;

/** What `routes[].integration` accepts: one strict object per type, chosen by `type`. */
export const integrationSchema = z.discriminatedUnion("type", [
  mockSchema,
  httpSchema,
  httpProxySchema,
  lambdaSchema,
  sqsSchema,
  stepFunctionsSchema,
  backendSchema,
  s3Schema,
  dynamoDbSchema,
]);

export type IntegrationInput = z.output<typeof integrationSchema>;
type InputType = IntegrationInput["type"];
type ConfigOf<T extends InputType> = (typeof INTEGRATION_CONFIGS)[T];
type Resolved = { readonly [T in InputType]: ReturnType<ConfigOf<T>["resolve"]> }[InputType];

/** What a route's request goes to, every default applied. */
export type IntegrationConfig = LambdaProxyIntegration | Resolved;

// Every type of the schema's union has its module, and every module's input is its schema's.
const complete: { readonly [T in InputType]: IntegrationConfigModule<z.ZodType<Extract<IntegrationInput, { type: T }>>, unknown> } = INTEGRATION_CONFIGS;

/** A type's module, typed by the type (TypeScript cannot correlate a union's key and value by itself). */
const moduleOf = <T extends InputType>(type: T) =>
  complete[type] as IntegrationConfigModule<z.ZodType<Extract<IntegrationInput, { type: T }>>, IntegrationConfig>;

export function resolveIntegration(i: IntegrationInput, route: RouteInput): IntegrationConfig {
  return moduleOf(i.type).resolve(i, route);
}

export function checkIntegration(i: IntegrationInput, ctx: IntegrationCheckContext): string[] {
  return moduleOf(i.type).check(i, ctx);
}

export function untemplatedResponses(i: IntegrationInput): (string | number)[][] {
  return moduleOf(i.type).untemplatedResponses(i);
}
