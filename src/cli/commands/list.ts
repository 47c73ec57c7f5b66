import { relative } from "node:path";
import type { Command } from "commander";
import type { Release } from "../../model/project.js";
import { formatTable } from "../../report/table.js";
import type { CommandContext } from "../context.js";
import { openWorkspace } from "../workspace.js";

export interface ListedRelease {
  name: string;
  namespace: string;
  chart: string;
  version: string | null;
  labels: Record<string, string>;
  needs: string[];
  installed: boolean;
  /** The project file the release is written in, relative to the root file's directory. */
  file: string;
  /** The kube context it deploys to, when the project names one. */
  kubeContext?: string;
}

export function listedRelease(r: Release, projectDir: string): ListedRelease {
  return {
    name: r.name,
    namespace: r.namespace,
    chart: r.chart.display,
    version: r.version ?? null,
    labels: r.labels,
    needs: r.needs,
    installed: r.installed,
    file: relative(projectDir, r.location.file) || r.location.file,
    ...(r.kubeContext === undefined ? {} : { kubeContext: r.kubeContext }),
  };
}

export function registerList(program: Command, ctx: CommandContext): void {
  const { io, globals } = ctx;
  program
    .command("list")
    .description("list the selected releases")
    .addHelpText(
      "after",
      `
Examples:
  releases list -e production
  releases list -l tier=core -o json
  releases list -l app=app1 --include-needs`,
    )
    .action(async () => {
      const options = globals();
      const { selected, project } = await openWorkspace(ctx);
      const rows = selected.map((r) => listedRelease(r, project.dir));
      if (options.output === "json") {
        io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const labels = (l: Record<string, string>) =>
        Object.entries(l)
          .map(([k, v]) => `${k}=${v}`)
          .join(",");
      // Which cluster, only in a project whose releases name one.
      const clusters = rows.some((r) => r.kubeContext !== undefined);
      io.stdout.write(
        `${formatTable(
          [
            "NAME",
            "NAMESPACE",
            ...(clusters ? ["KUBECONTEXT"] : []),
            "CHART",
            "VERSION",
            "LABELS",
            "NEEDS",
            "INSTALLED",
            "FILE",
          ],
          rows.map((r) => [
            r.name,
            r.namespace,
            ...(clusters ? [r.kubeContext ?? ""] : []),
            r.chart,
            r.version ?? "",
            labels(r.labels),
            r.needs.join(","),
            String(r.installed),
            r.file,
          ]),
        )}\n`,
      );
    });
}
