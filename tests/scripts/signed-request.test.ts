import { regionOfUrl, signedHeaders } from "../../examples/signed-request";

// AWS's published Signature Version 4 test suite, case "get-vanilla".
const EXAMPLE_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const EXAMPLE_DATE = new Date("2015-08-30T12:36:00Z");

describe("the signed-request example", () => {
  test("signs exactly as AWS's SigV4 test suite expects (get-vanilla)", async () => {
    const headers = await signedHeaders({ url: "https://example.amazonaws.com/", method: "GET", region: "us-east-1", service: "service", credentials: EXAMPLE_CREDENTIALS, signingDate: EXAMPLE_DATE });
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
});
