/**
 * Under mocks, packages load at their first use that the SDKs load at once and a run under mocks does
 * not use. @pulumi/pulumi's index loads two for its closure serialization (`pulumi.runtime.serializeFunction`,
 * for callback functions): TypeScript's compiler, to parse a function's text, and @npmcli/arborist, to
 * find the packages a closure needs (together about 0.4 s of CPU). @pulumi/awsx's index loads
 * `awsx.classic`, the older components with the ECS client they use, which registers nothing and which
 * this program does not use (about 0.2 s); the program's `awsx.ec2` loads as before. Imported before
 * the SDKs (by preview/run-program.ts and mocks.ts: `pulumi up` is unchanged), this module gives the
 * SDKs' modules an object in their place that requires the real module the first time one of its
 * properties is read.
 */
import * as path from "path";
import Module from "module";

type Load = (request: string, parent: NodeModule | undefined, isMain: boolean) => unknown;

const PACKAGES = path.join("node_modules", "@pulumi") + path.sep;
/** By what requires it (a path below node_modules/@pulumi/, a folder ending in a separator or a file): what loads at first use. */
const DEFERRED: readonly (readonly [parent: string, request: string])[] = [
  [path.join("pulumi", "runtime", "closure") + path.sep, "../../typescript-shim"],
  [path.join("pulumi", "runtime", "closure") + path.sep, "@npmcli/arborist"],
  [path.join("awsx", "index.js"), "./classic"],
];

function isDeferred(request: string, parent: NodeModule | undefined): boolean {
  const at = parent?.filename.lastIndexOf(PACKAGES) ?? -1;
  if (at < 0) return false;
  const below = (parent as NodeModule).filename.slice(at + PACKAGES.length);
  return DEFERRED.some(([where, what]) => what === request && (where.endsWith(path.sep) ? below.startsWith(where) : below === where));
}

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
    if (isDeferred(request, parent)) {
      return deferred(() => load.call(this, request, parent, false) as Record<string | symbol, unknown>);
    }
    return load.call(this, request, parent, isMain);
  };
}
