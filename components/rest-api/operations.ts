import type { RouteConfig } from "../../config";
import type { ImportedOpenApi } from "../../config/openapi-import";
import type { ApiOperation } from "../access/resource-policy";
import { preflightPaths } from "./cors";

const ANY_METHOD_KEY = "x-amazon-apigateway-any-method";

/**
 * Every method the API serves, each with whether it is IAM-authorized: the routes', the CORS
 * preflights the document adds (OPTIONS without authorization: a preflight carries no credentials), then
 * the imported document's.
 */
export function apiOperations(routes: readonly RouteConfig[], imported: ImportedOpenApi | undefined): ApiOperation[] {
  const fromRoutes = routes.map((r): ApiOperation => ({ method: r.method, path: r.path, iam: r.authorization === "iam" }));
  const preflights = preflightPaths(routes).map((path): ApiOperation => ({ method: "OPTIONS", path, iam: false }));
  return [...fromRoutes, ...preflights, ...(imported ? importedOperations(imported) : [])];
}

/** An imported operation is IAM-authorized when one of its security requirements names a SigV4 scheme. */
function importedOperations(imported: ImportedOpenApi): ApiOperation[] {
  const schemes = (imported.components.securitySchemes ?? {}) as Readonly<Record<string, unknown>>;
  const isSigV4 = (name: string): boolean => {
    const scheme = schemes[name] as { readonly "x-amazon-apigateway-authtype"?: unknown } | undefined;
    return typeof scheme?.["x-amazon-apigateway-authtype"] === "string" && scheme["x-amazon-apigateway-authtype"].toLowerCase() === "awssigv4";
  };
  return Object.entries(imported.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([key, operation]): ApiOperation => {
      const security = (operation as { readonly security?: unknown }).security;
      const requirements = Array.isArray(security) ? (security as Record<string, unknown>[]) : [];
      return {
        method: key === ANY_METHOD_KEY ? "ANY" : key.toUpperCase(),
        path,
        iam: requirements.some((requirement) => Object.keys(requirement ?? {}).some(isSigV4)),
      };
    }),
  );
}
