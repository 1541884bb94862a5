import { render, VtlError } from "../../vtl";
import type { TemplateRequest } from "../../vtl";

const run = (template: string, request: TemplateRequest = {}): string => render(template, request);

describe("references render as API Gateway renders them", () => {
  test("null and undefined references render as nothing, with or without $!", () => {
    expect(run("[$nope][$!nope][$nope.deep.path][${nope}][$context.identity.apiKey][$input.path('$.x')]")).toBe("[][][][][][]");
  });

  test("values print as Java's toString(): maps {k=v}, lists [a, b], JSON arrays as JSON", () => {
    expect(run('#set($m = {"a": 1, "b": [1, "x"], "c": {"d": true}})$m')).toBe("{a=1, b=[1, x], c={d=true}}");
    expect(run('#set($l = [1, "two", 3.5])$l')).toBe("[1, two, 3.5]");
    expect(run("$input.path('$.a')", { body: '{"a": [1, "two", {"b": null}]}' })).toBe('[1,"two",{"b":null}]');
    expect(run("#set($n = 10)$n #set($f = 2.5)$f #set($t = true)$t")).toBe("10 2.5 true");
  });
});

describe("Velocity 1.7 semantics where velocityjs (JavaScript) differs", () => {
  test("#if is false only for null and false: an empty string and 0 are true", () => {
    expect(run('#if("")T#{else}F#end #if(0)T#{else}F#end #if(false)T#{else}F#end #if($nope)T#{else}F#end #if("false")T#{else}F#end')).toBe("T T F F T");
    expect(run("#if($input.path('$.f'))T#{else}F#end", { body: '{"f": false}' })).toBe("F");
  });

  test("&&, || and ! use the same truthiness", () => {
    expect(run('#if("" && 0)T#{else}F#end #if($nope || "")T#{else}F#end #if(!"")T#{else}F#end #if(!$nope)T#{else}F#end')).toBe("T T F T");
  });

  test("== compares numbers by value, equal types by equals, other types by their text", () => {
    expect(run('#if(1 == "1")T#{else}F#end #if("" == 0)T#{else}F#end #if($nope == "")T#{else}F#end #if($nope == $other)T#{else}F#end')).toBe("T F F T");
    expect(run('#set($a = [1, 2])#set($b = [1, 2])#if($a == $b)T#{else}F#end #if(2 == 2.0)T#{else}F#end #if("a" != "b")T#{else}F#end')).toBe("T T T");
  });

  test("integer division and remainder; division by zero is null; + concatenates with a string", () => {
    expect(run("#set($a = 5 / 2)$a #set($b = 5.5 / 2)$b #set($c = 7 % 3)$c #set($d = -7 / 2)$d #set($e = 2 * 3 - 1)$e")).toBe("2 2.75 1 -3 5");
    expect(run('#set($x = 1)#set($x = 1 / 0)$x #set($s = "a" + 1)$s #set($list = [1, 2])#set($l = "n=" + $list)$l')).toBe("1 a1 n=[1, 2]");
  });

  test("#set with a null right-hand side leaves the variable unchanged (the #foreach trap)", () => {
    expect(run("#set($x = 'a')#set($x = $input.path('$.missing'))$x", { body: "{}" })).toBe("a");
    expect(run("#foreach($i in $input.path('$.items'))#set($n = $i.n)$n;#end", { body: '{"items": [{"n": "a"}, {}, {"n": "c"}]}' })).toBe("a;a;c;");
  });

  test("#foreach sets $foreach.index, .count and .hasNext, iterates a map's values and a range", () => {
    expect(run('#foreach($v in ["a", "b"])$foreach.index/$foreach.count/$foreach.hasNext/$v #end')).toBe("0/1/true/a 1/2/false/b ");
    expect(run('#set($m = {"k1": "x", "k2": "y"})#foreach($v in $m)$v#end #foreach($i in [1..3])$i#end')).toBe("xy 123");
  });

  test("macros and #define work", () => {
    expect(run('#macro(tag $name)<$name/>#end#tag("a")#tag("b") #define($d)D=$x#end#set($x = 1)$d')).toBe("<a/><b/> D=1");
  });

  test("a newline after a directive is dropped, other text is kept", () => {
    expect(run("a\n#set($x = 1)\nb $x\n#if(true)\nc\n#end\nd")).toBe("a\nb 1\nc\nd");
  });
});

