import { render } from "../../vtl";
import type { TemplateRequest } from "../../vtl";

/**
 * Numbers as API Gateway's Velocity 1.7 holds them: integers and Java doubles.
 *
 * Sources: Velocity 1.7 `ASTFloatingPointLiteral` ("The value will be either a Double or a BigDecimal":
 * a literal with a decimal point is a `Double`), `MathUtils` (an operation with a `Double` operand is done
 * in doubles, with integers only in integers), `ASTLTNode`/`ASTGTNode`/`ASTLENode`/`ASTGENode` ("Only
 * subclasses of Number can be compared", otherwise the comparison logs an error and is false), and the
 * Java SE documentation of `Double.toString(double)` (a decimal with at least one fractional digit from
 * 10^-3 to 10^7, otherwise "computerized scientific notation": `1.0E10`).
 */
const run = (template: string, request: TemplateRequest = {}): string => render(template, request);

describe("doubles stay doubles", () => {
  test("a literal with a decimal point is a Double and prints as one", () => {
    expect(run("#set($a = 2.0)$a #set($b = -3.0)$b #set($c = [1, 2.0, 2.5])$c #set($m = {'k': 10.0})$m")).toBe("2.0 -3.0 [1, 2.0, 2.5] {k=10.0}");
  });

  test("arithmetic with a Double operand gives a Double: no integer division, a whole result keeps .0", () => {
    expect(run("#set($a = 1.0 / 3)$a #set($b = 10 * 1.0 / 4)$b #set($c = 1.5 + 1.5)$c #set($d = 7 / 2.0)$d #set($e = 7 / 2)$e")).toBe(
      "0.3333333333333333 2.5 3.0 3.5 3",
    );
    expect(run("#set($a = 2.0)#set($b = 0 - $a)$b #set($n = -(2.0))$n #set($c = 7.5 % 2)$c #set($s = 'n=' + 2.0)$s")).toBe("-2.0 -2.0 1.5 n=2.0");
  });

  test("Double.toString: scientific notation below 10^-3 and from 10^7", () => {
    expect(run("#set($a = 1.0 * 10000000)$a #set($b = 1.0 * 10000000000)$b #set($c = 1.0 / 10000)$c #set($d = 12345678.5)$d #set($e = 0.001)$e")).toBe(
      "1.0E7 1.0E10 1.0E-4 1.23456785E7 0.001",
    );
  });

  test("a Double equals an integer of the same value with ==, not with equals()", () => {
    expect(run("#set($a = 2.0)#if($a == 2)T#{else}F#end #if($a.equals(2))T#{else}F#end #if($a.equals(2.0))T#{else}F#end $a.intValue() $a.toString()")).toBe(
      "T F T 2 2.0",
    );
  });
});

describe("relational operators compare numbers only", () => {
  test("numbers, integers with doubles, compare by value", () => {
    expect(run("#if(1 < 2)T#{else}F#end #if(2.0 >= 2)T#{else}F#end #if(2.5 > 2)T#{else}F#end #if(3 <= 2)T#{else}F#end")).toBe("T T T F");
  });

  test("a string or null on either side makes <, <=, >, >= false", () => {
    expect(
      run("#if('a' < 'b')T#{else}F#end #if('b' > 'a')T#{else}F#end #if('1' < 2)T#{else}F#end #if($nope <= 1)T#{else}F#end #if($nope >= $nope)T#{else}F#end"),
    ).toBe("F F F F F");
  });
});

/**
 * Numbers of the payload. API Gateway reads it with json-smart (its parse errors name
 * `net.minidev.json.parser.ParseException`: ToQoz/api-gateway-mapping-template test/_.md, example-122ff6ce),
 * Jayway JSONPath's default provider, in `JSONParser.MODE_PERMISSIVE`, which includes
 * `USE_HI_PRECISION_FLOAT` ("use Double or BigDecimal to store floating point value"); json-smart's
 * `JsonWriter` writes a `Double` as `value.toString()` (json-smart-v2, JsonWriter.java).
 */
describe("JSON numbers with a fraction or an exponent are doubles", () => {
  const body = '{"price": 10.00, "total": 1e3, "rate": 8.95, "tiny": 0.00001, "big": 12345678.5, "n": 7, "note": "1.0 and 2e5 are text", "list": [1.0, 2]}';

  test("$input.json writes them as Java's Double.toString", () => {
    expect(run("$input.json('$')", { body })).toBe(
      '{"price":10.0,"total":1000.0,"rate":8.95,"tiny":1.0E-5,"big":1.23456785E7,"n":7,"note":"1.0 and 2e5 are text","list":[1.0,2]}',
    );
  });

  test("a payload whose only doubles are fractions is written as json-smart writes it too", () => {
    expect(run("$input.json('$')", { body: '{"tiny": 0.0001, "rate": 8.95, "big": 98765432.25}' })).toBe('{"tiny":1.0E-4,"rate":8.95,"big":9.876543225E7}');
  });

  test("$input.path values print and compute as doubles", () => {
    expect(
      run("$input.path('$.price') $input.path('$.total') $input.path('$.list') #set($x = $input.path('$.price') / 4)$x $input.path('$.n')", { body }),
    ).toBe("10.0 1000.0 [1.0,2] 2.5 7");
  });

  test("$util.parseJson keeps them too", () => {
    expect(run("#set($o = $util.parseJson('{\"v\": 2.0, \"w\": [3.0]}'))$o.v $o $util.parseJson('4.0')")).toBe("2.0 {v=2.0, w=[3.0]} 4.0");
  });
});
