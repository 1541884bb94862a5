/**
 * @pulumi/pulumi's index loads, at once, two large packages that only its closure serialization uses
 * (`pulumi.runtime.serializeFunction`, for callback functions): TypeScript's compiler, to parse a
 * function's text, and @npmcli/arborist, to find the packages a closure needs. They are about 0.4 s of
 * the 2.2 s of CPU of a preview of prod, and a run under mocks never serializes a closure. Imported
 * before @pulumi/pulumi, this module has them load at their first use instead: the SDK's closure
 * modules get an object that requires the real module the first time one of its properties is read.
 */
import * as path from "path";
import Module from "module";

type Load = (request: string, parent: NodeModule | undefined, isMain: boolean) => unknown;

const CLOSURE_FOLDER = path.join("node_modules", "@pulumi", "pulumi", "runtime", "closure") + path.sep;
/** What the closure modules require at load time and use only when a closure is serialized. */
const DEFERRED = new Set(["../../typescript-shim", "@npmcli/arborist"]);
const INSTALLED = Symbol.for("microservice-gateway.deferred-sdk-parts");

/**
 * The module, loaded when a property is first read. It says it is an ES module, so the SDK's
 * `__importStar` keeps it as it is rather than copying its properties (which would load it).
 */
function deferred(load: () => Record<string | symbol, unknown>): object {
  let loaded: Record<string | symbol, unknown> | undefined;
  return new Proxy(
    {},
    {
      get: (_target, key) => (key === "__esModule" ? true : (loaded ??= load())[key]),
      has: (_target, key) => key in (loaded ??= load()),
    },
  );
}

const registry = globalThis as { [INSTALLED]?: true };
if (!registry[INSTALLED]) {
  registry[INSTALLED] = true;
  const internals = Module as unknown as { _load: Load };
  const load = internals._load;
  internals._load = function loadDeferred(this: unknown, request, parent, isMain) {
    if (DEFERRED.has(request) && parent?.filename.includes(CLOSURE_FOLDER)) {
      return deferred(() => load.call(this, request, parent, false) as Record<string | symbol, unknown>);
    }
    return load.call(this, request, parent, isMain);
  };
}
