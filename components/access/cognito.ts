import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export const MFA_MODES = ["OFF", "OPTIONAL", "ON"] as const;
export type MfaMode = (typeof MFA_MODES)[number];

export const ADVANCED_SECURITY_MODES = ["OFF", "AUDIT", "ENFORCED"] as const;
export type AdvancedSecurityMode = (typeof ADVANCED_SECURITY_MODES)[number];

export interface CognitoPasswordPolicy {
  /** 6 to 99. @default 12 */
  readonly minimumLength?: number;
  /** @default true */
  readonly requireUppercase?: boolean;
  /** @default true */
  readonly requireLowercase?: boolean;
  /** @default true */
  readonly requireNumbers?: boolean;
  /** @default true */
  readonly requireSymbols?: boolean;
  /** Days an admin-set temporary password stays valid, 0 to 365. @default 7 */
  readonly temporaryPasswordValidityDays?: number;
}

export interface CognitoScope {
  /** e.g. `items.read`; no spaces, quotes, slashes or backslashes. */
  readonly name: string;
  readonly description: string;
}

export interface CognitoResourceServer {
  /** The scopes' prefix, e.g. `https://api.example.com` or `gateway`: tokens carry `<identifier>/<scope>`. */
  readonly identifier: string;
  /** @default the identifier */
  readonly name?: string;
  readonly scopes: readonly CognitoScope[];
}

export interface CognitoAppClient {
  /** @default "<pool name>-client" */
  readonly name?: string;
  /**
   * A confidential machine client: a secret, the `client_credentials` flow and every scope of the
   * resource server. Otherwise a public user client (SRP sign-in, refresh tokens, no secret).
   * @default false
   */
  readonly generateSecret?: boolean;
  /** Access and ID tokens' lifetime, 5 to 1440 minutes. @default 60 */
  readonly accessTokenMinutes?: number;
  /** Refresh tokens' lifetime (user clients), 1 to 3650 days. @default 30 */
  readonly refreshTokenDays?: number;
}

