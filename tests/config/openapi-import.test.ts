import * as fs from "fs";
import * as path from "path";
import { mergeImported, buildOpenApiDocument } from "../../components/rest-api/openapi";
import { ConfigError, parseStackConfig } from "../../config";
import { importedOperations, readOpenApiText } from "../../config/openapi-import";
import { baseGateway, PROJECT } from "../helpers/stack-config";

const PETS = fs.readFileSync(path.join(__dirname, "..", "fixtures", "openapi", "pets.yaml"), "utf8");
const FILE = "openapi/pets.yaml";

describe("reading an OpenAPI file", () => {
  test("a valid file: its operations and components", () => {
    const read = readOpenApiText(FILE, PETS);
    if (!("document" in read)) throw new Error(read.problems.join("\n"));
    expect(importedOperations(read.document)).toEqual(["GET /pets"]);
    expect(Object.keys(read.document.components)).toEqual(["schemas"]);
  });

  test("a syntax error names the line and column", () => {
    expect(readOpenApiText(FILE, "openapi: 3.0.1\npaths:\n  /pets: [\n")).toEqual({
      problems: ["openapi/pets.yaml:4:1: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    });
  });

  test("JSON files are read too", () => {
    const read = readOpenApiText("openapi/x.json", JSON.stringify({ openapi: "3.0.3", info: { title: "x", version: "1" }, paths: {} }));
    expect("document" in read).toBe(true);
  });

  test("only OpenAPI 3.0 documents", () => {
    expect(readOpenApiText(FILE, "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n")).toEqual({
      problems: ["openapi/pets.yaml: openapi is undefined; API Gateway imports OpenAPI 3.0.x"],
    });
  });

  test("a rule of the specification broken names where", () => {
    const broken = PETS.replace('        "200":\n          description: The pets', '        "200":\n          summary: no description');
    const read = readOpenApiText(FILE, broken);
    expect("problems" in read && read.problems).toEqual([
      "openapi/pets.yaml: at paths > /pets > get > responses > 200: must have required property 'description'",
      "openapi/pets.yaml: at paths > /pets > get > responses > 200: must NOT have additional properties",
      "openapi/pets.yaml: at paths > /pets > get > responses > 200: must have required property '$ref'",
      "openapi/pets.yaml: at paths > /pets > get > responses > 200: must match exactly one schema in oneOf",
    ]);
  });
});

describe("importing into a stack", () => {
  const files = (text: string) => ({
    entryExists: () => true,
    templateExists: () => true,
    definitionExists: () => true,
    readOpenApi: (file: string) => readOpenApiText(file, text),
  });
  const withImport = (routes?: unknown[]) => {
    const raw = baseGateway() as Record<string, unknown>;
    raw.api = { openApiFile: FILE };
    if (routes) raw.routes = routes;
    return raw;
  };

  test("the file's operations join the generated document, beside the routes", () => {
    const cfg = parseStackConfig({ project: PROJECT, stack: "dev" }, withImport(), files(PETS));
    expect(cfg.api.imported?.file).toBe(FILE);
    const doc = buildOpenApiDocument(cfg.api, cfg.routes, [{ uri: "u1" }, { uri: "u2" }]);
    expect(Object.keys(doc.paths)).toEqual(["/hello", "/items/{id}", "/pets"]);
    expect((doc.paths["/pets"] as Record<string, { operationId: string }>).get!.operationId).toBe("listPets");
    expect(Object.keys(doc.components!)).toEqual(["schemas", "securitySchemes"]);
  });

  test("an operation both the file and a route define is an error naming both", () => {
    const routes = [{ method: "GET", path: "/pets", function: "itemsGet", authorization: "none" }, ...(baseGateway().routes as unknown[])];
    expect(() => parseStackConfig({ project: PROJECT, stack: "dev" }, withImport(routes), files(PETS))).toThrow(
      new ConfigError(["gateway.api.openApiFile: GET /pets is defined both in openapi/pets.yaml and at gateway.routes[0]"]),
    );
  });

  test("an invalid file is a config error naming the problem and its location", () => {
    expect(() => parseStackConfig({ project: PROJECT, stack: "dev" }, withImport(), files("openapi: [3"))).toThrow(
      "gateway.api.openApiFile: openapi/pets.yaml:1:12: Flow sequence in block collection must be sufficiently indented and end with a ]",
    );
  });

  test("a file outside openapi/ or of another kind is refused", () => {
    const raw = baseGateway() as Record<string, unknown>;
    raw.api = { openApiFile: "../secrets.txt" };
    expect(() => parseStackConfig({ project: PROJECT, stack: "dev" }, raw, files(PETS))).toThrow(
      'gateway.api.openApiFile: "../secrets.txt" must be a .yaml, .yml or .json file in openapi/',
    );
  });

  test("a component both define is refused when merging", () => {
    const read = readOpenApiText(FILE, PETS);
    if (!("document" in read)) throw new Error("fixture");
    const clash = { ...read.document, components: { securitySchemes: { sigv4: {} } } };
    const doc = { openapi: "3.0.1", info: { title: "t", version: "1" }, paths: {}, components: { securitySchemes: { sigv4: {} } } } as unknown as Parameters<
      typeof mergeImported
    >[0];
    expect(() => mergeImported(doc, clash)).toThrow("openapi/pets.yaml: components.securitySchemes.sigv4 is also generated from the stack's config");
  });
});
