import * as path from "path";
import { REPO_ROOT } from "../../preview/program-sources";

// The hash lives beside the program's other runners: the local twin keys its captures by it too.
export { REPO_ROOT, programSourcesHash } from "../../preview/program-sources";

/**
 * For several programs in one process: the repository's own modules (and the programs under tests/) are
 * loaded afresh for the next, as in a process of its own; dependencies stay loaded.
 */
export function forgetRepositoryModules(): void {
  const dependencies = `${path.sep}node_modules${path.sep}`;
  for (const id of Object.keys(require.cache)) if (id.startsWith(REPO_ROOT + path.sep) && !id.includes(dependencies)) delete require.cache[id];
}
