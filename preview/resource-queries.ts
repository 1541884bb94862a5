import type { RecordedResource } from "./mocks";

/** Lookups over what a program registered. */
export interface ResourceQueries {
  ofType(type: string): RecordedResource[];
  /** The one resource of `type` named `name`; throws listing what exists otherwise. */
  get(type: string, name: string): RecordedResource;
  parentOf(resource: RecordedResource): RecordedResource | undefined;
}

/** The lookups over `resources` (read when a lookup runs: the list may still grow). */
export function resourceQueries(resources: readonly RecordedResource[]): ResourceQueries {
  return {
    ofType: (type) => resources.filter((r) => r.type === type),
    get(type, name) {
      const found = resources.filter((r) => r.type === type && r.name === name);
      if (found.length !== 1) {
        const names = resources.filter((r) => r.type === type).map((r) => r.name);
        throw new Error(`expected one ${type} named ${name}, found ${found.length}; there are: ${names.join(", ")}`);
      }
      return found[0] as RecordedResource;
    },
    parentOf: (resource) => resources.find((r) => r.urn === resource.parentUrn),
  };
}
