import {
  createTwoFilesPatch,
  redactSecretPair
} from "./chunk-NHEIAOUQ.js";
import {
  withoutServerFields
} from "./chunk-RBSEO7UU.js";
import "./chunk-GH6ZRYFL.js";
import {
  parsePointer
} from "./chunk-VQSVI6AM.js";
import "./chunk-EOAQSOO2.js";
import {
  require_dist
} from "./chunk-NZJELPZH.js";
import "./chunk-XLEZOOEL.js";
import {
  __toESM
} from "./chunk-4VNS5WPM.js";

// dist/drift/live-diff.js
var import_yaml = __toESM(require_dist(), 1);
function liveDiffs(details, label) {
  return details.map((d) => {
    const live = d.live ? withoutServerFields(d.live) : void 0;
    let deployed = withoutServerFields(d.change === "changed" && d.merged ? d.merged : d.deployed);
    if (live)
      deployed = withFieldsOf(deployed, live, d.ignoredFields);
    const [before, after] = redactSecretPair(live, deployed);
    const text = (o) => o ? (0, import_yaml.stringify)(o, { lineWidth: 0, sortMapEntries: true }) : "";
    return {
      resource: d.resource,
      change: d.change,
      fields: d.fields,
      patch: createTwoFilesPatch(`${label} ${d.resource} (live)`, `${label} ${d.resource} (deployed)`, text(before), text(after), "", "", { context: 3 })
    };
  });
}
function withFieldsOf(target, source, pointers) {
  const out = structuredClone(target);
  for (const pointer of pointers) {
    const path = parsePointer(pointer);
    const key = path.at(-1);
    if (key === void 0)
      continue;
    const from = descend(source, path.slice(0, -1));
    const to = descend(out, path.slice(0, -1));
    if (!to)
      continue;
    if (from && Object.hasOwn(from, key))
      to[key] = structuredClone(from[key]);
    else
      delete to[key];
  }
  return out;
}
function descend(value, path) {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object")
      return void 0;
    current = current[key];
  }
  return current !== null && typeof current === "object" ? current : void 0;
}
export {
  liveDiffs,
  withFieldsOf
};
