import type { ReleaseState } from "../../config/releases";
import { stableId } from "../../preview/mock-state";
import { capturedVariants, type CapturedStack } from "../helpers/captured-stack";
import { restApiComponent } from "../helpers/deployments";
import { stackFileGateway } from "../helpers/stack-config";

// AWS, "Set up an API Gateway canary release deployment": a stage's canarySettings name their own
// deploymentId, so the canary serves another deployment than the stage's, at percentTraffic; promoting
// moves the stage to the canary's deployment. A deployment snapshots the API when it is created.
type Raw = { routes: { summary?: string }[] };

interface Evaluated {
  readonly current: string;
  /** The release (from its deployment's name) the prod stage and its canary serve. */
  readonly stage: string;
  readonly canary: string;
  readonly percent: unknown;
  /** Every release with a deployment, and whether it is the config's (triggers) or only kept. */
  readonly deployments: Record<string, "current" | "kept">;
}

/** The prod config, or the prod config with its first route's summary changed (a new release). */
function gateway(changed: boolean): Raw {
  const raw = structuredClone(stackFileGateway("prod")) as Raw;
  if (changed) raw.routes[0]!.summary = "A new summary: a new release";
  return raw;
}

/** The program run for each release state (on the changed config, or as `changed` says), all in one child process. */
async function evaluate(cases: readonly { readonly releases: ReleaseState; readonly changed: boolean }[]): Promise<Evaluated[]> {
  const captures = await capturedVariants(
    "prod",
    cases.map((c) => ({ gateway: gateway(c.changed), otherKeys: { "microservice-gateway:releases": c.releases } })),
  );
  return captures.map(evaluated);
}

function evaluated(rec: CapturedStack): Evaluated {
  const deployments = rec.ofType("aws:apigateway/deployment:Deployment").filter((d) => d.name.startsWith("api-deployment-"));
  const releaseOf = (mockId: unknown) => {
    const found = deployments.find((d) => stableId(`${d.name}-${JSON.stringify(d.inputs.triggers ?? {})}`, 6) === mockId);
    return found ? found.name.replace("api-deployment-", "") : `unknown ${String(mockId)}`;
  };
  const stage = rec.get("aws:apigateway/stage:Stage", "api-prod-stage").inputs;
  const canary = stage.canarySettings as { deploymentId: string; percentTraffic: number };
  return {
    current: restApiComponent(rec).inputs.releaseId as string,
    stage: releaseOf(stage.deployment),
    canary: releaseOf(canary.deploymentId),
    percent: canary.percentTraffic,
    deployments: Object.fromEntries(
      deployments.map((d) => [d.name.replace("api-deployment-", ""), Object.keys(d.inputs.triggers as object).length > 0 ? "current" : "kept"]),
    ),
  };
}

describe("a canary that deploys only to the canary (the prod stack under mocks)", () => {
  let v1: string;
  let v2: string;
  /** What the stack serves with no recorded release, before and after the change (v1, v2), then with each recorded state. */
  let unrecorded: Evaluated;
  let changedAfterLive: Evaluated;
  let promoted: Evaluated;
  let rolledBack: Evaluated;
  beforeAll(async () => {
    const [before, after] = await evaluate([
      { releases: {}, changed: false },
      { releases: {}, changed: true },
    ]);
    [v1, v2, unrecorded] = [(before as Evaluated).current, (after as Evaluated).current, after as Evaluated];
    [changedAfterLive, promoted, rolledBack] = (await evaluate([
      { releases: { prod: { live: v1, previous: [], rejected: [] } }, changed: true },
      { releases: { prod: { live: v2, previous: [v1], rejected: [] } }, changed: true },
      { releases: { prod: { live: v1, previous: [], rejected: [v2] } }, changed: true },
    ])) as [Evaluated, Evaluated, Evaluated];
  }, 120_000);

  test("the config's release has an id of 12 hex characters; a route change makes another", () => {
    expect([v1, v2]).toEqual([expect.stringMatching(/^[0-9a-f]{12}$/), expect.stringMatching(/^[0-9a-f]{12}$/)]);
    expect(v2).not.toBe(v1);
  });

  test("no recorded release: the stage and its canary follow the config (the canary differs in stage variables only)", () => {
    expect(unrecorded).toEqual({ current: v2, stage: v2, canary: v2, percent: 5, deployments: { [v2]: "current" } });
  });

  test("a change after a recorded live release: the stage keeps serving it, the new release runs in the canary only", () => {
    expect(changedAfterLive).toEqual({
      current: v2,
      stage: v1,
      canary: v2,
      percent: 5,
      deployments: { [v2]: "current", [v1]: "kept" },
    });
  });

  test("promote: the stage moves to the canary's release; the old one stays deployed for a console rollback", () => {
    expect(promoted).toEqual({
      current: v2,
      stage: v2,
      canary: v2,
      percent: 5,
      deployments: { [v2]: "current", [v1]: "kept" },
    });
  });

  test("rollback: the canary's release is rejected; stage and canary serve the live release as before", () => {
    expect(rolledBack).toEqual({
      current: v2,
      stage: v1,
      canary: v1,
      percent: 5,
      deployments: { [v2]: "current", [v1]: "kept" },
    });
  });
});
