#!/usr/bin/env node
// V8's compile cache (Node ≥ 22.1) keeps the bytecode of our modules and their
// dependencies between runs: every command starts about 100 ms sooner. It holds
// code only, in $NODE_COMPILE_CACHE or <tmpdir>/node-compile-cache.
import module from "node:module";

module.enableCompileCache?.();
const argv = process.argv.slice(2);
// Commands that reach a cluster start the Kubernetes client's worker first
// thing: its import then runs on the other core while ours load.
const { reachesCluster, startKubeWorker } = await import("../kube/cluster.js");
const kube = reachesCluster(argv) ? startKubeWorker() : undefined;
const { processIO } = await import("./io.js");
const { runCli } = await import("./program.js");
process.exitCode = await runCli(argv, processIO(kube));
