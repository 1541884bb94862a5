import { render } from "../../vtl";

/**
 * Null handling in mapping templates, as Java Velocity 1.7 (API Gateway's engine) does it:
 * - a null reference renders as nothing in API Gateway (vtl/engine.ts), and `$util` functions given a
 *   null give null, as Commons Lang's `escapeJavaScript` does, so `$util.urlEncode($input.path('$.x'))`
 *   of a missing field renders as nothing instead of failing the request;
 * - `==` and `!=` with a null operand: null equals only null (VELOCITY-531, "make #if handle null values
 *   intuitively for ! == and != operations", in 1.6 and 1.7), so `#if($x == "")` is false for a null
 *   `$x`; `#if(!$x)` is true; `#if("$!x" == "")` is true for null or empty (Velocity's CheckingForNull FAQ);
 * - `$input.params('missing')` is an empty string, `$input.path` of a missing field null,
 *   `$input.json` of one the text `null` (vtl/input.ts).
 */
const request = { body: '{"present":"a b","nothing":null}', headers: {}, queryString: {}, pathParameters: {}, context: {}, stageVariables: {} };
const run = (template: string) => render(template, request);

describe("null values in mapping templates", () => {
  test.each([
    ["[$util.urlEncode($input.path('$.missing'))]", "[]"],
    ["[$util.urlEncode($input.path('$.present'))]", "[a+b]"],
    ["[$util.urlDecode($input.path('$.nothing'))]", "[]"],
    ["[$util.base64Encode($input.path('$.missing'))]", "[]"],
    ["[$util.base64Decode($input.path('$.missing'))]", "[]"],
    ["[$util.escapeJavaScript($input.path('$.missing'))]", "[]"],
    ["[$util.parseJson($input.path('$.missing'))]", "[]"],
  ])("%s renders %s", (template, expected) => {
    expect(run(template)).toBe(expected);
  });

  test.each([
    ["#set($x = $input.path('$.nothing'))#if($x == \"\")empty#{else}not empty#end", "not empty"],
    ["#set($x = $input.path('$.nothing'))#if($x != \"\")different#{else}same#end", "different"],
    ["#set($x = $input.path('$.nothing'))#if(!$x)null#{else}set#end", "null"],
    ['#if("$!missing" == "")null or empty#{else}set#end', "null or empty"],
    ["#if($missing == $alsoMissing)equal#{else}different#end", "equal"],
    ["#if($input.params('missing') == \"\")empty string#{else}other#end", "empty string"],
    ["[$input.json('$.missing')][$input.path('$.missing')]", "[null][]"],
  ])("%s renders %s", (template, expected) => {
    expect(run(template)).toBe(expected);
  });
});
