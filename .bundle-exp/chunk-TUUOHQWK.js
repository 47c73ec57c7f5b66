import {
  closest
} from "./chunk-3DJX7KBG.js";
import {
  UsageError
} from "./chunk-XLEZOOEL.js";

// dist/cli/find-release.js
function findRelease(releases, ref) {
  const byId = releases.find((r) => r.id === ref);
  if (byId)
    return byId;
  const named = ref.includes("/") ? [] : releases.filter((r) => r.name === ref);
  if (named.length === 1)
    return named[0];
  if (named.length > 1) {
    throw new UsageError(`ambiguous release "${ref}": it names ${named.map((r) => r.id).join(", ")}`, {
      hint: "write it as namespace/name"
    });
  }
  const candidates = releases.map((r) => ref.includes("/") ? r.id : r.name);
  const match = closest(ref, candidates);
  throw new UsageError(`unknown release "${ref}"${match ? ` (did you mean "${match}"?)` : ""}`, {
    hint: "`releases list` shows the releases of the environment"
  });
}

export {
  findRelease
};
