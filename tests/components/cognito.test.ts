import { cognitoIssuer, CognitoUserPool, cognitoUserPoolProblems, type CognitoUserPoolArgs } from "../../components/access/cognito";
import { cognitoAuthorizerSecurityScheme } from "../../components/access/authorizer-schemes";
import { installMocks, outputOf, type MockRecorder } from "../helpers/mocks";

const TAGS = { project: "microservice-gateway", stack: "dev" };
const SERVER = {
  identifier: "https://api.example.com",
  scopes: [
    { name: "items.read", description: "Read items" },
    { name: "items.write", description: "Create and change items" },
  ],
};

describe("a user pool with a public user client", () => {
  let rec: MockRecorder;
  let users: CognitoUserPool;
  beforeAll(async () => {
    rec = await installMocks({ stack: "dev", environment: { account: "123456789012", region: "eu-west-1" } });
    users = new CognitoUserPool("users", { poolName: "gateway-dev-users", resourceServer: SERVER, tags: TAGS });
    await rec.settled();
  });

  test("the pool: email usernames, strong passwords, optional TOTP, admin-created users, no advanced security", () => {
    expect(rec.get("aws:cognito/userPool:UserPool", "users-pool").inputs).toEqual({
      name: "gateway-dev-users",
      usernameAttributes: ["email"],
      usernameConfiguration: { caseSensitive: false },
      autoVerifiedAttributes: ["email"],
      accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      passwordPolicy: {
        minimumLength: 12,
        requireUppercase: true,
        requireLowercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: 7,
      },
      mfaConfiguration: "OPTIONAL",
      softwareTokenMfaConfiguration: { enabled: true },
      deletionProtection: "INACTIVE",
      userPoolAddOns: { advancedSecurityMode: "OFF" },
      tags: TAGS,
    });
    expect(rec.parentOf(rec.get("aws:cognito/userPool:UserPool", "users-pool"))?.type).toBe("gateway:access:CognitoUserPool");
  });

  test("the resource server's scopes", async () => {
    const server = rec.get("aws:cognito/resourceServer:ResourceServer", "users-resource-server");
    expect(server.inputs).toEqual({
      userPoolId: String(await outputOf(users.pool.id)),
      identifier: "https://api.example.com",
      name: "https://api.example.com",
      scopes: [
        { scopeName: "items.read", scopeDescription: "Read items" },
        { scopeName: "items.write", scopeDescription: "Create and change items" },
      ],
    });
    expect(await outputOf(users.scopeIdentifiers)).toEqual(["https://api.example.com/items.read", "https://api.example.com/items.write"]);
  });

  test("the client: SRP sign-in and refresh, no secret, hour-long tokens, revocable, no user-existence leaks", async () => {
    expect(rec.get("aws:cognito/userPoolClient:UserPoolClient", "users-client").inputs).toEqual({
      userPoolId: String(await outputOf(users.pool.id)),
      name: "gateway-dev-users-client",
      generateSecret: false,
      explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      accessTokenValidity: 60,
      idTokenValidity: 60,
      refreshTokenValidity: 30,
      tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
      enableTokenRevocation: true,
      preventUserExistenceErrors: "ENABLED",
    });
  });

  test("the issuer HTTP API JWT authorizers check, and no hosted-UI domain unless asked", async () => {
    const poolId = await outputOf(users.pool.id);
    expect(poolId).toMatch(/^eu-west-1_[A-Za-z0-9]+$/);
    expect(await outputOf(users.issuer)).toBe(`https://cognito-idp.eu-west-1.amazonaws.com/${poolId}`);
    expect(users.domain).toBeUndefined();
    expect(rec.ofType("aws:cognito/userPoolDomain:UserPoolDomain")).toEqual([]);
  });

  test("the pool's ARN makes a REST API authorizer's security scheme", async () => {
    const arn = await outputOf(users.pool.arn);
    expect(cognitoAuthorizerSecurityScheme(arn)["x-amazon-apigateway-authorizer"]).toEqual({ type: "cognito_user_pools", providerARNs: [arn] });
  });
});

