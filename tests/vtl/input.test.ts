import { render, VtlError } from "../../vtl";
import type { TemplateRequest } from "../../vtl";

const pets = JSON.stringify({
  pets: [
    { id: 1, type: "dog", price: 249.99 },
    { id: 2, type: "cat", price: 124.99 },
    { id: 3, type: "fish", price: 0.99 },
  ],
  owner: { name: "Ana", "first name": "A" },
});

const run = (template: string, request: TemplateRequest = {}): string => render(template, request);

describe("$input.json(x): the JSON text at a JSONPath", () => {
  test("objects and arrays are serialized compactly, strings quoted, numbers bare", () => {
    expect(run("$input.json('$.pets')", { body: pets })).toBe(
      '[{"id":1,"type":"dog","price":249.99},{"id":2,"type":"cat","price":124.99},{"id":3,"type":"fish","price":0.99}]',
    );
    expect(run("$input.json('$.owner')", { body: pets })).toBe('{"name":"Ana","first name":"A"}');
    expect(run("$input.json('$.pets[0].type')|$input.json('$.pets[0].price')", { body: pets })).toBe('"dog"|249.99');
  });

  test("dotted, bracketed and quoted paths, negative indexes, wildcards", () => {
    expect(run(`$input.json("$['pets'][1]['type']")`, { body: pets })).toBe('"cat"');
    expect(run(`$input.json("$.owner['first name']")`, { body: pets })).toBe('"A"');
    expect(run("$input.json('$.pets[-1].id')", { body: pets })).toBe("3");
    expect(run("$input.json('$.pets[*].type')", { body: pets })).toBe('["dog","cat","fish"]');
    expect(run("$input.json('$.owner.*')", { body: pets })).toBe('["Ana","A"]');
    expect(run("$input.json('pets[1].id')", { body: pets })).toBe("2");
  });

  test("$ is the whole document; a path selecting nothing gives null", () => {
    expect(run("$input.json('$')", { body: '{ "a" : [1, {"b": null}] }' })).toBe('{"a":[1,{"b":null}]}');
    expect(run("$input.json('$.missing')|$input.json('$.pets[7]')|$input.json('$.pets.type')", { body: pets })).toBe("null|null|null");
    expect(run("$input.json('$.a.b')", { body: '{"a": {"b": null}}' })).toBe("null");
  });

  test("strings are escaped as JSON: quotes, backslashes, newlines, control characters; unicode kept", () => {
    const body = JSON.stringify({ s: 'say "hi" \\ \n\t\u0001 <&> \u00e9\u{1F600}' });
    const out = run("$input.json('$.s')", { body });
    expect(out).toBe('"say \\"hi\\" \\\\ \\n\\t\\u0001 <&> \u00e9\u{1F600}"');
    expect(JSON.parse(out)).toBe('say "hi" \\ \n\t\u0001 <&> \u00e9\u{1F600}');
  });

  test("an empty payload reads as {} (API Gateway's behaviour)", () => {
    expect(run("$input.json('$')|$input.json('$.a')")).toBe("{}|null");
    expect(run("$input.json('$')", { body: "" })).toBe("{}");
    expect(run("$input.json('$')", { body: " \n " })).toBe("{}");
  });

  test("a payload that is not JSON and does not look like it is read as a string (json-smart is permissive)", () => {
    expect(run("$input.json('$')", { body: "a=b" })).toBe('"a=b"');
    expect(run("$input.path('$')", { body: "a=b" })).toBe("a=b");
  });

  test("a payload that starts like JSON but is not valid fails (API Gateway answers 400)", () => {
    expect(() => run("x\n$input.json('$')", { body: "{a" })).toThrow(VtlError);
    expect(() => run("x\n$input.json('$')", { body: "{a" })).toThrow(/^VTL render error in template "<inline>" at line 2: Could not process payload: /);
    expect(() => run("$input.path('$')", { body: "[1," })).toThrow("Could not process payload");
  });

  test("a method's error is told once, with the template's line: no velocityjs position appended", () => {
    let message = "";
    try {
      run("x\n$input.json('$')", { body: "{a" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^VTL render error in template "<inline>" at line 2: Could not process payload: [^\n]+$/);
    expect(message).not.toContain("L/N");
    expect(message).not.toContain("$input.json");
  });

  test("the payload is only parsed when json or path is called", () => {
    expect(run("$input.body", { body: "{a" })).toBe("{a");
  });

  test("deep scan and slices give a list (Jayway's README: `$..author` all authors, `$..book[-2:]` the last two)", () => {
    expect(run("$input.json('$..type') $input.json('$.pets[-2:].id') $input.path('$.pets[0,2].type')", { body: pets })).toBe(
      '["dog","cat","fish"] [2,3] ["dog","fish"]',
    );
  });

  test("unsupported JSONPath syntax fails loudly instead of selecting nothing", () => {
    expect(() => run("$input.json('$.pets.length()')", { body: pets })).toThrow('JSONPath "$.pets.length()": functions (length()) are not supported');
    expect(() => run("$input.json('$.pets[?(@.id)]')", { body: pets })).toThrow("unsupported selector [?(@.id)]");
  });
});

describe("$input.path(x): the object at a JSONPath, for VTL to navigate", () => {
  test("#foreach iterates a JSON array; size() counts it", () => {
    expect(run("#foreach($pet in $input.path('$.pets'))$pet.type:$pet.price;#end|$input.path('$.pets').size()", { body: pets })).toBe(
      "dog:249.99;cat:124.99;fish:0.99;|3",
    );
  });

  test("a map prints Java-style, a JSON array as JSON, a string as itself (as in API Gateway)", () => {
    expect(run("$input.path('$.pets[0]')", { body: pets })).toBe("{id=1, type=dog, price=249.99}");
    expect(run("$input.path('$.pets[*].type')", { body: pets })).toBe('["dog","cat","fish"]');
    expect(run("$input.path('$')", { body: '{"a": 1, "b": [{"c": 5}]}' })).toBe('{a=1, b=[{"c":5}]}');
    expect(run("$input.path('$.owner.name')", { body: pets })).toBe("Ana");
  });

  test("a path selecting nothing is null: it renders as nothing and is false in #if", () => {
    expect(run("[$input.path('$.missing')]#if($input.path('$.missing'))yes#{else}no#end", { body: pets })).toBe("[]no");
  });

  test("an empty payload is an empty map", () => {
    expect(run("$input.path('$').size()|$input.path('$')")).toBe("0|{}");
  });

  test("it is a live view of the payload: a change made through it shows in $input.json", () => {
    const template = "#set($b = $input.path('$'))#set($b.url = \"https://example.com/items/$b.id\")$input.json('$')";
    expect(run(template, { body: '{"id": 7}' })).toBe('{"id":7,"url":"https://example.com/items/7"}');
  });
});

describe("$input.body", () => {
  test("is the raw payload, untouched", () => {
    const body = '{ "a" :\n 1, "s": "it\'s" }';
    expect(run("$input.body", { body })).toBe(body);
    expect(run("$input.body", { body: "<xml a='1'/>" })).toBe("<xml a='1'/>");
  });

  test("an empty payload reads as {} (AWS replaces an empty body with {} in templates)", () => {
    expect(run("[$input.body]")).toBe("[{}]");
    expect(run("[$input.body]", { body: "" })).toBe("[{}]");
  });
});

describe("$input.params()", () => {
  const request: TemplateRequest = {
    pathParameters: { id: "p-1" },
    queryString: { q: "term", tag: ["a", "b"] },
    headers: { Accept: "application/json", "X-Trace": "t-1" },
  };

  // The order of its keys, recorded from AWS: Java functions behind AWS's "Method Request passthrough" template
  // printed their event as `params={path={}, querystring={q1=Fred, q2=Perry}, header={}}` (a test invoke in the
  // simplyserverless example1 Request.java) and `params={path={}, querystring={boo=2, hello=true}, header={Accept=*/*,
  // CloudFront-Forwarded-Proto=https, ...}}` (a deployed API); the same order in yyolk/api-gateway-payload-parse.
  test("$input.params() is the map of path, querystring and header parameters, in that order", () => {
    expect(run("$input.params()", request)).toBe("{path={id=p-1}, querystring={q=term, tag=b}, header={Accept=application/json, X-Trace=t-1}}");
    expect(run("$input.params().path.id|$input.params().querystring.get('q')|$input.params().header.get('X-Trace')|$input.params().keySet()", request)).toBe(
      "p-1|term|t-1|[path, querystring, header]",
    );
  });

  test("AWS's pass-all-parameters template produces the parameters as JSON", () => {
    const template = `#set($allParams = $input.params())
{
  "params" : {
    #foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
    "$type" : {
      #foreach($paramName in $params.keySet())
      "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
      #if($foreach.hasNext),#end
      #end
    }
    #if($foreach.hasNext),#end
    #end
  }
}`;
    const out = JSON.parse(run(template, request)) as { params: Record<string, unknown> };
    expect(out).toEqual({
      params: {
        path: { id: "p-1" },
        querystring: { q: "term", tag: "b" },
        header: { Accept: "application/json", "X-Trace": "t-1" },
      },
    });
    expect(Object.keys(out.params)).toEqual(["path", "querystring", "header"]);
  });

  test("$input.params(x) looks in the path, then the query string, then the headers", () => {
    const all: TemplateRequest = { pathParameters: { id: "from-path" }, queryString: { id: "from-query" }, headers: { id: "from-header" } };
    expect(run("$input.params('id')", all)).toBe("from-path");
    expect(run("$input.params('id')", { ...all, pathParameters: {} })).toBe("from-query");
    expect(run("$input.params('id')", { headers: { id: "from-header" } })).toBe("from-header");
  });

  test("header names match whatever their case; a repeated query parameter gives its last value", () => {
    expect(run("$input.params('x-trace')|$input.params('ACCEPT')", request)).toBe("t-1|application/json");
    expect(run("$input.params('tag')", request)).toBe("b");
  });

  test("a missing parameter is an empty string (not null: #if sees it as true, as in Velocity 1.7)", () => {
    expect(run("[$input.params('nope')]#if($input.params('nope') == '')empty#end#if($input.params('nope'))|true#end", request)).toBe("[]empty|true");
  });

  test("values keep their characters (they arrive URL-decoded)", () => {
    const odd = { queryString: { q: `50% "off" + it's <b>&amp; \u00e9` } };
    expect(run("$input.params('q')", odd)).toBe(`50% "off" + it's <b>&amp; \u00e9`);
  });
});
