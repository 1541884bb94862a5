import { execFile } from "child_process";
import * as path from "path";
import { parseSignedRequestArgs, regionOfUrl, signedHeaders, SIGNED_REQUEST_HELP, SIGNED_REQUEST_USAGE } from "../../examples/signed-request";

// AWS's published Signature Version 4 test suite, case "get-vanilla".
const EXAMPLE_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const EXAMPLE_DATE = new Date("2015-08-30T12:36:00Z");

describe("the signed-request example", () => {
  test("signs exactly as AWS's SigV4 test suite expects (get-vanilla)", async () => {
    const headers = await signedHeaders({
      url: "https://example.amazonaws.com/",
      method: "GET",
      region: "us-east-1",
      service: "service",
      credentials: EXAMPLE_CREDENTIALS,
      signingDate: EXAMPLE_DATE,
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
    expect(headers["x-amz-date"]).toBe("20150830T123600Z");
  });

  test("signs for execute-api in the URL's region, with the body's hash and the session token", async () => {
    const headers = await signedHeaders({
      url: "https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/orders?x=1",
      method: "post",
      body: '{"sku":"A1"}',
      region: regionOfUrl("https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/orders") as string,
      credentials: { ...EXAMPLE_CREDENTIALS, sessionToken: "token" },
      signingDate: EXAMPLE_DATE,
    });
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(headers["x-amz-security-token"]).toBe("token");
  });

  test("the region comes from an execute-api URL, not from a custom domain", () => {
    expect(regionOfUrl("https://abc123defg.execute-api.ap-southeast-2.amazonaws.com/v1/x")).toBe("ap-southeast-2");
    expect(regionOfUrl("https://api.example.com/v1/x")).toBeUndefined();
  });

  test("arguments: a URL, a method (GET by default, any case) and a body; --help; usage errors name what is wrong", () => {
    expect(parseSignedRequestArgs(["http://127.0.0.1:3000/prod/orders", "post", '{"sku":"A1"}'])).toEqual({
      url: "http://127.0.0.1:3000/prod/orders",
      method: "POST",
      body: '{"sku":"A1"}',
    });
    expect(parseSignedRequestArgs(["https://x.example.com/a"])).toEqual({ url: "https://x.example.com/a", method: "GET", body: undefined });
    expect(parseSignedRequestArgs(["https://x.example.com/a", "--help"])).toBe("help");
    expect(() => parseSignedRequestArgs([])).toThrow(`a URL is required; ${SIGNED_REQUEST_USAGE}`);
    expect(() => parseSignedRequestArgs(["orders"])).toThrow(`"orders" is not an http(s) URL; ${SIGNED_REQUEST_USAGE}`);
    expect(() => parseSignedRequestArgs(["ftp://x/a"])).toThrow(`"ftp://x/a" is not an http(s) URL; ${SIGNED_REQUEST_USAGE}`);
    expect(() => parseSignedRequestArgs(["https://x/a", "FETCH"])).toThrow(
      `METHOD "FETCH" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; ${SIGNED_REQUEST_USAGE}`,
    );
    expect(() => parseSignedRequestArgs(["https://x/a", "POST", "{}", "extra"])).toThrow(`unexpected argument "extra"; ${SIGNED_REQUEST_USAGE}`);
  });

  test("npm run signed-request -- --help exits 0 with the help; a bad URL exits 2", async () => {
    const run = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ["-r", "./scripts/register-typescript.cjs", "examples/signed-request.ts", ...args],
          { cwd: path.resolve(__dirname, "..", ".."), encoding: "utf8" },
          (error, stdout, stderr) => {
            const code = (error as { code?: unknown } | null)?.code;
            resolve({ status: error ? (typeof code === "number" ? code : null) : 0, stdout, stderr });
          },
        ),
      );
    const [help, bad] = await Promise.all([run("--help"), run("orders")]);
    expect(help).toEqual({ status: 0, stdout: `${SIGNED_REQUEST_HELP}\n`, stderr: "" });
    expect(bad).toEqual({ status: 2, stdout: "", stderr: `"orders" is not an http(s) URL; ${SIGNED_REQUEST_USAGE}\n` });
  });
});
