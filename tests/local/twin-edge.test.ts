import * as fs from "fs";
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { parse } from "yaml";
import { apiKeyValueOf } from "../../config/api-key-values";
import type { Twin } from "../../local/twin";
import { startTestTwin } from "../helpers/twin";

const EDGE = "examples/Pulumi.edge.yaml";
/** The API keys by the names the stack gives them. */
const LEGACY = "microservice-gateway-edge-legacy";
const ACME = "microservice-gateway-edge-acme";

/** A stand-in for the pet store backend openapi/pets.yaml proxies GET /pets/{petId} to. */
function petStore(): Promise<{ server: Server; base: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: 7, name: "Felix" }));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths })),
  );
}

describe("the edge example's local twin (npm start -- --stack edge --config-file examples/Pulumi.edge.yaml)", () => {
  let twin: Twin;
  let store: Awaited<ReturnType<typeof petStore>>;
  beforeAll(async () => {
    store = await petStore();
    twin = await startTestTwin({ stack: "edge", configFile: EDGE, port: 0, httpBackends: { "petstore.example.com": store.base } });
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
    store?.server.close();
  });

  test("the imported key has the value the program gave it (the stand-in of its secret); the generated one a value the twin makes", () => {
    const values = parse(fs.readFileSync(path.join(__dirname, "..", "..", EDGE), "utf8")).config["microservice-gateway:apiKeyValues"];
    expect(twin.apiKeys[LEGACY]).toBe(apiKeyValueOf(values.legacy));
    expect(twin.apiKeys[ACME]).toMatch(/^twin-microservice-gateway-edge-acme-[0-9a-f]{24}$/);
  });

  test("the key-protected route: 403 without a key, 200 with the imported key and with the generated one", async () => {
    expect((await fetch(`${twin.restUrl}/partners/hello`)).status).toBe(403);
    for (const key of [twin.apiKeys[LEGACY], twin.apiKeys[ACME]] as string[]) {
      const response = await fetch(`${twin.restUrl}/partners/hello`, { headers: { "x-api-key": key } });
      expect([response.status, ((await response.json()) as { alias: string }).alias]).toEqual([200, "LIVE"]);
    }
  });

  test("the imported operations: the mock answers from its template, the HTTP proxy reaches the pet store with the path parameter", async () => {
    const pets = await fetch(`${twin.restUrl}/pets`);
    expect([pets.status, await pets.json()]).toEqual([
      200,
      [
        { id: 1, name: "Rex", tag: "dog" },
        { id: 2, name: "Tom" },
      ],
    ]);
    const pet = await fetch(`${twin.restUrl}/pets/7`);
    expect([pet.status, await pet.json()]).toEqual([200, { id: 7, name: "Felix" }]);
    expect(store.paths).toEqual(["/pets/7"]);
  });
});
