// Loaded by tests/scripts/help.test.ts through NODE_OPTIONS=--require: when the process exits, writes
// the files it loaded (require.cache) to LOADED_MODULES_FILE as a JSON array.
"use strict";
const fs = require("fs");

const file = process.env.LOADED_MODULES_FILE;
if (file) process.once("exit", () => fs.writeFileSync(file, JSON.stringify(Object.keys(require.cache))));
