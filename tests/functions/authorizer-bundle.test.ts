import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BUNDLE_FILE, bundleFunctions } from "../../components/lambda/bundle";
import { apiGatewayEvent, lambdaContext } from "../helpers/api-gateway-event";
import { jwks, makeKeyPair, serveJwks, signToken, type JwksServer } from "../helpers/jwt";

/**
 * The authorizer bundles as Lambda runs them (an ES module loaded by Node with --enable-source-maps,
 * in a new process per invocation): aws-jwt-verify must survive the ESM bundle, including its
 * `#node-web-compat` import map and its HTTPS fetch of the JWKS. Kept apart from
 * bundled-handlers.test.ts because an authorizer answers 401 by throwing, which the invoke script
 * here records, and because it needs the JWKS server rather than DynamoDB.
 */
const ENTRIES = ["authorizer/token", "authorizer/request"];
const METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/GET/items/42";
const STAGE_RESOURCE = "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/*/*";

const key = makeKeyPair("bundle-key");
let server: JwksServer;
let dir: string;

beforeAll(async () => {
  server = await serveJwks(jwks(key));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "authorizer-bundles-"));
  bundleFunctions(ENTRIES).forEach((bundle, i) => {
    const out = path.join(dir, ENTRIES[i]!);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, BUNDLE_FILE), bundle.code);
    fs.writeFileSync(path.join(out, `${BUNDLE_FILE}.map`), bundle.sourceMap);
  });
  fs.writeFileSync(path.join(dir, "jwks-ca.pem"), server.cert);
  // The answer goes to a file (stdout and stderr carry the log lines); a thrown error is recorded as such.
  fs.writeFileSync(
    path.join(dir, "invoke.mjs"),
    'import { writeFileSync } from "node:fs";\n' +
      "const [file, event, context, out] = process.argv.slice(2);\n" +
      "const { handler } = await import(file);\n" +
      "let answer;\n" +
      "try { answer = { result: await handler(JSON.parse(event), JSON.parse(context)) }; }\n" +
      "catch (error) { answer = { thrown: { name: error.name, message: error.message, keys: Object.keys(error) } }; }\n" +
      "writeFileSync(out, JSON.stringify(answer));\n",
  );
});

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Invocation {
  result?: unknown;
  thrown?: { name: string; message: string; keys: string[] };
  logs: Record<string, unknown>[];
  output: string;
}

let invocations = 0;

/** One cold invocation in a new Node process, which must not block this one: the JWKS server runs here. */
function invoke(entry: string, event: unknown, env: Record<string, string>): Promise<Invocation> {
  const out = path.join(dir, `answer-${++invocations}.json`);
  const args = [
    "--enable-source-maps",
    path.join(dir, "invoke.mjs"),
    path.join(dir, entry, BUNDLE_FILE),
    JSON.stringify(event),
    JSON.stringify(lambdaContext({ functionName: "gateway-authorizer" })),
    out,
  ];
  const processEnv = {
    PATH: process.env.PATH,
    NODE_EXTRA_CA_CERTS: path.join(dir, "jwks-ca.pem"),
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    POWERTOOLS_SERVICE_NAME: "bundled-gateway",
    JWT_ISSUER: server.origin,
    JWT_AUDIENCE: "orders-api",
    ...env,
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { encoding: "utf8", timeout: 60_000, env: processEnv }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`bundle ${entry} failed (${error.code ?? error.signal}): ${stderr}`));
        return;
      }
      const output = stdout + stderr;
      const logs = output
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ ...(JSON.parse(fs.readFileSync(out, "utf8")) as Omit<Invocation, "logs" | "output">), logs, output });
    });
  });
}

const now = (): number => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: server.origin,
  aud: "orders-api",
  sub: "bundle-user",
  scope: "items:read",
  exp: now() + 600,
  ...overrides,
});

test("the token bundle fetches the JWKS over HTTPS and allows a valid token on the stage", async () => {
  const exp = now() + 600;
  const jwt = signToken(key, claims({ exp }));
  const before = server.requests().length;

  const allowed = await invoke("authorizer/token", { type: "TOKEN", authorizationToken: `Bearer ${jwt}`, methodArn: METHOD_ARN }, {});

  expect(allowed.result).toEqual({
    principalId: "bundle-user",
    policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: STAGE_RESOURCE }] },
    context: { sub: "bundle-user", issuer: server.origin, scope: "items:read", expiresAt: exp },
  });
  expect(server.requests().slice(before)).toEqual(["/.well-known/jwks.json"]);
  expect(allowed.logs).toMatchObject([
    {
      level: "INFO",
      message: "authorizer decision",
      service: "bundled-gateway",
      cold_start: true,
      authorizerType: "TOKEN",
      decision: "allow",
      reason: "authorized",
      principal: "bundle-user",
    },
  ]);
  expect(allowed.output).not.toContain(jwt);
});

test("the request bundle reads the query token against an inline JWKS, and answers 401 by throwing exactly Unauthorized", async () => {
  const env = { JWT_PUBLIC_JWKS: JSON.stringify(jwks(key)) };
  const before = server.requests().length;
  const connect = (token: string) => ({
    ...apiGatewayEvent({ method: "GET", resource: "/", query: { token } }),
    type: "REQUEST",
    methodArn: "arn:aws:execute-api:eu-west-1:123456789012:ws12345678/prod/$connect",
  });

  const good = signToken(key, claims());
  const allowed = await invoke("authorizer/request", connect(good), env);
  expect(allowed.result).toMatchObject({
    principalId: "bundle-user",
    policyDocument: { Statement: [{ Effect: "Allow", Resource: "arn:aws:execute-api:eu-west-1:123456789012:ws12345678/prod/*" }] },
  });

  const expired = signToken(key, claims({ exp: now() - 60 }));
  const refused = await invoke("authorizer/request", connect(expired), env);
  expect(refused.result).toBeUndefined();
  expect(refused.thrown).toEqual({ name: "Error", message: "Unauthorized", keys: [] });
  expect(refused.logs).toMatchObject([{ level: "WARN", authorizerType: "REQUEST", decision: "unauthorized", reason: "expired", principal: "bundle-user" }]);

  expect(server.requests()).toHaveLength(before);
  for (const jwt of [good, expired]) {
    expect(allowed.output + refused.output).not.toContain(jwt);
  }
});
