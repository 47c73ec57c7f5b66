import {
  lockCharts
} from "./chunk-HWQC4VS2.js";
import {
  addHelmOption
} from "./chunk-AA6YABJK.js";
import {
  formatTable
} from "./chunk-O7C643CG.js";
import "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import "./chunk-TJWVONZY.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-C4CW35NZ.js";
import "./chunk-6D2R6FHC.js";
import "./chunk-44P4TXDY.js";
import {
  requirementKey
} from "./chunk-INHVRDHZ.js";
import "./chunk-WVLY2SAW.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import "./chunk-NZJELPZH.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/cli/commands/deps.js
import { relative } from "node:path";
function registerDeps(program, ctx) {
  addHelmOption(program.command("deps").description("lock the versions of repository and OCI charts in releases.lock (every environment), resolving ranges").option("--update", "move every chart to the newest version its constraint allows", false).addHelpText("after", `
Without --update, charts already locked keep their version; new ones are
resolved; entries no release asks for any more are dropped. sync, apply,
diff, template and lint then deploy exactly the locked versions.

Examples:
  releases deps
  releases deps --update`)).action(async (options) => {
    const result = await lockCharts(ctx, { update: options.update, helmBinary: options.helmBinary });
    const before = new Map((result.previous?.charts ?? []).map((c) => [requirementKey(c), c.version]));
    const file = relative(ctx.io.cwd, result.file) || result.file;
    if (ctx.globals().output === "json") {
      ctx.io.stdout.write(`${JSON.stringify({ file, written: result.written, ...result.lock }, null, 2)}
`);
      return;
    }
    const rows = result.lock.charts.map((c) => {
      const was = before.get(requirementKey(c));
      return [
        `${c.repository}/${c.chart}`,
        c.constraint,
        c.version,
        was === void 0 ? "new" : was === c.version ? "" : `was ${was}`
      ];
    });
    if (rows.length > 0) {
      ctx.io.stdout.write(`${formatTable(["CHART", "CONSTRAINT", "VERSION", ""], rows)}
`);
    }
    ctx.io.stdout.write(result.written ? `wrote ${file} (${rows.length} charts)
` : `${file} is up to date (${rows.length} charts)
`);
  });
}
export {
  registerDeps
};
