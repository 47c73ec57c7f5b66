import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { ExitCode, ExitStatus, UsageError } from "../../errors.js";
import { ImportSourceError, planImport } from "../../import/import.js";
import { formatImportReport, importReportJson } from "../../import/report.js";
import type { SourceReader } from "../../import/state/load.js";
import type { CommandContext } from "../context.js";

const localReader: SourceReader = {
  read: (path) => readFile(path, "utf8").catch(() => undefined),
  list: (dir) => readdir(dir).catch(() => undefined),
};

export function registerImport(program: Command, { io, globals }: CommandContext): void {
  program
    .command("import")
    .description(
      "convert a helmfile project (helmfile.yaml, .gotmpl, helmfile.d/) into releases.yaml and .hbs values",
    )
    .option("--out <dir>", "where to write (default: the helmfile's directory)")
    .option("--force", "overwrite files that exist", false)
    .addHelpText(
      "after",
      `
-f names the helmfile (a file, or a directory holding helmfile.yaml,
helmfile.yaml.gotmpl or helmfile.d/); without -f, the current directory.
Everything that could not be converted is listed with file:line, why and
what to write instead; the import still writes what it could and then
exits 2. Nothing is overwritten without --force.

Examples:
  releases import
  releases import -f helmfile.d --out ../releases-stack
  releases import -f deploy/helmfile.yaml.gotmpl --force`,
    )
    .action(async (options: { out?: string; force: boolean }, command: Command) => {
      const fromFlag = command.parent?.getOptionValueSource("file") === "cli";
      const source = resolve(io.cwd, fromFlag ? globals().file : ".");
      let plan: Awaited<ReturnType<typeof planImport>>;
      try {
        plan = await planImport(
          { source, outDir: options.out ? resolve(io.cwd, options.out) : undefined },
          localReader,
        );
      } catch (error) {
        if (error instanceof ImportSourceError)
          throw new UsageError(error.message, { hint: "pass -f <helmfile.yaml|helmfile.d>" });
        throw error;
      }
      const shown = (path: string) => relative(io.cwd, path) || path;
      if (!options.force) {
        const existing: string[] = [];
        for (const file of plan.files)
          if ((await localReader.read(file.path)) !== undefined) existing.push(shown(file.path));
        if (existing.length) {
          throw new UsageError(`would overwrite ${existing.join(", ")}`, {
            hint: "pass --force to overwrite, or --out <dir> to write elsewhere",
          });
        }
      }
      for (const file of plan.files) {
        await mkdir(dirname(file.path), { recursive: true });
        await writeFile(file.path, file.text);
      }
      const report = importReportJson(
        plan,
        plan.files.map((f) => shown(f.path)),
      );
      io.stdout.write(
        globals().output === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatImportReport(report),
      );
      if (!report.ok) throw new ExitStatus(ExitCode.invalidInput);
    });
}
