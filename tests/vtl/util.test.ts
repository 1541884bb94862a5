import { base64Decode, base64Encode, escapeJavaScript, parseJson, render, urlDecode, urlEncode, VtlError } from "../../vtl";

/** Renders a one-line template against a body. */
const run = (template: string, body?: string): string => render(template, { body });

describe("$util.escapeJavaScript (Commons Lang StringEscapeUtils.escapeJavaScript, as AWS documents)", () => {
  test("escapes double quotes, backslashes, forward slashes and single quotes", () => {
    expect(escapeJavaScript(`He said "hi" \\o/ it's`)).toBe(`He said \\"hi\\" \\\\o\\/ it\\'s`);
  });

  test("escapes control characters: the five short forms, the rest as uppercase \\u00XX; DEL stays", () => {
    expect(escapeJavaScript("\b\f\n\r\t")).toBe("\\b\\f\\n\\r\\t");
    expect(escapeJavaScript("\u0000\u0001\u000b\u001f\u007f")).toBe("\\u0000\\u0001\\u000B\\u001F\u007f");
  });

  test("escapes every character above U+007F as \\uXXXX (uppercase, one per UTF-16 unit)", () => {
    expect(escapeJavaScript("\u00e9\u00ff\u0100\u0fff\u1234\u20ac")).toBe("\\u00E9\\u00FF\\u0100\\u0FFF\\u1234\\u20AC");
    expect(escapeJavaScript("\u{1F600}")).toBe("\\uD83D\\uDE00");
  });

  test("leaves other printable ASCII alone, including <&> % + and spaces", () => {
    expect(escapeJavaScript("a <b> & c % d + e ~!@#$^*()[]{}|;:,.?=")).toBe("a <b> & c % d + e ~!@#$^*()[]{}|;:,.?=");
  });

  test("null stays null (renders as nothing); other values are escaped by their Java text", () => {
    expect(escapeJavaScript(null)).toBeNull();
    expect(escapeJavaScript(42)).toBe("42");
    expect(escapeJavaScript({ a: "x'y" })).toBe("{a=x\\'y}");
    expect(run("[$util.escapeJavaScript($input.path('$.missing'))]")).toBe("[]");
  });

  test("in a template: the single quote comes out as \\', which JSON rejects; AWS's replaceAll idiom repairs it", () => {
    const body = JSON.stringify({ s: `it's "quoted"` });
    const raw = run(`{"s": "$util.escapeJavaScript($input.path('$.s'))"}`, body);
    expect(raw).toBe(`{"s": "it\\'s \\"quoted\\""}`);
    expect(() => JSON.parse(raw)).toThrow(SyntaxError);
    const fixed = run(`{"s": "$util.escapeJavaScript($input.path('$.s')).replaceAll("\\\\'", "'")"}`, body);
    expect(fixed).toBe(`{"s": "it's \\"quoted\\""}`);
    expect(JSON.parse(fixed)).toEqual({ s: `it's "quoted"` });
  });

  test("escaping JSON text into a JSON string round-trips (the Step Functions input idiom)", () => {
    const doc = { note: 'a/b \\ "q" \n é \u{1F600} it\'s', n: [1, 2.5, null, true] };
    const out = run(`{"input": "$util.escapeJavaScript($input.json('$')).replaceAll("\\\\'", "'")"}`, JSON.stringify(doc));
    expect(JSON.parse(JSON.parse(out).input)).toEqual(doc);
  });
});

