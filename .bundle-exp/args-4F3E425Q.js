import {
  FINGERPRINT_LABEL,
  SECRETS_LABEL,
  chartArgs,
  checkHelmSupport,
  clusterArgs,
  dependencyBuildArgs,
  dryRunArgs,
  getManifestArgs,
  historyArgs,
  lintArgs,
  pullArgs,
  releaseTarget,
  rollbackArgs,
  templateArgs,
  testArgs,
  uninstallArgs,
  upgradeArgs
} from "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  FINGERPRINT_LABEL,
  SECRETS_LABEL,
  chartArgs,
  checkHelmSupport,
  clusterArgs,
  dependencyBuildArgs,
  dryRunArgs,
  getManifestArgs,
  historyArgs,
  lintArgs,
  pullArgs,
  releaseTarget,
  rollbackArgs,
  templateArgs,
  testArgs,
  uninstallArgs,
  upgradeArgs
};
