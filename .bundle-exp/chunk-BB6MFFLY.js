import {
  TemplateError
} from "./chunk-XLEZOOEL.js";

// dist/secrets/vault/ref.js
function refKey(ref) {
  return `${ref.path}#${ref.key}`;
}
function vaultRef(path, key, location, hint = 'Write {{vault "<mount>/<path>" "<key>"}}, e.g. {{vault "secret/app1/db" "password"}}.') {
  const normalised = path.trim().replace(/^\/+|\/+$/g, "");
  const problem = pathProblem(normalised) ?? (key.trim() === "" ? "the key is empty" : void 0);
  if (problem) {
    throw new TemplateError(`invalid Vault reference ${JSON.stringify(`${path}#${key}`)}: ${problem}`, {
      location,
      hint
    });
  }
  return { path: normalised, key };
}
function pathProblem(path) {
  if (path === "")
    return "the path is empty";
  const segments = path.split("/");
  if (segments.length < 2)
    return "the path names a mount but no secret under it";
  if (segments.some((s) => s === ""))
    return "the path has an empty segment";
  if (segments.some((s) => s === "." || s === ".."))
    return "the path contains '.' or '..'";
  if (/[?#\s]/.test(path))
    return "the path contains '?', '#' or whitespace";
  return void 0;
}

export {
  refKey,
  vaultRef
};