describe("a production pool with a machine client and a domain", () => {
  let rec: MockRecorder;
  let machines: CognitoUserPool;
  beforeAll(async () => {
    rec = await installMocks({ stack: "prod" });
    machines = new CognitoUserPool("machines", {
      poolName: "gateway-prod-machines",
      passwordPolicy: { minimumLength: 16, requireSymbols: false, temporaryPasswordValidityDays: 1 },
      mfa: "ON",
      deletionProtection: true,
      selfSignUp: true,
      advancedSecurity: "ENFORCED",
      resourceServer: { identifier: "gateway", name: "Gateway API", scopes: [{ name: "orders.write", description: "Submit orders" }] },
      client: { name: "partner-feed", generateSecret: true, accessTokenMinutes: 15 },
      domainPrefix: "gateway-prod-auth",
    });
    await rec.settled();
  });

  test("the pool's settings follow the arguments", () => {
    expect(rec.get("aws:cognito/userPool:UserPool", "machines-pool").inputs).toMatchObject({
      passwordPolicy: {
        minimumLength: 16,
        requireUppercase: true,
        requireLowercase: true,
        requireNumbers: true,
        requireSymbols: false,
        temporaryPasswordValidityDays: 1,
      },
      mfaConfiguration: "ON",
      softwareTokenMfaConfiguration: { enabled: true },
      deletionProtection: "ACTIVE",
      adminCreateUserConfig: { allowAdminCreateUserOnly: false },
      userPoolTier: "PLUS",
      userPoolAddOns: { advancedSecurityMode: "ENFORCED" },
      tags: {},
    });
  });

  test("the machine client: a secret, client credentials, exactly the resource server's scopes", async () => {
    const client = rec.get("aws:cognito/userPoolClient:UserPoolClient", "machines-client");
    expect(client.inputs).toEqual({
      userPoolId: String(await outputOf(machines.pool.id)),
      name: "partner-feed",
      generateSecret: true,
      explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ["client_credentials"],
      allowedOauthScopes: ["gateway/orders.write"],
      supportedIdentityProviders: ["COGNITO"],
      accessTokenValidity: 15,
      idTokenValidity: 15,
      refreshTokenValidity: 30,
      tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
      enableTokenRevocation: true,
      preventUserExistenceErrors: "ENABLED",
    });
    // The client is created after the scopes it names exist.
    expect(client.propertyDependencies.allowedOauthScopes).toEqual([rec.get("aws:cognito/resourceServer:ResourceServer", "machines-resource-server").urn]);
  });

  test("the hosted-UI domain", async () => {
    expect(rec.get("aws:cognito/userPoolDomain:UserPoolDomain", "machines-domain").inputs).toEqual({
      domain: "gateway-prod-auth",
      userPoolId: String(await outputOf(machines.pool.id)),
    });
    expect(await outputOf(machines.issuer)).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${String(await outputOf(machines.pool.id))}`);
  });

  test("MFA off: no software token configuration", async () => {
    new CognitoUserPool("plain", { poolName: "plain", mfa: "OFF", resourceServer: SERVER });
    await rec.settled();
    const inputs = rec.get("aws:cognito/userPool:UserPool", "plain-pool").inputs;
    expect(inputs.mfaConfiguration).toBe("OFF");
    expect(inputs.softwareTokenMfaConfiguration).toBeUndefined();
  });
});

describe("pool settings: problems", () => {
  const valid: CognitoUserPoolArgs = { poolName: "users", resourceServer: SERVER };

  test("valid settings have none", () => {
    expect(cognitoUserPoolProblems(valid)).toEqual([]);
  });

  test("each problem names the field, the value and what is allowed", () => {
    expect(
      cognitoUserPoolProblems(
        {
          poolName: "",
          passwordPolicy: { minimumLength: 5, temporaryPasswordValidityDays: 400 },
          mfa: "SMS" as never,
          advancedSecurity: "FULL" as never,
          resourceServer: {
            identifier: "my api",
            scopes: [
              { name: "items/read", description: "" },
              { name: "items.write", description: "Write" },
              { name: "items.write", description: "Again" },
            ],
          },
          client: { accessTokenMinutes: 2, refreshTokenDays: 0 },
          domainPrefix: "my-cognito-login",
        },
        "gateway.cognito",
      ),
    ).toEqual([
      'gateway.cognito.poolName: "" is not 1 to 128 characters',
      "gateway.cognito.passwordPolicy.minimumLength: 5 is not a whole number of characters from 6 to 99",
      "gateway.cognito.passwordPolicy.temporaryPasswordValidityDays: 400 is not a whole number of days from 0 to 365",
      'gateway.cognito.mfa: "SMS" is not one of OFF, OPTIONAL, ON',
      'gateway.cognito.advancedSecurity: "FULL" is not one of OFF, AUDIT, ENFORCED',
      'gateway.cognito.resourceServer.identifier: "my api" is not 1 to 256 printable characters without spaces, quotes or backslashes',
      'gateway.cognito.resourceServer.scopes[0].name: "items/read" is not 1 to 256 printable characters without spaces, quotes, slashes or backslashes',
      "gateway.cognito.resourceServer.scopes[0].description: must be 1 to 256 characters",
      'gateway.cognito.resourceServer.scopes[2].name: "items.write" repeats scopes[1]',
      "gateway.cognito.client.accessTokenMinutes: 2 is not a whole number of minutes from 5 to 1440",
      "gateway.cognito.client.refreshTokenDays: 0 is not a whole number of days from 1 to 3650",
      'gateway.cognito.domainPrefix: "my-cognito-login" is not 1 to 63 lowercase letters, digits and inner hyphens without "aws", "amazon" or "cognito"',
    ]);
    expect(cognitoUserPoolProblems({ ...valid, resourceServer: { identifier: "gateway", scopes: [] }, domainPrefix: "-auth" })).toEqual([
      "cognito.resourceServer.scopes: must list at least one scope",
      'cognito.domainPrefix: "-auth" is not 1 to 63 lowercase letters, digits and inner hyphens without "aws", "amazon" or "cognito"',
    ]);
  });

  test("the component refuses invalid settings, prefixed with its name", async () => {
    await installMocks({ stack: "dev" });
    expect(() => new CognitoUserPool("bad", { ...valid, mfa: "SMS" as never })).toThrow('bad.mfa: "SMS" is not one of OFF, OPTIONAL, ON');
  });

  test("the issuer URL", () => {
    expect(cognitoIssuer("us-west-2", "us-west-2_AbC123")).toBe("https://cognito-idp.us-west-2.amazonaws.com/us-west-2_AbC123");
  });
});
