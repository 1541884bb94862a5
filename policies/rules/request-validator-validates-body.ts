import type { StackValidationPolicy } from "@pulumi/policy";
import { dependsThrough, ofType, shown, TYPES } from "../lib/stack";
import { read } from "../lib/unknown";

/** Methods that take a request body (ANY includes POST, PUT and PATCH). */
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "ANY"]);

/**
 * A classic aws.apigateway.Method names its validator by id; whether that validator checks bodies is
 * on the RequestValidator (validateRequestBody, validateRequestParameters: "Enable basic request
 * validation", API Gateway developer guide). A validator that checks parameters only lets any body
 * through. The method is joined to its validator through the property dependency of
 * requestValidatorId (known at the first preview); a validator outside the stack is not judged.
 */
export const requestValidatorValidatesBody: StackValidationPolicy = {
  name: "request-validator-validates-body",
  description: "A classic REST method that takes a body (POST, PUT, PATCH, ANY) uses a request validator with validateRequestBody: true.",
  enforcementLevel: "advisory",
  severity: "medium",
  validateStack: (args, report) => {
    const validators = ofType(args.resources, TYPES.requestValidator);
    for (const method of ofType(args.resources, TYPES.method)) {
      const verb = read(() => method.props.httpMethod);
      if (typeof verb !== "string" || !WITH_BODY.has(verb.toUpperCase())) continue;
      const validator = validators.find((v) => dependsThrough(method, "requestValidatorId", v));
      if (!validator) continue;
      const body = read(() => validator.props.validateRequestBody);
      if (body === true || typeof body === "symbol") continue;
      report(
        `Method "${method.name}" accepts unvalidated request bodies on ${verb.toUpperCase()}: its request validator "${validator.name}" checks parameters only (validateRequestBody is ${shown(body)}). Use a RequestValidator with validateRequestBody: true, and give the method a requestModels entry for its content type.`,
        method.urn,
      );
    }
  },
};
