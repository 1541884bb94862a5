import { Doubles, doublesIn, parseKeepingDoubles } from "../../vtl/json-doubles";
import { JavaDouble } from "../../vtl/java-number";

describe("reading JSON while keeping doubles (vtl/json-doubles.ts)", () => {
  test("a text's doubles are found outside strings; only whole ones (a zero fraction, an exponent) make it read again", () => {
    expect([
      doublesIn('{"a": 1.5, "b": "2.0 3e4", "c": true}'),
      doublesIn('{"a": 2.0}'),
      doublesIn("[1E+2]"),
      doublesIn('["\\"", 1.50, 0.001, 1234567.5]'),
      doublesIn('{"a": "1.0", "b": 2}'),
    ]).toEqual([Doubles.SameText, Doubles.Whole, Doubles.Whole, Doubles.SameText, Doubles.None]);
  });

  test("a fraction below 10^-3 or from 10^7 is written otherwise by Java (1.0E-4, 1.23456785E7)", () => {
    expect([doublesIn("[0.0001]"), doublesIn("[-0.00099]"), doublesIn("[12345678.5]"), doublesIn("[1.5, 10000000.25]")]).toEqual([
      Doubles.OtherText,
      Doubles.OtherText,
      Doubles.OtherText,
      Doubles.OtherText,
    ]);
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
