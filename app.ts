import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import { Table } from "./components/data/table";
import { bundleFunctions } from "./components/lambda/bundle";
import { LambdaFunction, type FunctionTable } from "./components/lambda/function";
import { ApiGatewayAccount } from "./components/observability/api-gateway-account";
import { LogsKey } from "./components/observability/logs-key";
import { RestApi } from "./components/rest-api/rest-api";
import { stackTags } from "./components/tags/tags";

export interface AppOutputs {
  readonly restApiId: pulumi.Output<string>;
  /** Invoke URL of each stage. */
  readonly invokeUrls: Readonly<Record<string, pulumi.Output<string>>>;
  readonly tableNames: Readonly<Record<string, pulumi.Output<string>>>;
  readonly functionArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** Alias ARNs by function key, then alias name. */
  readonly aliasArns: Readonly<Record<string, Readonly<Record<string, pulumi.Output<string>>>>>;
}

/** Builds every resource one stack's configuration asks for. */
export function createApp(cfg: StackConfig): AppOutputs {
  const tags = stackTags(cfg);

  const logsKey = cfg.logEncryption === "kms" ? new LogsKey("logs", { aliasName: `${cfg.project}-${cfg.stack}-logs`, tags }) : undefined;
  const logsKmsKeyArn = logsKey?.key.arn;

  const tables = Object.fromEntries(
    Object.values(cfg.tables).map((t) => [t.key, new Table(t.key, { config: t, tags })]),
  );

  // One esbuild run for every handler; each function then takes its bundle from the cache.
  bundleFunctions(Object.values(cfg.functions).map((fn) => fn.entry));
  const functions = Object.fromEntries(
    Object.values(cfg.functions).map((fn) => {
      const grants: Record<string, FunctionTable> = {};
      for (const [key, access] of Object.entries(fn.tables)) {
        const table = tables[key]!.table;
        grants[key] = { name: table.name, arn: table.arn, access };
      }
      return [fn.key, new LambdaFunction(fn.key, { config: fn, tables: grants, tags, logsKmsKeyArn })];
    }),
  );

  const account = cfg.manageApiGatewayAccount ? new ApiGatewayAccount("apigateway-account", { tags }) : undefined;

  const api = new RestApi("api", {
    api: cfg.api,
    routes: cfg.routes,
    stages: Object.values(cfg.stages),
    functions,
    tags,
    loggingDependsOn: account ? [account] : [],
    logsKmsKeyArn,
  });

  return {
    restApiId: api.api.id,
    invokeUrls: api.invokeUrls,
    tableNames: Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.table.name])),
    functionArns: Object.fromEntries(Object.entries(functions).map(([k, f]) => [k, f.function.arn])),
    aliasArns: Object.fromEntries(
      Object.entries(functions).map(([k, f]) => [k, Object.fromEntries(Object.entries(f.aliases).map(([a, r]) => [a, r.arn]))]),
    ),
  };
}
