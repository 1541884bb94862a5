// The hash lives beside the program's other runners: the local twin keys its captures by it too.
export { REPO_ROOT, forgetRepositoryModules, programSourcesHash } from "../../preview/program-sources";
