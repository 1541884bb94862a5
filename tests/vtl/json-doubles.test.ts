import { Doubles, doublesIn, parseKeepingDoubles } from "../../vtl/json-doubles";
import { JavaDouble } from "../../vtl/java-number";

describe("reading JSON while keeping doubles (vtl/json-doubles.ts)", () => {
  test("a text's doubles are found outside strings; only whole ones (a zero fraction, an exponent) make it read again", () => {
    expect([
      doublesIn('{"a": 1.5, "b": "2.0 3e4", "c": true}'),
      doublesIn('{"a": 2.0}'),
      doublesIn("[1E+2]"),
      doublesIn('["\\"", 1.50]'),
      doublesIn('{"a": "1.0", "b": 2}'),
    ]).toEqual([Doubles.Fractions, Doubles.Whole, Doubles.Whole, Doubles.Fractions, Doubles.None]);
  });

  test("reads what JSON.parse reads, besides the doubles", () => {
    const text = ' { "s" : "a\\"b\\\\\\u00e9\\n", "o": {"__proto__": [], "e": {}}, "l": [ -1, 0, 2.5, -0.0, 1e2, true, false, null, [] ] , "u": "\u2028" } ';
    const arrays: unknown[] = [];
    const value = parseKeepingDoubles(text, (list) => arrays.push(list)) as Record<string, unknown>;
    expect(JSON.stringify(value)).toBe(JSON.stringify(JSON.parse(text)));
    expect((value.l as unknown[]).slice(3, 5)).toEqual([new JavaDouble(-0), new JavaDouble(100)]);
    expect(Object.getPrototypeOf(value.o)).toBe(Object.prototype);
    expect(arrays).toHaveLength(3);
  });
});
