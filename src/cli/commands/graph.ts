import { type Command, Option } from "commander";
import type { ReleaseGraph } from "../../graph/release-graph.js";
import { levels } from "../../graph/schedule.js";
import type { CommandContext } from "../context.js";
import { openWorkspace } from "../workspace.js";

export function registerGraph(program: Command, ctx: CommandContext): void {
  const { io, globals } = ctx;
  program
    .command("graph")
    .description("show the selected releases' dependency graph and what can run in parallel")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "mermaid", "dot"]).default("text"),
    )
    .addHelpText(
      "after",
      `
Examples:
  releases graph -e staging
  releases graph --format mermaid > graph.md
  releases graph --format dot | dot -Tsvg > graph.svg`,
    )
    .action(async (options: { format: "text" | "mermaid" | "dot" }) => {
      const global = globals();
      const { graph, selection } = await openWorkspace(ctx);
      const selected = graph.restrict(new Set(selection.ids));
      if (global.output === "json") {
        const json = {
          releases: selected.ids.map((id) => ({ id, needs: graph.needsOf(id) })),
          stages: levels(selected),
          externalNeeds: selection.externalNeeds,
        };
        io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      const render = { text: textGraph, mermaid: mermaidGraph, dot: dotGraph }[options.format];
      io.stdout.write(`${render(selected, graph, selection.externalNeeds)}\n`);
    });
}

export function textGraph(selected: ReleaseGraph, full: ReleaseGraph, external: readonly string[]): string {
  const lines: string[] = [];
  for (const [i, stage] of levels(selected).entries()) {
    lines.push(`${i + 1}. ${stage.length > 1 ? "in parallel: " : ""}${stage.join(", ")}`);
    for (const id of stage) {
      const needs = full.needsOf(id);
      if (needs.length > 0) lines.push(`     ${id} <- ${needs.join(", ")}`);
    }
  }
  if (external.length > 0)
    lines.push(`needed but not selected (must already be deployed): ${external.join(", ")}`);
  lines.push("(each release starts as soon as its own needs are done; stages are for reading only)");
  return lines.join("\n");
}

const nodeId = (id: string) => id.replace(/[^A-Za-z0-9_]/g, "_");

export function mermaidGraph(selected: ReleaseGraph): string {
  const lines = ["graph LR"];
  for (const id of selected.ids) lines.push(`  ${nodeId(id)}["${id}"]`);
  for (const [need, release] of selected.edges) lines.push(`  ${nodeId(need)} --> ${nodeId(release)}`);
  return lines.join("\n");
}

export function dotGraph(selected: ReleaseGraph): string {
  const lines = ["digraph releases {", "  rankdir=LR;"];
  for (const id of selected.ids) lines.push(`  "${id}";`);
  for (const [need, release] of selected.edges) lines.push(`  "${need}" -> "${release}";`);
  lines.push("}");
  return lines.join("\n");
}
