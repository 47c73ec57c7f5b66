#!/usr/bin/env node

// dist/cli/main.js
import module from "node:module";
module.enableCompileCache?.();
var { processIO } = await import("./io-XVHGKD5L.js");
var { runCli } = await import("./program-UU6JAE3U.js");
process.exitCode = await runCli(process.argv.slice(2), processIO());
