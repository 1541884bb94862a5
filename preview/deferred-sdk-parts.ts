/**
 * Under mocks, packages that the SDKs load at once and a run under mocks does not use load at their
 * first use. @pulumi/pulumi's index loads, for its closure serialization (`pulumi.runtime.serializeFunction`,
 * for callback functions), TypeScript's compiler to parse a function's text, and @npmcli/arborist and
 * normalize-package-data to find the packages a closure needs (together about 0.4 s of CPU); for its
 * automation API, js-yaml. @pulumi/awsx's index loads `awsx.classic`, the older components with the
 * ECS client they use, which registers nothing and which this program does not use (about 0.2 s); the
 * program's `awsx.ec2` loads as before. Imported before the SDKs (by preview/run-program.ts and
 * mocks.ts: `pulumi up` is unchanged), this module gives the SDKs' modules an object in their place
 * that requires the real module the first time it is used.
 */
import * as path from "path";
import Module from "module";

type Load = (request: string, parent: NodeModule | undefined, isMain: boolean) => unknown;

const PACKAGES = path.join("node_modules", "@pulumi") + path.sep;
const CLOSURE = path.join("pulumi", "runtime", "closure") + path.sep;

interface Deferred {
  /** What requires it: a path below node_modules/@pulumi/, a folder (ending in a separator) or a file. */
  readonly parent: string;
  readonly request: string;
  /** Taken through `__importDefault` (a CommonJS module whose value is used): it must not say it is an ES module. */
  readonly asDefault?: true;
}

const DEFERRED: readonly Deferred[] = [
  { parent: CLOSURE, request: "../../typescript-shim" },
  { parent: CLOSURE, request: "@npmcli/arborist" },
  { parent: CLOSURE, request: "normalize-package-data", asDefault: true },
  { parent: path.join("pulumi", "automation", "localWorkspace.js"), request: "js-yaml" },
  { parent: path.join("awsx", "index.js"), request: "./classic" },
];

function deferredAs(request: string, parent: NodeModule | undefined): Deferred | undefined {
  const at = parent?.filename.lastIndexOf(PACKAGES) ?? -1;
  if (at < 0) return undefined;
  const below = (parent as NodeModule).filename.slice(at + PACKAGES.length);
  return DEFERRED.find((d) => d.request === request && (d.parent.endsWith(path.sep) ? below.startsWith(d.parent) : below === d.parent));
}

const INSTALLED = Symbol.for("microservice-gateway.deferred-sdk-parts");

/**
 * The module, loaded when a property is first read (or, for a module that is a function, when it is
 * called). Unless taken as a default, it says it is an ES module, so the SDK's `__importStar` keeps it as
 * it is rather than copying its properties (which would load it).
 */
function deferred(load: () => Record<string | symbol, unknown>, asDefault: boolean): object {
  let loaded: Record<string | symbol, unknown> | undefined;
  const real = () => (loaded ??= load());
  return new Proxy(function deferredModule() {}, {
    get: (_target, key) => (key === "__esModule" ? (asDefault ? undefined : true) : real()[key]),
    has: (_target, key) => key in real(),
    apply: (_target, self, args) => Reflect.apply(real() as unknown as (...a: unknown[]) => unknown, self, args),
  });
}

const registry = globalThis as { [INSTALLED]?: true };
if (!registry[INSTALLED]) {
  registry[INSTALLED] = true;
  const internals = Module as unknown as { _load: Load };
  const load = internals._load;
  internals._load = function loadDeferred(this: unknown, request, parent, isMain) {
    const how = deferredAs(request, parent);
    if (how) return deferred(() => load.call(this, request, parent, false) as Record<string | symbol, unknown>, how.asDefault === true);
    return load.call(this, request, parent, isMain);
  };
}
