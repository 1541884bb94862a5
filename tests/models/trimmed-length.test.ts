import { Worker } from "worker_threads";
import { ITEM_CREATE_MODEL, TRIM_WHITESPACE, trimmedLengthPattern } from "../../components/rest-api/models";
import { LIMITS, validateItem } from "../../functions/items/validation";
import { HttpError } from "../../functions/shared/http";

/** The handler's verdict on a name alone. */
function handlerAccepts(name: string): boolean {
  try {
    validateItem({ name });
    return true;
  } catch (error) {
    if (error instanceof HttpError) return false;
    throw error;
  }
}

const pattern = ITEM_CREATE_MODEL.properties?.name?.pattern ?? "";
// ajv compiles patterns with the `u` flag; an engine without it reads UTF-16 units. Both must agree.
const engines = [
  ["ECMAScript, u flag (ajv)", new RegExp(pattern, "u")],
  ["ECMAScript, no u flag", new RegExp(pattern)],
] as const;

describe("the whitespace set", () => {
  it("is exactly what String.prototype.trim removes, over every code point", () => {
    const whitespace = new RegExp(`^[${TRIM_WHITESPACE}]$`, "u");
    const disagree: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const s = cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      if ((s.trim() === "") !== whitespace.test(s)) disagree.push(cp.toString(16));
    }
    expect(disagree).toEqual([]);
  });
});

describe("trimmedLengthPattern", () => {
  it("is the name's pattern, for the handler's limit", () => {
    expect(pattern).toBe(trimmedLengthPattern(LIMITS.name));
  });

  it.each([0, 1, 2.5])("refuses max %p", (max) => {
    expect(() => trimmedLengthPattern(max)).toThrow(`trimmedLengthPattern: max must be an integer >= 2, got ${max}`);
  });

  it.each([
    ["a", true],
    ["ab", true],
    ["a b", false],
    [" a\u00a0", true],
    [" ", false],
    ["", false],
    ["abc", false],
    [" abc\t", false],
    ["\u{1F600}\u{1F600}", true],
    ["\u{1F600}\u{1F600}\u{1F600}", false],
    ["\ud800\udc00\ud800", true], // a pair and a lone high surrogate: 2 code points
    ["\ud800\udc00\ud800\udc00\udc00", false], // two pairs and a lone low surrogate: 3
    ["\ud800\ud800", true], // two lone high surrogates
    ["\udc00\ud800", true], // lone low then lone high: 2 code points, not a pair
  ])("with max 2: %j -> %p in both engines", (s, expected) => {
    const p = trimmedLengthPattern(2);
    expect(new RegExp(p, "u").test(s)).toBe(expected);
    expect(new RegExp(p).test(s)).toBe(expected);
    expect(Array.from(s.trim()).length >= 1 && Array.from(s.trim()).length <= 2).toBe(expected);
  });
});

describe.each(engines)("the name pattern (%s) against the handler", (_, regex) => {
  // Characters that matter: trimmed whitespace, look-alikes that trim() keeps (U+0085, U+200B, U+180E),
  // letters, astral characters and lone surrogates.
  const alphabet = [
    " ",
    "\t",
    "\n",
    "\u00a0",
    "\u2028",
    "\u3000",
    "\ufeff",
    "\u0085",
    "\u200b",
    "\u180e",
    "a",
    "Z",
    "é",
    "\u{1F600}",
    "\u{20000}",
    "\ud800",
    "\udc00",
  ];
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const randomName = () => {
    const length = [0, 1, 2, 3, 198, 199, 200, 201, 202, 205][next(10)] as number;
    const pad = () => Array.from({ length: next(4) }, () => alphabet[next(7)]).join("");
    return pad() + Array.from({ length }, () => alphabet[next(alphabet.length)]).join("") + pad();
  };

  it("agrees on 3000 generated names around the limits", () => {
    const disagreements: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const name = randomName();
      if (regex.test(name) !== handlerAccepts(name)) disagreements.push(JSON.stringify(name));
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    ["200 letters", "n".repeat(200), true],
    ["201 letters", "n".repeat(201), false],
    ["200 astral characters", "\u{1F600}".repeat(200), true],
    ["201 astral characters", "\u{1F600}".repeat(201), false],
    ["200 letters inside 1000 spaces each side", `${" ".repeat(1000)}${"n".repeat(200)}${" ".repeat(1000)}`, true],
    ["U+0085 is kept by trim(): 200 letters + NEL is 201", `${"n".repeat(200)}\u0085`, false],
  ])("%s", (_label, name, expected) => {
    expect(handlerAccepts(name)).toBe(expected);
    expect(regex.test(name)).toBe(expected);
  });

  // How fast is `npm run bench`'s to say; here a pattern that backtracked catastrophically would never
  // answer, and it runs in a worker thread so that the test's own timeout can still end it.
  it("answers a long near-miss (no catastrophic backtracking)", async () => {
    const nearMiss = `${" ".repeat(30000)}${"\u{1F600}".repeat(201)}${" ".repeat(30000)}`;
    const worker = new Worker(
      "const { parentPort, workerData: w } = require('worker_threads'); parentPort.postMessage(new RegExp(w.source, w.flags).test(w.input));",
      {
        eval: true,
        workerData: { source: regex.source, flags: regex.flags, input: nearMiss },
      },
    );
    try {
      expect(await new Promise((resolve, reject) => worker.once("message", resolve).once("error", reject))).toBe(false);
    } finally {
      await worker.terminate();
    }
  });
});
