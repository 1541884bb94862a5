import { evaluatePolicy, statementsOf } from "../../local/iam-policy";
import { ANY_METHOD_KEY, routesOf } from "../../local/rest/capture";
import { splitPath } from "../../local/rest/request";
import { stageVariablesFor, substituteStageVariables } from "../../local/rest/stage-variables";
import { matchRoute } from "../../local/rest/steps";

const op = (name: string) => ({ operationId: name });
const ROUTES = routesOf(
  {
    paths: {
      "/items": { get: op("list"), post: op("create") },
      "/items/{id}": { get: op("get"), delete: op("delete") },
      "/items/special": { get: op("special") },
      "/docs/{key+}": { get: op("doc") },
      "/partners/{proxy+}": { [ANY_METHOD_KEY]: op("partners") },
      "/partners/status": { get: op("status") },
      "/": { get: op("root") },
    },
  },
  "test-api",
);

const match = (method: string, path: string) => {
  const found = matchRoute(ROUTES, method, splitPath(`/dev${path}`).segments);
  return found && { resource: found.route.resource, operationId: found.route.operation.operationId, params: found.pathParameters };
};

describe("REST route matching, as API Gateway picks the most specific resource", () => {
  test.each([
    ["GET", "/items", "/items", "list", {}],
    ["GET", "/items/42", "/items/{id}", "get", { id: "42" }],
    ["GET", "/items/special", "/items/special", "special", {}],
    // AWS keeps path parameters percent-encoded (test_apigateway_lambda.snapshot.json, invocation-payload-with-path-encoded-email).
    ["DELETE", "/items/a%20b", "/items/{id}", "delete", { id: "a%20b" }],
    ["GET", "/docs/guide/intro.html", "/docs/{key+}", "doc", { key: "guide/intro.html" }],
    ["PATCH", "/partners/a/b", "/partners/{proxy+}", "partners", { proxy: "a/b" }],
    ["GET", "/partners/status", "/partners/status", "status", {}],
    ["POST", "/partners/status", "/partners/{proxy+}", "partners", { proxy: "status" }],
    ["GET", "/", "/", "root", {}],
    // A trailing slash is not part of the match (invocation-payload-with-trailing-slash: proxy "proxy-value").
    ["GET", "/items/42/", "/items/{id}", "get", { id: "42" }],
    ["GET", "/partners/a/b/", "/partners/{proxy+}", "partners", { proxy: "a/b" }],
    // A `//` inside a greedy path is kept (invocation-payload-with-double-slash).
    ["GET", "/partners/a//b", "/partners/{proxy+}", "partners", { proxy: "a//b" }],
    // Slashes right after the stage are dropped (invocation-hardcoded: `/stage//hardcoded` reaches /hardcoded).
    ["GET", "//items/special", "/items/special", "special", {}],
  ])("%s %s → %s", (method, path, resource, operationId, params) => {
    expect(match(method, path)).toEqual({ resource, operationId, params });
  });

  test.each([
    ["PUT", "/items"],
    ["GET", "/items/1/2"],
    ["GET", "/items//1"],
    ["GET", "/docs"],
    ["GET", "/nothing"],
  ])("%s %s matches nothing", (method, path) => {
    expect(match(method, path)).toBeUndefined();
  });
});

describe("stage variables, canary split and authorizer policies (pure)", () => {
  const stage = { variables: { lambdaAlias: "PROD", host: "a" }, canary: { percentTraffic: 5, variables: { lambdaAlias: "NEXT" } } };

  test("5 % of draws go to the canary, whose overrides replace the stage's variables", () => {
    expect(stageVariablesFor(stage, 0.049)).toEqual({ variables: { lambdaAlias: "NEXT", host: "a" }, canary: true });
    expect(stageVariablesFor(stage, 0.05)).toEqual({ variables: { lambdaAlias: "PROD", host: "a" }, canary: false });
    expect(stageVariablesFor({ ...stage, canary: undefined }, 0)).toEqual({ variables: stage.variables, canary: false });
  });

  test("${stageVariables.x} is replaced; an unknown one becomes empty", () => {
    expect(substituteStageVariables("fn:${stageVariables.lambdaAlias}/${stageVariables.none}", stage.variables)).toBe("fn:PROD/");
  });

  test("an authorizer policy allows the method when an Allow matches and no Deny does; a Deny is explicit", () => {
    const arn = "arn:aws:execute-api:us-east-1:1:api/dev/GET/items/1";
    const allow = (resource: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: resource }] });
    const verdict = (policy: unknown) => {
      const statements = statementsOf(policy);
      return statements === undefined ? "malformed" : evaluatePolicy(statements, "execute-api:Invoke", arn);
    };
    expect(verdict(allow("arn:aws:execute-api:us-east-1:1:api/dev/*/*"))).toBe("Allow");
    expect(verdict(allow("arn:aws:execute-api:us-east-1:1:api/test/*/*"))).toBe("None");
    expect(verdict({ Statement: [...allow("*").Statement, { Effect: "Deny", Action: "execute-api:Invoke", Resource: arn }] })).toBe("Deny");
    expect(verdict(undefined)).toBe("malformed");
  });
});
