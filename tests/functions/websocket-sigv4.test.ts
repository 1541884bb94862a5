import { createHash } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { canonicalPath, createSigner, escapeUri, type SigningCredentials } from "../../functions/websocket/sigv4";

/**
 * The broadcast's signer against the SDK's own (@smithy/signature-v4, which the SDK's clients use):
 * for the same request, credentials, region and date, every header it sends must be the same.
 */
const REGION = "eu-west-1";
const WITH_TOKEN: SigningCredentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "token/with+chars=",
};
const WITHOUT_TOKEN: SigningCredentials = { accessKeyId: "AKIDOTHER", secretAccessKey: "other-secret" };

async function sdkHeaders(credentials: SigningCredentials, path: string, headers: Record<string, string>, when: Date): Promise<Record<string, string>> {
  const sdk = new SignatureV4({ service: "execute-api", region: REGION, credentials, sha256: Hash.bind(null, "sha256") });
  const signed = await sdk.sign(
    { method: "POST", protocol: "https:", hostname: "abc.execute-api.eu-west-1.amazonaws.com", path, query: {}, headers, body: "x" },
    { signingDate: when },
  );
  return signed.headers;
}

/** A deterministic generator: the same cases on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ALPHABET = ["a", "Z", "0", "=", "+", "/", "%", " ", ".", "-", "_", "~", "!", "'", "(", ")", "*", "@", ":", "é", "日", "\u{1F600}"];

describe("the broadcast's SigV4 signer", () => {
  test("signs 300 posts exactly as the SDK's signer does: connection ids of any characters, any date, with and without a session token", async () => {
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const id = Array.from({ length: 1 + Math.floor(next() * 16) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join("");
      const credentials = i % 3 === 0 ? WITHOUT_TOKEN : WITH_TOKEN;
      const when = new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 400 * 86_400_000));
      const path = `/prod/@connections/${escapeUri(id)}`;
      const headers = {
        host: "abc.execute-api.eu-west-1.amazonaws.com",
        "content-type": "application/octet-stream",
        "content-length": "1",
        "x-amz-content-sha256": createHash("sha256").update("x").digest("hex"),
      };
      const sign = createSigner(
        "execute-api",
        async () => REGION,
        async () => credentials,
      );
      expect({ id, headers: await sign({ method: "POST", path, headers }, when) }).toEqual({ id, headers: await sdkHeaders(credentials, path, headers, when) });
    }
  });

  test("keeps the signing key for its day and credentials only: a new day or rotated credentials sign as the SDK does", async () => {
    let credentials = WITH_TOKEN;
    const sign = createSigner(
      "execute-api",
      async () => REGION,
      async () => credentials,
    );
    const headers = { host: "h", "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" };
    const days = [new Date("2026-12-05T23:59:59Z"), new Date("2026-12-06T00:00:00Z")];
    for (const when of days)
      expect(await sign({ method: "POST", path: "/p/@connections/a", headers }, when)).toEqual(
        await sdkHeaders(credentials, "/p/@connections/a", headers, when),
      );
    credentials = WITHOUT_TOKEN;
    const when = days[1] as Date;
    expect(await sign({ method: "POST", path: "/p/@connections/a", headers }, when)).toEqual(await sdkHeaders(credentials, "/p/@connections/a", headers, when));
  });

  test("the canonical path: dot and empty segments resolved, then every segment encoded again (AWS: each segment URI-encoded twice for services other than S3)", () => {
    expect(canonicalPath("/prod/@connections/a%3D")).toBe("/prod/%40connections/a%253D");
    expect(canonicalPath("/a//b/./c/../d/")).toBe("/a/b/d/");
    expect(canonicalPath("/")).toBe("/");
  });

  test("refuses a request without its payload's hash", async () => {
    const sign = createSigner(
      "execute-api",
      async () => REGION,
      async () => WITHOUT_TOKEN,
    );
    await expect(sign({ method: "POST", path: "/", headers: { host: "h" } })).rejects.toThrow(
      "SigV4: the request has no x-amz-content-sha256 header (the payload's hash)",
    );
  });
});
