import {
  parseYaml
} from "./chunk-7Q7BMIIO.js";
import {
  ConfigError
} from "./chunk-XLEZOOEL.js";

// dist/config/values-file.js
function readValuesFile(text, file) {
  const { data, locate } = parseYaml(text, file);
  if (data === null || data === void 0)
    return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ConfigError("a values file must be a map of keys to values", { location: locate([]) });
  }
  return data;
}

export {
  readValuesFile
};
