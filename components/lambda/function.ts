import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LAMBDA_RUNTIME, type FunctionConfig, type TableAccess } from "../../config";
import { programFunctionEnvironment } from "../../config/aws-checks";
import { resolveAliasRouting } from "./alias-routing";
import { BUNDLE_FILE, HANDLER, bundleFunction } from "./bundle";
import { corsEnvironment, type FunctionCors } from "./cors-environment";
import { trustPolicy } from "../iam/trust-policy";
import { functionRolePolicy, tableEnvironmentVariable } from "./role-policy";

export interface FunctionTable {
  readonly name: pulumi.Input<string>;
  readonly arn: pulumi.Input<string>;
  readonly access: TableAccess;
}

export interface LambdaFunctionArgs {
  /** The function's validated configuration (name, entry, memory, aliases, ...). */
  readonly config: FunctionConfig;
  /** Tables the function may use, by table key; each becomes `<KEY>_TABLE_NAME` and a role grant. @default {} */
  readonly tables?: Readonly<Record<string, FunctionTable>>;
  /** The KMS key that encrypts the log group; CloudWatch's own key when undefined. @default undefined */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** Environment values known only at deploy time (e.g. an issuer URL of a pool this stack creates); config's own win. @default {} */
  readonly deployTimeEnvironment?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Tags for the role, log group and function. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** The CORS of the REST Lambda proxy routes that invoke the function, which sends their headers itself. @default undefined */
  readonly cors?: FunctionCors;
}

/**
 * A Node.js function bundled from functions/, with its own least-privilege role, a log group with
 * retention, a version published on every change, and its aliases.
 */
export class LambdaFunction extends pulumi.ComponentResource {
  readonly function: aws.lambda.Function;
  readonly role: aws.iam.Role;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly aliases: Readonly<Record<string, aws.lambda.Alias>>;
  readonly config: FunctionConfig;

  constructor(name: string, args: LambdaFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:lambda:Function", name, {}, opts);
    const cfg = args.config;
    const tags = args.tags ?? {};
    const tables = Object.entries(args.tables ?? {});
    this.config = cfg;

    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `/aws/lambda/${cfg.name}`,
        retentionInDays: cfg.logRetentionDays,
        kmsKeyId: args.logsKmsKeyArn,
        tags,
      },
      { parent: this },
    );

    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `Execution role of the ${cfg.name} function`,
        assumeRolePolicy: JSON.stringify(trustPolicy("lambda.amazonaws.com")),
        tags,
      },
      { parent: this },
    );

    const rolePolicy = this.rolePolicy(name, cfg, tables, this.role, this.logGroup);
    this.function = this.lambdaFunction(name, args, tables, this.role, rolePolicy, this.logGroup);
    this.aliases = this.functionAliases(name, cfg, this.function);

    this.registerOutputs({
      functionArn: this.function.arn,
      version: this.function.version,
      aliasArns: Object.fromEntries(Object.entries(this.aliases).map(([k, a]) => [k, a.arn])),
    });
  }

  /** The role's policy: writing to the log group, tracing when on, and the tables' grants. */
  private rolePolicy(
    name: string,
    cfg: FunctionConfig,
    tables: [string, FunctionTable][],
    role: aws.iam.Role,
    logGroup: aws.cloudwatch.LogGroup,
  ): aws.iam.RolePolicy {
    const tableGrants = tables.map(([, t]) => pulumi.output(t.arn).apply((arn) => ({ arn, access: t.access })));
    return new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.id,
        policy: pulumi
          .all([logGroup.arn, pulumi.all(tableGrants)])
          .apply(([logArn, grants]) => JSON.stringify(functionRolePolicy(logArn, cfg.tracing, grants))),
      },
      { parent: this },
    );
  }

  /** The function from its bundle, with its environment, publishing a version on every change. */
  private lambdaFunction(
    name: string,
    args: LambdaFunctionArgs,
    tables: [string, FunctionTable][],
    role: aws.iam.Role,
    rolePolicy: aws.iam.RolePolicy,
    logGroup: aws.cloudwatch.LogGroup,
  ): aws.lambda.Function {
    const cfg = args.config;
    const tags = args.tags ?? {};
    const bundle = bundleFunction(cfg.entry);
    return new aws.lambda.Function(
      `${name}-function`,
      {
        name: cfg.name,
        description: cfg.description,
        runtime: LAMBDA_RUNTIME,
        handler: HANDLER,
        architectures: [cfg.architecture],
        memorySize: cfg.memoryMb,
        timeout: cfg.timeoutSeconds,
        role: role.arn,
        publish: true,
        code: new pulumi.asset.AssetArchive({
          [BUNDLE_FILE]: new pulumi.asset.StringAsset(bundle.code),
          [`${BUNDLE_FILE}.map`]: new pulumi.asset.StringAsset(bundle.sourceMap),
        }),
        environment: {
          variables: {
            ...args.deployTimeEnvironment,
            ...cfg.environment,
            ...Object.fromEntries(tables.map(([key, t]) => [tableEnvironmentVariable(key), t.name])),
            ...programFunctionEnvironment(cfg.name),
            ...corsEnvironment(args.cors),
          },
        },
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        tracingConfig: { mode: cfg.tracing ? "Active" : "PassThrough" },
        tags,
      },
      { parent: this, dependsOn: [rolePolicy, logGroup] },
    );
  }

  /** The configured aliases, by name, each with its routing resolved against the current version. */
  private functionAliases(name: string, cfg: FunctionConfig, fn: aws.lambda.Function): Record<string, aws.lambda.Alias> {
    const aliases: Record<string, aws.lambda.Alias> = {};
    for (const alias of Object.values(cfg.aliases)) {
      const routing = fn.version.apply((current) => resolveAliasRouting(alias.routing, current));
      aliases[alias.name] = new aws.lambda.Alias(
        `${name}-${alias.name}`,
        {
          name: alias.name,
          description: alias.description,
          functionName: fn.name,
          functionVersion: routing.functionVersion,
          routingConfig: routing.additionalVersionWeights.apply((weights) => (weights ? { additionalVersionWeights: { ...weights } } : undefined)),
        },
        { parent: this },
      );
    }
    return aliases;
  }
}
