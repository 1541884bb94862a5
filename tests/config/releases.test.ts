import { parseReleases, promote, releasePlan, rollback, type StageRelease } from "../../config/releases";

const A = "aaaaaaaaaaaa";
const B = "bbbbbbbbbbbb";
const C = "cccccccccccc";
const release = (live: string | undefined, previous: string[] = [], rejected: string[] = []): StageRelease => ({ live, previous, rejected });

describe("the releases a stack records", () => {
  test("read from runtime JSON or a stack file's object; every problem names its key", () => {
    expect(parseReleases(undefined, ["prod"], "k")).toEqual({ releases: {} });
    expect(parseReleases(`{"prod":{"live":"${A}"}}`, ["prod"], "k")).toEqual({ releases: { prod: release(A) } });
    expect(parseReleases({ prod: { live: "v1", previous: [A, "x"], rejected: "no", extra: 1 }, beta: {} }, ["prod"], "k")).toEqual({
      problems: [
        "k.prod.extra: unknown key; allowed: live, previous, rejected",
        'k.prod.live: "v1" is not a release id (12 lowercase hex characters, as npm run release writes them)',
        'k.prod.previous[1]: "x" is not a release id (12 lowercase hex characters, as npm run release writes them)',
        "k.prod.rejected: must be a list of release ids",
        'k.beta: no stage "beta" (stages: prod)',
      ],
    });
    expect(parseReleases("{nope", ["prod"], "k")).toEqual({ problems: ["k: is not JSON (an object of stage name to {live, previous, rejected})"] });
  });
});

describe("the plan: what each stage and its canary serve", () => {
  const stages = [
    { name: "prod", canary: { percentTraffic: 5 } },
    { name: "dev", canary: undefined },
  ];

  test("nothing recorded: every stage follows the config's release", () => {
    expect(releasePlan(B, stages, {})).toEqual({ releases: [B], stages: { prod: { release: B, canary: B }, dev: { release: B, canary: B } } });
  });

  test("a recorded live release and a new config: the canary stage keeps it, its canary runs the new one; a stage without a canary follows the config", () => {
    expect(releasePlan(B, stages, { prod: release(A, [C]), dev: release(A) })).toEqual({
      releases: [B, A, C],
      stages: { prod: { release: A, canary: B }, dev: { release: B, canary: B } },
    });
  });

  test("a rejected release does not enter the canary again", () => {
    expect(releasePlan(B, stages, { prod: release(A, [], [B]) }).stages.prod).toEqual({ release: A, canary: A });
  });
});

describe("promote and rollback", () => {
  test("promote makes the config's release live and keeps the old one (three at most)", () => {
    expect(promote(undefined, A)).toEqual(release(A));
    expect(promote(release(A, [C, "dddddddddddd", "eeeeeeeeeeee"]), B)).toEqual(release(B, [A, C, "dddddddddddd"]));
  });

  test("nothing to promote, or a rolled-back release: refused with the reason", () => {
    expect(() => promote(release(A), A)).toThrow(`nothing to promote: release ${A} is already live (the canary runs it too)`);
    expect(() => promote(release(A, [], [B]), B)).toThrow(`release ${B} was rolled back; change the config to make a new release`);
  });

  test("rollback rejects the canary's release; nothing running is refused", () => {
    expect(rollback(release(A), B)).toEqual(release(A, [], [B]));
    expect(() => rollback(undefined, B)).toThrow("nothing to roll back: no live release is recorded, so the stage serves the config's release");
    expect(() => rollback(release(A), A)).toThrow(`nothing to roll back: the canary runs the live release ${A}`);
    expect(() => rollback(release(A, [], [B]), B)).toThrow(`release ${B} is already rolled back`);
  });
});
