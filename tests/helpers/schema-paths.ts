/**
 * Every key path a zod object schema accepts, as the configuration reference writes them:
 * `stages.<*>.cache.sizeGb`, `routes[].method`. A record's keys are `<*>`, an array's items `[]`; the
 * alternatives of a union each add their own keys. Only the leaves and the objects are listed.
 */
interface ZodNode {
  readonly _zod: { readonly def: Record<string, unknown> & { readonly type: string } };
}

export function schemaPaths(schema: unknown, prefix = ""): string[] {
  const def = (schema as ZodNode)._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
    case "nonoptional":
      return schemaPaths(def.innerType, prefix);
    case "pipe":
      return schemaPaths(def.in, prefix);
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      return Object.entries(shape).flatMap(([key, child]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        return [path, ...schemaPaths(child, path).filter((p) => p !== path)];
      });
    }
    case "record":
      return schemaPaths(def.valueType, `${prefix}.<*>`).concat(`${prefix}.<*>`);
    case "array":
      return schemaPaths(def.element, `${prefix}[]`).concat(`${prefix}[]`);
    case "union":
      return [...new Set((def.options as unknown[]).flatMap((o) => schemaPaths(o, prefix)))];
    case "intersection":
      return [...schemaPaths(def.left, prefix), ...schemaPaths(def.right, prefix)];
    default:
      return [prefix];
  }
}

/** `functions.<key>.aliases.<NAME>` and `functions.<*>.aliases.<*>` name the same path. */
export const normalizePath = (path: string): string => path.replace(/<[^>]+>/g, "<*>");