export interface CognitoUserPoolArgs {
  /** The pool's name in Cognito. */
  readonly poolName: string;
  /** @default { minimumLength: 12, require*: true, temporaryPasswordValidityDays: 7 } */
  readonly passwordPolicy?: CognitoPasswordPolicy;
  /** Multi-factor sign-in with a TOTP authenticator app (software token) unless OFF. @default "OPTIONAL" */
  readonly mfa?: MfaMode;
  /** Refuse to delete the pool while set (prod sets it). @default false */
  readonly deletionProtection?: boolean;
  /** Anyone may sign up; otherwise only administrators create users. @default false */
  readonly selfSignUp?: boolean;
  /**
   * Threat protection (compromised credentials, adaptive authentication). It needs the PLUS feature
   * plan, which is billed per active user, so it is off unless asked for. @default "OFF"
   */
  readonly advancedSecurity?: AdvancedSecurityMode;
  readonly resourceServer: CognitoResourceServer;
  /** @default a public user client */
  readonly client?: CognitoAppClient;
  /**
   * A prefix for the hosted UI and OAuth endpoints at `https://<prefix>.auth.<region>.amazoncognito.com`
   * (a machine client gets its tokens from `/oauth2/token` there). @default undefined (no domain)
   */
  readonly domainPrefix?: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/;
const IDENTIFIER = /^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/;
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const inRange = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

/** Every problem with the pool's settings, each prefixed with `path`, naming the field and what is allowed. */
export function cognitoUserPoolProblems(args: CognitoUserPoolArgs, path = "cognito"): string[] {
  const problems: string[] = [];
  const range = (field: string, value: number | undefined, min: number, max: number, unit: string) => {
    if (value !== undefined && !inRange(value, min, max)) problems.push(`${path}.${field}: ${value} is not a whole number of ${unit} from ${min} to ${max}`);
  };
  if (args.poolName.length < 1 || args.poolName.length > 128) problems.push(`${path}.poolName: ${JSON.stringify(args.poolName)} is not 1 to 128 characters`);
  range("passwordPolicy.minimumLength", args.passwordPolicy?.minimumLength, 6, 99, "characters");
  range("passwordPolicy.temporaryPasswordValidityDays", args.passwordPolicy?.temporaryPasswordValidityDays, 0, 365, "days");
  if (args.mfa !== undefined && !(MFA_MODES as readonly string[]).includes(args.mfa)) {
    problems.push(`${path}.mfa: ${JSON.stringify(args.mfa)} is not one of ${MFA_MODES.join(", ")}`);
  }
  if (args.advancedSecurity !== undefined && !(ADVANCED_SECURITY_MODES as readonly string[]).includes(args.advancedSecurity)) {
    problems.push(`${path}.advancedSecurity: ${JSON.stringify(args.advancedSecurity)} is not one of ${ADVANCED_SECURITY_MODES.join(", ")}`);
  }
  const server = args.resourceServer;
  if (!IDENTIFIER.test(server.identifier)) {
    problems.push(
      `${path}.resourceServer.identifier: ${JSON.stringify(server.identifier)} is not 1 to 256 printable characters without spaces, quotes or backslashes`,
    );
  }
  if (server.scopes.length === 0) problems.push(`${path}.resourceServer.scopes: must list at least one scope`);
  if (server.scopes.length > 100) problems.push(`${path}.resourceServer.scopes: ${server.scopes.length} scopes; a resource server takes at most 100`);
  const seen = new Map<string, number>();
  server.scopes.forEach((scope, i) => {
    if (!SCOPE_NAME.test(scope.name)) {
      problems.push(
        `${path}.resourceServer.scopes[${i}].name: ${JSON.stringify(scope.name)} is not 1 to 256 printable characters without spaces, quotes, slashes or backslashes`,
      );
    } else if (seen.has(scope.name)) {
      problems.push(`${path}.resourceServer.scopes[${i}].name: ${JSON.stringify(scope.name)} repeats scopes[${seen.get(scope.name)}]`);
    } else seen.set(scope.name, i);
    if (scope.description.length < 1 || scope.description.length > 256) {
      problems.push(`${path}.resourceServer.scopes[${i}].description: must be 1 to 256 characters`);
    }
  });
  range("client.accessTokenMinutes", args.client?.accessTokenMinutes, 5, 1440, "minutes");
  range("client.refreshTokenDays", args.client?.refreshTokenDays, 1, 3650, "days");
  if (args.domainPrefix !== undefined && (!DOMAIN_PREFIX.test(args.domainPrefix) || /aws|amazon|cognito/.test(args.domainPrefix))) {
    problems.push(
      `${path}.domainPrefix: ${JSON.stringify(args.domainPrefix)} is not 1 to 63 lowercase letters, digits and inner hyphens without "aws", "amazon" or "cognito"`,
    );
  }
  return problems;
}

/** The `iss` claim of the pool's tokens, which a JWT authorizer checks: `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
export function cognitoIssuer(region: string, poolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
}

/**
 * A Cognito user pool (email usernames, verified email, recovery by email, TOTP MFA), a resource
 * server with the API's OAuth scopes, and one app client.
 *
 * With a REST API: an authorizer of type `COGNITO_USER_POOLS` with `providerARNs: [pool.arn]`
 * (in OpenAPI, `cognitoAuthorizerSecurityScheme(pool arn)` from `authorizer-schemes.ts`). Methods
 * that require scopes list them as `authorizationScopes` (OpenAPI: the scheme's entry in the method's
 * `security`, e.g. `[{ cognito: ["https://api.example.com/items.read"] }]`); the caller then sends an
 * ACCESS token carrying one of them. Methods without scopes expect the ID token.
 *
 * With an HTTP API: a JWT authorizer with `issuer` (this component's `issuer`) and `audience:
 * [client id]`, identity source `$request.header.Authorization`. (Cognito access tokens carry the
 * client id in `client_id`, not `aud`; API Gateway accepts either for the audience check.)
 */
export class CognitoUserPool extends pulumi.ComponentResource {
  readonly pool: aws.cognito.UserPool;
  readonly client: aws.cognito.UserPoolClient;
  readonly resourceServer: aws.cognito.ResourceServer;
  /** Present when `domainPrefix` is set. */
  readonly domain: aws.cognito.UserPoolDomain | undefined;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` */
  readonly issuer: pulumi.Output<string>;
  /** The scopes as tokens carry them: `<identifier>/<name>`. */
  readonly scopeIdentifiers: pulumi.Output<string[]>;

  constructor(name: string, args: CognitoUserPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:access:CognitoUserPool", name, {}, opts);
    const problems = cognitoUserPoolProblems(args, name);
    if (problems.length > 0) throw new Error(problems.join("\n"));

    this.pool = this.userPool(name, args);
    this.resourceServer = this.scopesServer(name, args, this.pool);
    this.scopeIdentifiers = this.resourceServer.scopeIdentifiers;
    this.client = this.appClient(name, args, this.pool, this.scopeIdentifiers);

    this.domain =
      args.domainPrefix === undefined
        ? undefined
        : new aws.cognito.UserPoolDomain(`${name}-domain`, { domain: args.domainPrefix, userPoolId: this.pool.id }, { parent: this });

    const region = aws.getRegionOutput({}, { parent: this }).region;
    this.issuer = pulumi.all([region, this.pool.id]).apply(([r, id]) => cognitoIssuer(r, id));
    this.registerOutputs({
      poolId: this.pool.id,
      poolArn: this.pool.arn,
      clientId: this.client.id,
      issuer: this.issuer,
      scopeIdentifiers: this.scopeIdentifiers,
    });
  }

  /** The pool: email usernames, verified email, recovery by email, the password policy, MFA and advanced security. */
  private userPool(name: string, args: CognitoUserPoolArgs): aws.cognito.UserPool {
    const password = args.passwordPolicy ?? {};
    const mfa = args.mfa ?? "OPTIONAL";
    const advancedSecurity = args.advancedSecurity ?? "OFF";
    return new aws.cognito.UserPool(
      `${name}-pool`,
      {
        name: args.poolName,
        usernameAttributes: ["email"],
        usernameConfiguration: { caseSensitive: false },
        autoVerifiedAttributes: ["email"],
        accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
        adminCreateUserConfig: { allowAdminCreateUserOnly: !(args.selfSignUp ?? false) },
        passwordPolicy: {
          minimumLength: password.minimumLength ?? 12,
          requireUppercase: password.requireUppercase ?? true,
          requireLowercase: password.requireLowercase ?? true,
          requireNumbers: password.requireNumbers ?? true,
          requireSymbols: password.requireSymbols ?? true,
          temporaryPasswordValidityDays: password.temporaryPasswordValidityDays ?? 7,
        },
        mfaConfiguration: mfa,
        ...(mfa !== "OFF" ? { softwareTokenMfaConfiguration: { enabled: true } } : {}),
        deletionProtection: args.deletionProtection ? "ACTIVE" : "INACTIVE",
        ...(advancedSecurity !== "OFF" ? { userPoolTier: "PLUS" } : {}),
        userPoolAddOns: { advancedSecurityMode: advancedSecurity },
        tags: { ...args.tags },
      },
      { parent: this },
    );
  }

  /** The resource server with the API's OAuth scopes. */
  private scopesServer(name: string, args: CognitoUserPoolArgs, pool: aws.cognito.UserPool): aws.cognito.ResourceServer {
    return new aws.cognito.ResourceServer(
      `${name}-resource-server`,
      {
        userPoolId: pool.id,
        identifier: args.resourceServer.identifier,
        name: args.resourceServer.name ?? args.resourceServer.identifier,
        scopes: args.resourceServer.scopes.map((s) => ({ scopeName: s.name, scopeDescription: s.description })),
      },
      { parent: this },
    );
  }

  /** The app client: client credentials with the scopes when it has a secret, SRP sign-in when not. */
  private appClient(
    name: string,
    args: CognitoUserPoolArgs,
    pool: aws.cognito.UserPool,
    scopeIdentifiers: pulumi.Output<string[]>,
  ): aws.cognito.UserPoolClient {
    const client = args.client ?? {};
    const minutes = client.accessTokenMinutes ?? 60;
    const common = {
      userPoolId: pool.id,
      name: client.name ?? `${args.poolName}-client`,
      accessTokenValidity: minutes,
      idTokenValidity: minutes,
      refreshTokenValidity: client.refreshTokenDays ?? 30,
      tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
      enableTokenRevocation: true,
      preventUserExistenceErrors: "ENABLED",
    };
    return new aws.cognito.UserPoolClient(
      `${name}-client`,
      client.generateSecret
        ? {
            ...common,
            generateSecret: true,
            explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
            allowedOauthFlowsUserPoolClient: true,
            allowedOauthFlows: ["client_credentials"],
            // The resource server's output, so the client waits for the scopes to exist.
            allowedOauthScopes: scopeIdentifiers,
            supportedIdentityProviders: ["COGNITO"],
          }
        : {
            ...common,
            generateSecret: false,
            explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          },
      { parent: this },
    );
  }
}
