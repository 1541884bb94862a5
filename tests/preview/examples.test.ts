import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { apiKeyValueOf } from "../../config/api-key-values";

const ROOT = path.resolve(__dirname, "..", "..");
const EDGE = "examples/Pulumi.edge.yaml";

interface ReportResource {
  readonly type: string;
  readonly name: string;
  readonly provider: string | null;
  readonly inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The edge example through the offline preview, as CI runs it (scripts/preview-examples.sh). */
describe("examples/Pulumi.edge.yaml under the offline preview and the pack", () => {
  let report: { resources: ReportResource[]; violations: { policy: string; enforcementLevel: string }[]; warnings: string[] };
  let status: number | null;
  const one = (type: string, name: string) => {
    const found = report.resources.filter((r) => r.type === type && r.name === name);
    if (found.length !== 1) throw new Error(`expected one ${type} ${name}, found ${found.length}`);
    return found[0] as ReportResource;
  };
  beforeAll(() => {
    const run = spawnSync(process.execPath, ["-r", "./scripts/register-typescript.cjs", "preview/cli.ts", "--stack", "edge", "--config-file", EDGE, "--json"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    status = run.status;
    report = JSON.parse(run.stdout);
  });

  test("passes its pack config (policies/config/edge.json): advisory findings only, no warnings", () => {
    expect(status).toBe(0);
    expect(report.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  test("an EDGE API, and an EDGE domain whose certificate comes from us-east-1 through a second provider (the stack is in eu-west-1)", () => {
    expect(one("aws:apigateway/restApi:RestApi", "api-api").inputs.endpointConfiguration).toEqual({ types: "EDGE" });
    expect(one("pulumi:providers:aws", "us-east-1").inputs.region).toBe("us-east-1");
    const certificate = one("aws:acm/certificate:Certificate", "domain-edge-example-com-certificate");
    expect([certificate.provider, certificate.inputs.domainName]).toEqual(["pulumi:providers:aws::us-east-1", "edge.example.com"]);
    expect(one("aws:acm/certificateValidation:CertificateValidation", "domain-edge-example-com-certificate-validation").provider).toBe(
      "pulumi:providers:aws::us-east-1",
    );
    const domain = one("aws:apigateway/domainName:DomainName", "domain-edge-example-com-domain");
    expect(domain.provider).toBeNull();
    expect(domain.inputs).toMatchObject({ domainName: "edge.example.com", endpointConfiguration: { types: "EDGE" }, securityPolicy: "TLS_1_2" });
    expect(domain.inputs.certificateArn).toMatch(/^arn:aws:acm:us-east-1:123456789012:certificate\//);
    expect(domain.inputs.regionalCertificateArn).toBeUndefined();
    expect(one("aws:apigateway/basePathMapping:BasePathMapping", "domain-edge-example-com-path-root").inputs).toMatchObject({
      stageName: "live",
      domainName: "edge.example.com",
    });
  });

  test("the operations of openapi/pets.yaml join the routes in the deployed document, with their schemas", () => {
    const document = JSON.parse(one("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string);
    expect(Object.keys(document.paths).sort()).toEqual(["/hello", "/partners/hello", "/pets", "/pets/{petId}"]);
    expect(document.paths["/pets"].get).toMatchObject({ operationId: "listPets", "x-amazon-apigateway-integration": { type: "mock" } });
    expect(document.paths["/pets/{petId}"].get).toMatchObject({
      operationId: "getPet",
      "x-amazon-apigateway-integration": { type: "http_proxy", uri: "https://petstore.example.com/pets/{petId}" },
    });
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(["Pet", "Pets"]));
  });

  test("the imported key takes its value from the secret config (a stand-in offline) and stays secret; the generated key has no value", () => {
    expect(one("aws:apigateway/apiKey:ApiKey", "usage-key-legacy").inputs).toMatchObject({ name: "microservice-gateway-edge-legacy", value: "[secret]" });
    expect(one("aws:apigateway/apiKey:ApiKey", "usage-key-acme").inputs.value).toBeUndefined();
    // The file holds the value encrypted, as `pulumi config set --secret` writes it: never plain text.
    const values = parse(fs.readFileSync(path.join(ROOT, EDGE), "utf8")).config["microservice-gateway:apiKeyValues"];
    expect(Object.keys(values.legacy)).toEqual(["secure"]);
    expect(apiKeyValueOf(values.legacy)).toMatch(/^offline-[0-9a-f]{24}$/);
  });

  test("the example manages no account-level CloudWatch role (another stack of its account does)", () => {
    expect(report.resources.filter((r) => r.type === "aws:apigateway/account:Account")).toEqual([]);
  });
});
