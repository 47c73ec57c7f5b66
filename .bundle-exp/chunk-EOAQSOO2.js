// dist/util/lazy-yaml.js
import { createRequire } from "node:module";
var loaded;
function yaml() {
  loaded ??= createRequire(import.meta.url)("yaml");
  return loaded;
}

export {
  yaml
};
