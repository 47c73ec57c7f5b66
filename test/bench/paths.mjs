// Where the deploy benchmarks find the repository, the built CLI and the timed chart.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const cli = join(root, "dist/cli/main.js");
/** A chart whose pods become ready after `readyAfter` (a value), on the kwok cluster. */
export const chart = join(root, "test/bench/charts/timed");
