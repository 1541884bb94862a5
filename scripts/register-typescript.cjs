/**
 * `node -r ./scripts/register-typescript.cjs <file.ts>`: runs this repository's TypeScript in Node,
 * compiled by swc with the options the tests use (jest.config.js), one file at a time as it is required.
 * Only `.ts` files go through it: tsx hooked every module Node loaded, @pulumi/aws's included, which
 * cost about 1.2 s of CPU on every command (prod preview: 3.5 s with tsx, 2.3 s with this hook).
 * Types are checked by `npm run typecheck`, not here.
 */
"use strict";
const fs = require("fs");
const swc = require("@swc/core");

const OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  // Inline, so that `node --enable-source-maps` and debuggers (`node --inspect`) show the TypeScript.
  sourceMaps: "inline",
};

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, "utf8"), { ...OPTIONS, filename });
  module._compile(code, filename);
};
