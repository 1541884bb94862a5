import { render } from "../../vtl";
import type { TemplateRequest } from "../../vtl";

/**
 * `#foreach`, `#break`, `#stop` and macro calls as Velocity 1.7 (API Gateway's engine) runs them.
 *
 * Sources: Velocity `Break` directive ("throws a BreakException ... which signals foreach directive to
 * break out of the loop": nothing after it in the loop body renders); `ASTStop` ("Do not output
 * anything, just shut off the rendering"); Velocity 1.7 `ForeachScope` ("adding index, count, hasNext,
 * isFirst and isLast info"); Velocity 1.7's default `velocity.properties`
 * (`directive.foreach.counter.name = velocityCount`, `directive.foreach.counter.initial.value = 1`,
 * `directive.foreach.iterator.name = velocityHasNext`, `velocimacro.arguments.strict = false`).
 */
const body = JSON.stringify({ items: [{ id: "a" }, { id: "b", last: true }, { id: "c" }], tags: { x: 1, y: 2 } });
const run = (template: string, request: TemplateRequest = { body }): string => render(template, request);

describe("#break", () => {
  test("ends the loop at once: the rest of the iteration does not render, also from inside an #if", () => {
    expect(run("#foreach($i in [1, 2, 3])#if($i == 2)#break#end$i,#end.")).toBe("1,.");
    expect(run("#foreach($item in $input.path('$.items'))$item.id#if($item.last)#break#end;#end|")).toBe("a;b|");
  });

  test("ends only the innermost loop; the outer one goes on", () => {
    expect(run("#foreach($i in [1, 2])#foreach($j in [1, 2, 3])#if($j == 2)#break#end$i$j,#end;#end.")).toBe("11,;21,;.");
  });

  test("#break($foreach) names the innermost loop", () => {
    expect(run("#foreach($i in [1, 2, 3])$i#if($i == 2)#break($foreach)#end#end.")).toBe("12.");
  });

  test("a #break in a loop over a map ends that loop only", () => {
    expect(run("#foreach($v in $input.path('$.tags'))$v#break#end after #foreach($v in $input.path('$.tags'))$v#end")).toBe("1 after 12");
  });
});

describe("#stop", () => {
  test("ends the rendering, written with or without parentheses or in braces", () => {
    expect(run("a#stop b")).toBe("a");
    expect(run("#foreach($i in [1, 2, 3])$i#if($i == 2)#{stop}#end#end after")).toBe("12");
    expect(run("a#stop() b")).toBe("a");
  });

  test("only the directive: #stopped and a string holding #stop are text", () => {
    expect(run("#set($s = 'x #stop y')$s #stopped")).toBe("x #stop y #stopped");
  });
});

describe("#foreach loop variables", () => {
  test("$foreach.first, .last, .index, .count, .hasNext", () => {
    expect(run("#foreach($i in ['a', 'b', 'c'])$i:$foreach.first/$foreach.last/$foreach.index/$foreach.count/$foreach.hasNext #end")).toBe(
      "a:true/false/0/1/true b:false/false/1/2/true c:false/true/2/3/false ",
    );
  });

  test("$velocityCount counts from 1 and $velocityHasNext tells whether another item follows", () => {
    expect(run("#foreach($k in $input.path('$.tags').keySet())$velocityCount=$k#if($velocityHasNext),#end#end")).toBe("1=x,2=y");
  });
});

describe("macros", () => {
  test("a macro called with fewer arguments than it declares sees the missing ones as null", () => {
    expect(run('#macro(pair $a $b)[$a|$b]#end#pair()#pair("z")#pair("y" "x")')).toBe("[|][z|][y|x]");
  });
});
