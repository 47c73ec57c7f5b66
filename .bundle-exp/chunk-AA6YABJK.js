import {
  Option,
  positiveInt
} from "./chunk-TJWVONZY.js";

// dist/cli/run-options.js
import { availableParallelism } from "node:os";
function addHelmOption(command) {
  return command.option("--helm-binary <path>", "the helm binary, v3 or v4 (default: $RELEASES_HELM, else helm)");
}
function addRunOptions(command, { recover = true } = {}) {
  addHelmOption(command).option("--concurrency <n>", "releases deployed at once", positiveInt("--concurrency"), 4).option("--fail-fast", "start nothing new after the first failure", false).option("--lock-timeout <seconds>", "wait this long for another run that holds the same releases", positiveInt("--lock-timeout"), 60).option("--lock-duration <seconds>", "how long the lock stays valid without renewal (renewed every third of it)", positiveInt("--lock-duration"), 60).option("--lock-namespace <namespace>", "where the lock's Lease lives (default: defaults.lockNamespace)");
  if (recover) {
    command.addOption(new Option("--recover <mode>", "recover releases stuck in a pending state").choices([
      "rollback",
      "uninstall"
    ]));
  }
  return command.option("--identity <who>", "who the run's record names (default: $RELEASES_IDENTITY, else user@host)").option("--no-record", "keep no record of this run in the cluster (it cannot be undone by rollback)");
}
function addRenderConcurrency(command) {
  return command.option("--concurrency <n>", "helm processes at once (default: the number of CPUs)", positiveInt("--concurrency"), availableParallelism());
}

export {
  addHelmOption,
  addRunOptions,
  addRenderConcurrency
};
