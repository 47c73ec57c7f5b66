import {
  addRepositories,
  prepareRepositories,
  repositoryCredentials,
  usedRepositories
} from "./chunk-WVLY2SAW.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  addRepositories,
  prepareRepositories,
  repositoryCredentials,
  usedRepositories
};
