import { allowedEndpointTypes as rule } from "../../policies/rules/allowed-endpoint-types";
import { check, fake, messages } from "../helpers/policy-harness";

const REGIONAL_ONLY = { "allowed-endpoint-types": { allowedTypes: ["REGIONAL"] } };
const restApi = (types: unknown, name = "shop") =>
  fake("aws:apigateway/restApi:RestApi", name, { name, endpointConfiguration: types === undefined ? undefined : { types } });
const domain = (types: unknown) =>
  fake("aws:apigateway/domainName:DomainName", "api-domain", {
    domainName: "api.example.com",
    securityPolicy: "TLS_1_2",
    endpointConfiguration: types === undefined ? undefined : { types },
  });

describe("allowed-endpoint-types", () => {
  test("passes: by default every endpoint type is allowed, unset included", async () => {
    expect(await check(rule, [restApi(undefined, "edge"), restApi("REGIONAL", "regional"), restApi("PRIVATE", "private"), domain("EDGE")])).toEqual([]);
  });

  test("passes: REGIONAL APIs and domains where only REGIONAL is allowed", async () => {
    expect(await check(rule, [restApi("REGIONAL"), restApi(["REGIONAL"], "listed"), domain("REGIONAL")], REGIONAL_ONLY)).toEqual([]);
  });

  test("fails: a RestApi without endpoint types, which means EDGE", async () => {
    expect(await check(rule, [restApi(undefined)], REGIONAL_ONLY)).toEqual([
      {
        policy: "allowed-endpoint-types",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/restApi:RestApi::shop",
        message:
          'RestApi "shop" uses an endpoint type this stack does not allow (endpointConfiguration.types is unset, which means EDGE). Set endpointConfiguration.types to one of "REGIONAL".',
      },
    ]);
  });

  test("fails: a PRIVATE RestApi and an EDGE DomainName where only REGIONAL is allowed", async () => {
    expect(await messages(rule, [restApi("PRIVATE"), domain(["EDGE"])], REGIONAL_ONLY)).toEqual([
      'RestApi "shop" uses an endpoint type this stack does not allow (endpointConfiguration.types is "PRIVATE"). Set endpointConfiguration.types to one of "REGIONAL".',
      'DomainName "api-domain" uses an endpoint type this stack does not allow (endpointConfiguration.types is "EDGE"). Set endpointConfiguration.types to one of "REGIONAL".',
    ]);
  });

  test("fails: a DomainName without endpoint types where EDGE is not allowed", async () => {
    expect(await messages(rule, [domain(undefined)], { "allowed-endpoint-types": { allowedTypes: ["REGIONAL", "PRIVATE"] } })).toEqual([
      'DomainName "api-domain" uses an endpoint type this stack does not allow (endpointConfiguration.types is unset, which means EDGE). Set endpointConfiguration.types to one of "REGIONAL", "PRIVATE".',
    ]);
  });

  test("an empty allow-list says so", async () => {
    expect(await messages(rule, [restApi("REGIONAL")], { "allowed-endpoint-types": { allowedTypes: [] } })).toEqual([
      'RestApi "shop" uses an endpoint type this stack does not allow (endpointConfiguration.types is "REGIONAL"). This stack allows no endpoint type; change allowedTypes.',
    ]);
  });
});
