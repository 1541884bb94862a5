import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { enforcementLevelOf, evaluatePolicies, policyConfig, resourceRef } from "../../preview/policy-evaluation";
import { fake } from "../helpers/policy-harness";

const bucketRule: ResourceValidationPolicy = {
  name: "min-size",
  description: "test rule",
  enforcementLevel: "advisory",
  configSchema: { properties: { minimum: { type: "number", default: 10 }, label: { type: "string" } } },
  validateResource: (args, report) => {
    if (args.type !== "test:index:Thing") args.notApplicable("only things");
    const { minimum } = args.getConfig<{ minimum: number }>();
    if ((args.props.size as number) < minimum) report(`${args.name} is smaller than ${minimum}`);
  },
};

const stackRule: StackValidationPolicy = {
  name: "has-parent",
  description: "test stack rule",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    for (const r of args.resources) {
      if (r.type === "test:index:Thing" && !r.parent) report(`${r.name} has no parent`, r.urn);
      if (r.parent) report(`${r.name} is under ${r.parent.name}; depends on ${r.dependencies.map((d) => d.name).join(",")}`);
    }
  },
};

describe("offline policy evaluation", () => {
  const group = fake("test:index:Group", "g", {});
  const small = fake("test:index:Thing", "small", { size: 3 }, { parentUrn: group.urn, from: { size: [group] } });
  const large = fake("test:index:Thing", "large", { size: 30 });

  test("resource policies see each resource; not-applicable resources are skipped", async () => {
    expect(await evaluatePolicies([bucketRule], [group, small, large])).toEqual([
      { policy: "min-size", enforcementLevel: "advisory", resource: "test:index:Thing::small", message: "small is smaller than 10" },
    ]);
  });

  test("pack config sets the level and overrides schema defaults", async () => {
    const pack = { "min-size": { enforcementLevel: "mandatory" as const, minimum: 50 } };
    expect((await evaluatePolicies([bucketRule], [small, large], pack)).map((v) => [v.enforcementLevel, v.message])).toEqual([
      ["mandatory", "small is smaller than 50"],
      ["mandatory", "large is smaller than 50"],
    ]);
    expect(await evaluatePolicies([bucketRule], [small], { "min-size": "disabled" })).toEqual([]);
  });

  test("stack policies see parents and dependencies; a report without a URN is stack-wide", async () => {
    expect(await evaluatePolicies([stackRule], [group, small, large])).toEqual([
      { policy: "has-parent", enforcementLevel: "mandatory", resource: null, message: "small is under g; depends on g" },
      { policy: "has-parent", enforcementLevel: "mandatory", resource: "test:index:Thing::large", message: "large has no parent" },
    ]);
  });

  test("config and levels", () => {
    expect(policyConfig(bucketRule, {})).toEqual({ minimum: 10 });
    expect(policyConfig(bucketRule, { "min-size": { enforcementLevel: "advisory", label: "x" } })).toEqual({ minimum: 10, label: "x" });
    expect(enforcementLevelOf(bucketRule, {})).toBe("advisory");
    expect(enforcementLevelOf(bucketRule, { "min-size": "mandatory" })).toBe("mandatory");
    expect(enforcementLevelOf(stackRule, { "min-size": "advisory" })).toBe("mandatory");
  });

  test("a rule that throws is reported as a mandatory finding, and the run goes on with the next resource and rule", async () => {
    const broken: ResourceValidationPolicy = {
      name: "broken",
      description: "",
      validateResource: (args) => {
        if (args.name === "small") throw new Error("boom");
      },
    };
    expect(await evaluatePolicies([broken, bucketRule], [small, large])).toEqual([
      {
        policy: "broken",
        enforcementLevel: "mandatory",
        resource: "test:index:Thing::small",
        message:
          "the rule threw on test:index:Thing::small (boom); the Pulumi CLI would stop the preview with this error. Fix the rule, or the input it cannot read.",
      },
      { policy: "min-size", enforcementLevel: "advisory", resource: "test:index:Thing::small", message: "small is smaller than 10" },
    ]);
    const brokenStack: StackValidationPolicy = {
      name: "broken-stack",
      description: "",
      validateStack: () => {
        throw new TypeError("x is not iterable");
      },
    };
    expect((await evaluatePolicies([brokenStack], [small])).map((v) => v.message)).toEqual([
      "the rule threw on the stack (x is not iterable); the Pulumi CLI would stop the preview with this error. Fix the rule, or the input it cannot read.",
    ]);
  });

  // As @pulumi/policy's analyzer does: inputs are wrapped so that reading a value unknown during preview throws an
  // UnknownValueError; the findings reported before it stay, and an advisory "can't run … during preview" is added.
  test("a rule that meets an unknown value keeps what it reported before, and adds an advisory", async () => {
    const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const reader: StackValidationPolicy = {
      name: "reader",
      description: "",
      enforcementLevel: "mandatory",
      validateStack: (args, report) => {
        for (const r of args.resources) report(`${r.name} is ${String(r.props.size)}`, r.urn);
      },
    };
    const pending = fake("test:index:Thing", "pending", { size: UNKNOWN_STRING });
    expect(await evaluatePolicies([reader], [large, pending, small])).toEqual([
      { policy: "reader", enforcementLevel: "mandatory", resource: "test:index:Thing::large", message: "large is 30" },
      {
        policy: "reader",
        enforcementLevel: "advisory",
        resource: null,
        message: "can't run during preview: string value at .size can't be known during preview",
      },
    ]);
  });

  test("resource references from URNs, parents included", () => {
    expect(resourceRef("urn:pulumi:dev::proj::gateway:rest-api:RestApi$aws:apigateway/stage:Stage::api-prod")).toBe("aws:apigateway/stage:Stage::api-prod");
    expect(resourceRef("urn:pulumi:dev::proj::pulumi:providers:aws::east")).toBe("pulumi:providers:aws::east");
    expect(resourceRef(undefined)).toBeNull();
  });
});
