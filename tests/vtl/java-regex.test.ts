import { compileJavaRegex, javaMatches, javaReplaceAll, javaReplaceFirst, javaSplit } from "../../vtl/java-regex";

describe("Java regular expressions on strings", () => {
  test("replaceAll: $n and ${name} groups, \\ quotes the next character, zero-width matches", () => {
    expect(javaReplaceAll("2024-01-31", "(\\d+)-(\\d+)-(\\d+)", "$3/$2/$1")).toBe("31/01/2024");
    expect(javaReplaceAll("a1b2", "(?<d>\\d)", "<${d}>")).toBe("a<1>b<2>");
    expect(javaReplaceAll("cost 5", "(\\d)", "\\$$1")).toBe("cost $5");
    expect(javaReplaceAll("it\\'s", "\\\\'", "'")).toBe("it's");
    expect(javaReplaceAll("abc", "x*", "-")).toBe("-a-b-c-");
    expect(javaReplaceAll("a1", "(\\d)", "$10")).toBe("a10");
  });

  test("replaceFirst replaces one match", () => {
    expect(javaReplaceFirst("a.b.c", "\\.", "/")).toBe("a/b.c");
    expect(javaReplaceFirst("none", "x", "y")).toBe("none");
  });

  test("bad replacement strings fail as in Java", () => {
    expect(() => javaReplaceAll("a1", "(\\d)", "$2")).toThrow("no group 2");
    expect(() => javaReplaceAll("a1", "\\d", "x\\")).toThrow("character to be escaped is missing");
    expect(() => javaReplaceAll("a1", "\\d", "$x")).toThrow("illegal group reference");
  });

  test("matches needs the whole input, even when an alternative matches a prefix", () => {
    expect(javaMatches("ab", "a|ab")).toBe(true);
    expect(javaMatches("abc", "a|ab")).toBe(false);
    expect(javaMatches("line1\nline2", "(?s).*line2")).toBe(true);
    expect(javaMatches("line1\nline2", ".*line2")).toBe(false);
    expect(javaMatches("ABC", "(?i)abc")).toBe(true);
    expect(javaMatches("a.b", "\\Qa.b\\E")).toBe(true);
    expect(javaMatches("axb", "\\Qa.b\\E")).toBe(false);
  });

  test("split: trailing empty strings dropped (limit 0), kept with a negative limit, capped by a positive one", () => {
    expect(javaSplit("a,b,,c,,", ",")).toEqual(["a", "b", "", "c"]);
    expect(javaSplit("a,b,,c,,", ",", -1)).toEqual(["a", "b", "", "c", "", ""]);
    expect(javaSplit("a,b,,c,,", ",", 2)).toEqual(["a", "b,,c,,"]);
    expect(javaSplit(",a", ",")).toEqual(["", "a"]);
    expect(javaSplit("abc", "")).toEqual(["a", "b", "c"]);
    expect(javaSplit("", ",")).toEqual([""]);
    expect(javaSplit("x", ",")).toEqual(["x"]);
    expect(javaSplit("a1b22c", "\\d+")).toEqual(["a", "b", "c"]);
  });

  test("anchors \\A and \\z, and Java-only syntax that is refused", () => {
    expect(javaReplaceAll("aa\naa", "\\Aa", "X")).toBe("Xa\naa");
    expect(javaReplaceAll("aa\naa", "a\\z", "X")).toBe("aa\naX");
    expect(() => compileJavaRegex("a++")).toThrow("possessive quantifiers are not supported");
    expect(() => compileJavaRegex("(?>a)")).toThrow("atomic groups are not supported");
    expect(() => compileJavaRegex("\\p{Alpha}")).toThrow("\\p is not supported");
    expect(() => compileJavaRegex("[a-z&&[^e]]")).toThrow("class intersection && is not supported");
    expect(() => compileJavaRegex("a(?i)b")).toThrow("inline flags are only supported at the start");
    expect(compileJavaRegex("\\++").test("++")).toBe(true);
    expect(compileJavaRegex("[]a]").test("]")).toBe(true);
  });
});
