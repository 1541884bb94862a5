import { LOG_RETENTION_DAYS } from "../../config/constants";
import { corsProblems } from "./cors";
import type { HttpApiArgs } from "./http-api";
import { jwtProblems } from "./jwt-authorizer";
import { routeProblems } from "./route-keys";
import { targetProblems } from "./targets";
import type { HttpApiDomainMapping, HttpApiThrottling } from "./types";

const API_NAME = /^[A-Za-z0-9._-]{1,128}$/;
const MAPPING_KEY = /^[A-Za-z0-9._~-]*$/;

/** The key naming a domain mapping: `key`, or the domain name when it is a plain string. */
export function domainKey(mapping: HttpApiDomainMapping): string | undefined {
  return mapping.key ?? (typeof mapping.domainName === "string" ? mapping.domainName : undefined);
}

/** Problems with the stage's throttling (empty when it is valid). */
export function throttlingProblems(throttling: HttpApiThrottling): string[] {
  const problems: string[] = [];
  if (!(Number.isFinite(throttling.rateLimit) && throttling.rateLimit >= 0)) {
    problems.push(`throttling.rateLimit: ${throttling.rateLimit} is not a number of requests per second >= 0`);
  }
  if (!(Number.isInteger(throttling.burstLimit) && throttling.burstLimit >= 0)) {
    problems.push(`throttling.burstLimit: ${throttling.burstLimit} is not an integer >= 0`);
  }
  return problems;
}

/** Problems with the custom domain mappings (empty when they are valid). */
export function domainMappingProblems(mappings: readonly HttpApiDomainMapping[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  mappings.forEach((mapping, i) => {
    const at = `domainMappings[${i}]`;
    if (!MAPPING_KEY.test(mapping.apiMappingKey)) {
      problems.push(
        `${at}.apiMappingKey: ${JSON.stringify(mapping.apiMappingKey)} is not "" or one path segment of letters, digits, . _ ~ or - (HTTP APIs take single-level mappings)`,
      );
    }
    const key = domainKey(mapping);
    if (key === undefined) {
      problems.push(`${at}.key: is required when domainName is not a plain string (it names the mapping)`);
      return;
    }
    const id = `${key}/${mapping.apiMappingKey}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) problems.push(`${at}: maps the API on ${key} under ${JSON.stringify(mapping.apiMappingKey)} like domainMappings[${earlier}]`);
    else seen.set(id, i);
  });
  return problems;
}

/** Every problem with the arguments of an HttpApi (empty when they are valid). */
export function httpApiArgsProblems(args: HttpApiArgs): string[] {
  const problems: string[] = [];
  if (!API_NAME.test(args.name)) {
    problems.push(`name: ${JSON.stringify(args.name)} is not 1 to 128 letters, digits, . _ or - (it also names the access log group)`);
  }
  problems.push(...routeProblems(args.routes, { hasJwt: args.jwt !== undefined }));
  problems.push(...targetProblems(args.routes, { hasVpcLink: args.vpcLink !== undefined }));
  if (args.jwt) problems.push(...jwtProblems(args.jwt));
  if (args.cors) problems.push(...corsProblems(args.cors));
  if (args.throttling) problems.push(...throttlingProblems(args.throttling));
  const retention = args.logRetentionDays;
  if (retention !== undefined && !(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) {
    problems.push(`logRetentionDays: ${retention} is not one of ${LOG_RETENTION_DAYS.join(", ")}`);
  }
  const mappings = args.domainMappings ?? [];
  problems.push(...domainMappingProblems(mappings));
  if (args.disableExecuteApiEndpoint === true && mappings.length === 0) {
    problems.push("disableExecuteApiEndpoint: true leaves the API unreachable without domainMappings");
  }
  return problems;
}

/** Throws one Error listing every problem with the arguments of an HttpApi, one per line. */
export function checkHttpApiArgs(args: HttpApiArgs): void {
  const problems = httpApiArgsProblems(args);
  if (problems.length > 0) throw new Error(problems.join("\n"));
}