describe("$util.urlEncode / urlDecode (application/x-www-form-urlencoded, UTF-8, like Java's URLEncoder)", () => {
  test("keeps letters, digits and .-*_; a space becomes +; everything else %XX per UTF-8 byte", () => {
    expect(urlEncode("a b&c=d+e%f~g*h.i-j_k'l(m)!\u00e9\u{1F600}/")).toBe("a+b%26c%3Dd%2Be%25f%7Eg*h.i-j_k%27l%28m%29%21%C3%A9%F0%9F%98%80%2F");
    expect(urlEncode("x=a+b")).toBe("x%3Da%2Bb");
    expect(run("$util.urlEncode('50% off + tax')")).toBe("50%25+off+%2B+tax");
  });

  test("decodes + as a space and %XX as UTF-8 bytes, in either case", () => {
    expect(urlDecode("a+b%26c%3D%C3%A9%F0%9F%98%80")).toBe("a b&c=\u00e9\u{1F600}");
    expect(urlDecode("%c3%a9%41")).toBe("\u00e9A");
    expect(urlDecode("x=a+b")).toBe("x=a b");
    expect(run("$util.urlDecode('50%25+off+%2B+tax')")).toBe("50% off + tax");
  });

  test("round-trips any text", () => {
    const text = `a "b" 'c' \\ / <&> % + \n\t \u00e9\u{1F600}`;
    expect(urlDecode(urlEncode(text))).toBe(text);
  });

  test("a malformed escape fails, as URLDecoder does", () => {
    expect(() => urlDecode("100%")).toThrow("incomplete trailing escape (%) pattern");
    expect(() => urlDecode("%zz")).toThrow('illegal hex characters in escape (%) pattern "%zz"');
    expect(() => run("$util.urlDecode('%G0')")).toThrow(VtlError);
  });

  test("a null argument gives null (rendered as nothing), as escapeJavaScript does", () => {
    expect(urlEncode(null)).toBeNull();
    expect(run("[$util.urlEncode($missing)]")).toBe("[]");
  });
});

describe("$util.base64Encode / base64Decode (standard alphabet, UTF-8)", () => {
  test("encodes the UTF-8 bytes with padding", () => {
    expect(base64Encode("hello")).toBe("aGVsbG8=");
    expect(base64Encode("\u00e9")).toBe("w6k=");
    expect(base64Encode("\u{1F600}")).toBe("8J+YgA==");
    expect(run("$util.base64Encode('a:b')")).toBe("YTpi");
  });

  test("decodes, with or without padding", () => {
    expect(base64Decode("aGVsbG8=")).toBe("hello");
    expect(base64Decode("aGVsbG8")).toBe("hello");
    expect(base64Decode("8J+YgA==")).toBe("\u{1F600}");
    expect(run("$util.base64Decode('YTpi')")).toBe("a:b");
  });

  test("rejects text that is not base64", () => {
    expect(() => base64Decode("a$b=")).toThrow('"a$b=" is not valid base64');
    expect(() => base64Decode("abcde")).toThrow("is not valid base64");
    expect(() => base64Decode("YWJj ZGVm")).toThrow("is not valid base64");
  });
});

describe("$util.parseJson", () => {
  test("AWS's documented example: a stringified JSON field becomes an object to navigate", () => {
    const body = JSON.stringify({ errorMessage: JSON.stringify({ key1: "var1", key2: { arr: [1, 2, 3] } }) });
    const template = [
      "#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))",
      "{",
      '   "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0]',
      "}",
      "",
    ].join("\n");
    expect(run(template, body)).toBe('{\n   "errorMessageObjKey2ArrVal" : 1\n}\n');
  });

  test("returns maps, JSON arrays, strings, numbers and booleans", () => {
    expect(parseJson('{"a": [1, "x"]}')).toEqual({ a: [1, "x"] });
    expect(parseJson('"s"')).toBe("s");
    expect(parseJson("1.5")).toBe(1.5);
    expect(parseJson("true")).toBe(true);
    expect(run(`#set($o = $util.parseJson('{"a": [1, "x"], "b": {"c": true}}'))$o|$o.a|$o.b.c|$o.a.size()`)).toBe('{a=[1,"x"], b={c=true}}|[1,"x"]|true|2');
  });

  test("invalid JSON fails with the template and line", () => {
    expect(() => run("ok\n$util.parseJson('{nope')")).toThrow(/^VTL render error in template "<inline>" at line 2: \$util\.parseJson\(\): /);
  });
});
