import {
  findRelease
} from "./chunk-TUUOHQWK.js";
import {
  openWorkspace,
  renderSelected
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import "./chunk-TJWVONZY.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-44P4TXDY.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import {
  require_dist
} from "./chunk-NZJELPZH.js";
import "./chunk-XLEZOOEL.js";
import {
  __toESM
} from "./chunk-4VNS5WPM.js";

// dist/cli/commands/values.js
var import_yaml = __toESM(require_dist(), 1);
function registerValues(program, ctx) {
  const { io, globals, redactor } = ctx;
  program.command("values").argument("<release>", "name, or namespace/name").description("print the merged values a release would be deployed with (secrets redacted)").addHelpText("after", `
Examples:
  releases values app1-back -e staging
  releases values backend/app1-back -e production -o json`).action(async (ref) => {
    const options = globals();
    const workspace = await openWorkspace(ctx);
    const release = findRelease(workspace.project.releases, ref);
    const [rendered] = await renderSelected(workspace, ctx, [release]);
    const values = redactor.redactTree(rendered.values);
    io.stdout.write(options.output === "json" ? `${JSON.stringify(values, null, 2)}
` : (0, import_yaml.stringify)(values, { lineWidth: 0 }));
  });
}
export {
  registerValues
};
