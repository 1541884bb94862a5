import * as path from "path";

/** The repository's folders the program reads from, in one place. */
export const REPO_ROOT = path.resolve(__dirname, "..");
export const FUNCTIONS_DIR = path.join(REPO_ROOT, "functions");
export const TEMPLATES_DIR = path.join(REPO_ROOT, "templates");
export const STATE_MACHINES_DIR = path.join(REPO_ROOT, "statemachines");
