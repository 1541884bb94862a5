import type * as pulumi from "@pulumi/pulumi";
import type { HttpApiConfig, HttpApiTargetConfig, StackConfig } from "../../config";
import { defaultLogRetentionDays } from "../../config/defaults";
import type { CognitoUserPool } from "../access/cognito";
import type { Backend } from "../backends/create-backends";
import type { CustomDomain } from "../domain/custom-domain";
import type { LambdaFunction } from "../lambda/function";
import type { Network } from "../network/network";
import { HttpApi } from "./http-api";
import type { HttpApiJwt, HttpApiTarget } from "./types";

export interface HttpApiWiring {
  readonly functions: Readonly<Record<string, LambdaFunction>>;
  readonly backends: Readonly<Record<string, Backend>>;
  readonly network: Network | undefined;
  readonly cognito: CognitoUserPool | undefined;
  readonly domains: readonly CustomDomain[];
  readonly logsKmsKeyArn: pulumi.Input<string> | undefined;
  readonly tags: Readonly<Record<string, string>>;
}

/** The stack's HTTP API from its config: Lambda, URL and backend routes, the pool's JWT authorizer, the domains' mappings. */
export function createHttpApi(cfg: StackConfig, http: HttpApiConfig, wiring: HttpApiWiring): HttpApi {
  const target = (t: HttpApiTargetConfig): HttpApiTarget => {
    switch (t.kind) {
      case "function": {
        const fn = wiring.functions[t.function];
        if (!fn) throw new Error(`the HTTP API names function "${t.function}", which was not created`);
        const alias = t.alias === undefined ? undefined : fn.aliases[t.alias];
        return {
          kind: "lambda",
          functionName: fn.function.name,
          functionArn: alias ? alias.arn : fn.function.arn,
          key: t.function,
          ...(t.alias ? { qualifier: t.alias } : {}),
        };
      }
      case "url":
        return { kind: "http", url: t.url };
      case "backend": {
        const backend = wiring.backends[t.backend];
        if (!backend) throw new Error(`the HTTP API names backend "${t.backend}", which was not created`);
        return { kind: "private", listenerArn: backend.front.listener.arn };
      }
    }
  };
  const usesBackends = http.routes.some((r) => r.target.kind === "backend");
  if (usesBackends && !wiring.network) throw new Error("HTTP API backend routes need gateway.network (the configuration check should have said so)");
  const jwt: HttpApiJwt | undefined =
    http.jwt === undefined
      ? undefined
      : http.jwt === "cognito"
        ? (() => {
            if (!wiring.cognito) throw new Error("the HTTP API's JWT authorizer needs gateway.cognito (the configuration check should have said so)");
            return { issuer: wiring.cognito.issuer, audiences: [wiring.cognito.client.id] };
          })()
        : { issuer: http.jwt.issuer, audiences: [...http.jwt.audiences] };
  return new HttpApi("http", {
    name: http.name,
    description: http.description,
    routes: http.routes.map((r) => ({ method: r.method, path: r.path, target: target(r.target), authorization: r.authorization, scopes: r.scopes })),
    ...(jwt ? { jwt } : {}),
    ...(http.cors
      ? {
          cors: {
            allowOrigins: http.cors.allowOrigins,
            allowCredentials: http.cors.allowCredentials,
            ...(http.cors.allowMethods ? { allowMethods: http.cors.allowMethods } : {}),
            ...(http.cors.allowHeaders ? { allowHeaders: http.cors.allowHeaders } : {}),
            ...(http.cors.exposeHeaders ? { exposeHeaders: http.cors.exposeHeaders } : {}),
            ...(http.cors.maxAgeSeconds !== undefined ? { maxAgeSeconds: http.cors.maxAgeSeconds } : {}),
          },
        }
      : {}),
    ...(usesBackends && wiring.network
      ? { vpcLink: { subnetIds: wiring.network.privateSubnetIds, vpcId: wiring.network.vpcId, vpcCidrBlock: wiring.network.cidrBlock } }
      : {}),
    throttling: http.throttling,
    logRetentionDays: defaultLogRetentionDays(cfg.environment),
    ...(wiring.logsKmsKeyArn ? { logsKmsKeyArn: wiring.logsKmsKeyArn } : {}),
    ...(http.domainBasePath !== undefined
      ? {
          domainMappings: cfg.domains.map((d, i) => ({
            domainName: (wiring.domains[i] as CustomDomain).domain.domainName,
            apiMappingKey: http.domainBasePath as string,
            key: d.name,
          })),
        }
      : {}),
    tags: wiring.tags,
  });
}
