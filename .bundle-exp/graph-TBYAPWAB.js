import {
  levels
} from "./chunk-IGDKEUG5.js";
import {
  openWorkspace
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import {
  Option
} from "./chunk-TJWVONZY.js";
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

// dist/cli/commands/graph.js
function registerGraph(program, ctx) {
  const { io, globals } = ctx;
  program.command("graph").description("show the selected releases' dependency graph and what can run in parallel").addOption(new Option("--format <format>", "output format").choices(["text", "mermaid", "dot"]).default("text")).addHelpText("after", `
Examples:
  releases graph -e staging
  releases graph --format mermaid > graph.md
  releases graph --format dot | dot -Tsvg > graph.svg`).action(async (options) => {
    const global = globals();
    const { graph, selection } = await openWorkspace(ctx);
    const selected = graph.restrict(new Set(selection.ids));
    if (global.output === "json") {
      const json = {
        releases: selected.ids.map((id) => ({ id, needs: graph.needsOf(id) })),
        stages: levels(selected),
        externalNeeds: selection.externalNeeds
      };
      io.stdout.write(`${JSON.stringify(json, null, 2)}
`);
      return;
    }
    const render = { text: textGraph, mermaid: mermaidGraph, dot: dotGraph }[options.format];
    io.stdout.write(`${render(selected, graph, selection.externalNeeds)}
`);
  });
}
function textGraph(selected, full, external) {
  const lines = [];
  for (const [i, stage] of levels(selected).entries()) {
    lines.push(`${i + 1}. ${stage.length > 1 ? "in parallel: " : ""}${stage.join(", ")}`);
    for (const id of stage) {
      const needs = full.needsOf(id);
      if (needs.length > 0)
        lines.push(`     ${id} <- ${needs.join(", ")}`);
    }
  }
  if (external.length > 0)
    lines.push(`needed but not selected (must already be deployed): ${external.join(", ")}`);
  lines.push("(each release starts as soon as its own needs are done; stages are for reading only)");
  return lines.join("\n");
}
var nodeId = (id) => id.replace(/[^A-Za-z0-9_]/g, "_");
function mermaidGraph(selected) {
  const lines = ["graph LR"];
  for (const id of selected.ids)
    lines.push(`  ${nodeId(id)}["${id}"]`);
  for (const [need, release] of selected.edges)
    lines.push(`  ${nodeId(need)} --> ${nodeId(release)}`);
  return lines.join("\n");
}
function dotGraph(selected) {
  const lines = ["digraph releases {", "  rankdir=LR;"];
  for (const id of selected.ids)
    lines.push(`  "${id}";`);
  for (const [need, release] of selected.edges)
    lines.push(`  "${need}" -> "${release}";`);
  lines.push("}");
  return lines.join("\n");
}
export {
  dotGraph,
  mermaidGraph,
  registerGraph,
  textGraph
};
