import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { isObject, operationLabel, operationsOf, readBody, unreadableBodyMessage, type JsonObject, type Operation } from "../lib/api-openapi";
import { shown, TYPES } from "../lib/stack";

/** Methods that take a request body (ANY includes POST, PUT and PATCH). */
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "ANY"]);

const VALIDATOR = "x-amazon-apigateway-request-validator";
const VALIDATORS = "x-amazon-apigateway-request-validators";
const BODY_FIX = `Define a validator with validateRequestBody: true in the document's ${VALIDATORS} and name it in ${VALIDATOR}, on the document (every method) or on the operation.`;

/** The problem with one operation's request validation, if any. */
function problem(op: Operation, document: JsonObject): string | undefined {
  const own = op.value[VALIDATOR];
  const name = own !== undefined ? own : document[VALIDATOR];
  if (name === undefined) return `accepts unvalidated request bodies on "${operationLabel(op)}" (${VALIDATOR} is unset)`;
  const validators = isObject(document[VALIDATORS]) ? (document[VALIDATORS] as JsonObject) : {};
  const validator = typeof name === "string" ? validators[name] : undefined;
  if (!isObject(validator)) {
    return `names a request validator it does not define for "${operationLabel(op)}" (${VALIDATOR} is ${shown(name)}, which ${VALIDATORS} does not define)`;
  }
  if (validator.validateRequestBody !== true) {
    return `does not validate request bodies on "${operationLabel(op)}" (${VALIDATORS}.${String(name)}.validateRequestBody is ${shown(validator.validateRequestBody)})`;
  }
  return undefined;
}

function checkRestApi(args: ResourceValidationArgs, report: ReportViolation): void {
  const reading = readBody(args.props.body);
  if (reading.kind === "absent") return;
  if (reading.kind === "unreadable") {
    report(unreadableBodyMessage(args.name, "the request validation of its methods"));
    return;
  }
  for (const op of operationsOf(reading.document)) {
    if (!WITH_BODY.has(op.method)) continue;
    const bad = problem(op, reading.document);
    if (bad) report(`RestApi "${args.name}" ${bad}. ${BODY_FIX}`);
  }
}

function checkMethod(args: ResourceValidationArgs, report: ReportViolation): void {
  const method = String(args.props.httpMethod).toUpperCase();
  if (!WITH_BODY.has(method) || args.props.requestValidatorId) return;
  report(
    `Method "${args.name}" accepts unvalidated requests on ${method} (requestValidatorId is ${shown(args.props.requestValidatorId)}). Create an aws.apigateway.RequestValidator with validateRequestBody: true and set it as the method's requestValidatorId.`,
  );
}

/**
 * API Gateway can reject a malformed request body against the method's model before the backend
 * runs, but only when a request validator that validates bodies is attached to the method.
 */
export const requestValidation: ResourceValidationPolicy = {
  name: "request-validation",
  description: "REST API methods that take a body (POST, PUT, PATCH, ANY) have a request validator with validateRequestBody: true.",
  enforcementLevel: "advisory",
  severity: "medium",
  validateResource: (args, report) => {
    if (args.type === TYPES.restApi) checkRestApi(args, report);
    else if (args.type === TYPES.method) checkMethod(args, report);
  },
};