describe("Java methods on values", () => {
  const body = JSON.stringify({ s: "  Hello, World  ", csv: "a,b,,c,,", list: [1, "two"], map: { k: "v", n: 2 } });

  test("String: length, isEmpty, trim, case, contains, startsWith, endsWith, indexOf, charAt, substring, equals", () => {
    const template = [
      "#set($s = $input.path('$.s'))",
      "$s.length()|$s.isEmpty()|[$s.trim()]|$s.trim().toUpperCase()|$s.toLowerCase().trim()|$s.contains('World')",
      "|$s.trim().startsWith('Hell')|$s.endsWith('d  ')|$s.indexOf('o')|$s.lastIndexOf('o')|$s.charAt(2)|$s.substring(2, 7)|$s.trim().equals('Hello, World')",
    ].join("\n");
    expect(run(template, { body })).toBe("16|false|[Hello, World]|HELLO, WORLD|hello, world|true\n|true|true|6|10|H|Hello|true");
  });

  test("String.replace replaces every occurrence literally; replaceAll/replaceFirst take a regex and $1", () => {
    expect(run("#set($s = 'a.b.c')$s.replace('.', '-')|$s.replaceAll('\\.', '/')|$s.replaceFirst('(\\w)\\.', '$1:')|$s.replace('', '|')")).toBe(
      "a-b-c|a/b/c|a:b.c||a|.|b|.|c|",
    );
  });

  test("String.split drops trailing empty strings, as Java does; matches needs the whole string", () => {
    expect(run("#set($p = $input.path('$.csv').split(','))$p.size() $p", { body })).toBe("4 [a, b, , c]");
    expect(run("#set($s = 'abc123')$s.matches('[a-z]+\\d+')|$s.matches('[a-z]+')|$s.matches('(?i)ABC\\d{3}')")).toBe("true|false|true");
  });

  test("List: size, get, contains, indexOf, isEmpty, add", () => {
    expect(
      run("#set($l = $input.path('$.list'))$l.size()|$l.get(1)|$l.contains('two')|$l.contains('1')|$l.indexOf(1)|$l.isEmpty()#set($ok = $l.add(3))|$l", {
        body,
      }),
    ).toBe('2|two|true|false|0|false|[1,"two",3]');
  });

  test("Map: get, containsKey, keySet, values, entrySet, put, remove, size", () => {
    const template =
      "#set($m = $input.path('$.map'))$m.get('k')|$m.containsKey('n')|$m.keySet()|$m.values()|#foreach($e in $m.entrySet())$e.key=$e.value,$e.getKey()#end" +
      "#set($old = $m.put('k', 'w'))|$old|$m.size()#set($gone = $m.remove('n'))|$gone|$m";
    expect(run(template, { body })).toBe("v|true|[k, n]|[v, 2]|k=v,kn=2,n|v|2|2|{k=w}");
  });

  test("an index out of range fails like Java, naming the method and line", () => {
    expect(() => run("ok\n$input.path('$.s').substring(3, 99)", { body })).toThrow(
      'VTL render error in template "<inline>" at line 2: String.substring(): index out of bounds (begin 3, end 99, length 16)',
    );
    expect(() => run("$input.path('$.list').get(5)", { body })).toThrow("JSONArray.get(): index out of bounds (index 5, size 2)");
  });

  test("a method this engine does not emulate fails instead of silently rendering nothing", () => {
    expect(() => run("$input.path('$.list').count()", { body })).toThrow(
      'VTL render error in template "<inline>" at line 1: JSONArray.count() is not emulated',
    );
    expect(() => run("#set($s = 'x')\n\n$s.getBytes()")).toThrow("at line 3: String.getBytes() is not emulated");
    expect(() => run("#set($s = 'x')$s.contains(1)")).toThrow("String.contains(): argument 1 must be a string, got Integer");
  });
});

describe("errors name the template and the line", () => {
  test("a syntax error", () => {
    expect(() => render("line 1\nline 2\n#set($a = )\n", {}, { templateName: "broken.vtl" })).toThrow(
      new VtlError("syntax", "broken.vtl", 'unexpected ")"', 3),
    );
    expect(() => render("line 1\nline 2\n#set($a = )\n", {}, { templateName: "broken.vtl" })).toThrow(
      'VTL syntax error in template "broken.vtl" at line 3: unexpected ")"',
    );
  });

  test("the error carries its kind, template, line and detail", () => {
    let caught: unknown;
    try {
      render("{\n  #foreach($x $list)\n#end", {}, { templateName: "loop.vtl" });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(VtlError);
    const error = caught as VtlError;
    expect([error.kind, error.templateName, error.line, error.detail]).toEqual(["syntax", "loop.vtl", 2, 'unexpected "$", expecting "in"']);
  });

  test("an unterminated string, an unclosed block, a stray #end", () => {
    expect(() => run('a\nb\n#set($a = "x)')).toThrow(
      'VTL syntax error in template "<inline>" at line 3: unrecognized text (an unterminated string or a stray character)',
    );
    expect(() => run("a\n#if($x)\nb\n#foreach($i in $l)\nc\n#end")).toThrow('VTL syntax error in template "<inline>" at line 2: #if is never closed with #end');
    expect(() => run("a\n#if($x)b#end\n#end")).toThrow(
      'VTL syntax error in template "<inline>" at line 3: #end without a matching #if, #foreach, #macro or #define',
    );
    expect(() => run("#if($x")).toThrow('VTL syntax error in template "<inline>" at line 1: unexpected end of template');
  });
});
