import {
  deploy
} from "./chunk-U4TBGQHR.js";
import "./chunk-RILUZRHU.js";
import "./chunk-NFGW6MRI.js";
import {
  addRunOptions
} from "./chunk-AA6YABJK.js";
import "./chunk-O7C643CG.js";
import "./chunk-IGDKEUG5.js";
import {
  nothingSelected,
  openWorkspace,
  unrendered
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import "./chunk-TJWVONZY.js";
import "./chunk-RBSEO7UU.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-44P4TXDY.js";
import "./chunk-WVLY2SAW.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-WZBXSRHM.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import {
  UsageError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/cli/commands/destroy.js
import { createInterface } from "node:readline/promises";
function registerDestroy(program, ctx) {
  addRunOptions(program.command("destroy").description("uninstall the selected releases, dependents before what they need").option("-y, --yes", "do not ask for confirmation", false).addHelpText("after", `
Examples:
  releases destroy -e development --yes
  releases destroy -e staging -l app=app1`)).action(async (options) => {
    const workspace = await openWorkspace(ctx);
    if (nothingSelected(workspace, ctx))
      return;
    const ids = workspace.selection.ids;
    if (!options.yes && !await confirm(ctx.io, ids, workspace.project.environment.name)) {
      throw new UsageError("not confirmed; nothing was uninstalled", {
        hint: "pass --yes to skip the question"
      });
    }
    await deploy(ctx, {
      workspace,
      rendered: workspace.selected.map(unrendered),
      mode: "destroy",
      command: "destroy",
      options
    });
  });
}
async function confirm(io, ids, environment) {
  if (!io.stdin.isTTY) {
    throw new UsageError("destroy needs confirmation and stdin is not a terminal", { hint: "pass --yes" });
  }
  io.stderr.write(`This uninstalls ${ids.length} release(s) from environment "${environment}":
  ${ids.join("\n  ")}
`);
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await rl.question('Type "yes" to continue: ');
    return answer.trim() === "yes";
  } finally {
    rl.close();
  }
}
export {
  registerDestroy
};
