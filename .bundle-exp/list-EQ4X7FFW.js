import {
  formatTable
} from "./chunk-O7C643CG.js";
import {
  openWorkspace
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
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/cli/commands/list.js
import { relative } from "node:path";
function listedRelease(r, projectDir) {
  return {
    name: r.name,
    namespace: r.namespace,
    chart: r.chart.display,
    version: r.version ?? null,
    labels: r.labels,
    needs: r.needs,
    installed: r.installed,
    file: relative(projectDir, r.location.file) || r.location.file,
    ...r.kubeContext === void 0 ? {} : { kubeContext: r.kubeContext }
  };
}
function registerList(program, ctx) {
  const { io, globals } = ctx;
  program.command("list").description("list the selected releases").addHelpText("after", `
Examples:
  releases list -e production
  releases list -l tier=core -o json
  releases list -l app=app1 --include-needs`).action(async () => {
    const options = globals();
    const { selected, project } = await openWorkspace(ctx);
    const rows = selected.map((r) => listedRelease(r, project.dir));
    if (options.output === "json") {
      io.stdout.write(`${JSON.stringify(rows, null, 2)}
`);
      return;
    }
    const labels = (l) => Object.entries(l).map(([k, v]) => `${k}=${v}`).join(",");
    const clusters = rows.some((r) => r.kubeContext !== void 0);
    io.stdout.write(`${formatTable([
      "NAME",
      "NAMESPACE",
      ...clusters ? ["KUBECONTEXT"] : [],
      "CHART",
      "VERSION",
      "LABELS",
      "NEEDS",
      "INSTALLED",
      "FILE"
    ], rows.map((r) => [
      r.name,
      r.namespace,
      ...clusters ? [r.kubeContext ?? ""] : [],
      r.chart,
      r.version ?? "",
      labels(r.labels),
      r.needs.join(","),
      String(r.installed),
      r.file
    ]))}
`);
  });
}
export {
  listedRelease,
  registerList
};
