// An import planned over files in memory, and its output as data.
import { parse } from "yaml";
import { planImport } from "../../../src/import/import.js";
import { memoryReader } from "./memory-reader.js";

export async function importOf(files: Record<string, string>, outDir?: string) {
  const plan = await planImport({ source: "/p", outDir }, memoryReader(files));
  const text = (path: string) => plan.files.find((f) => f.path === path)?.text;
  // biome-ignore lint/suspicious/noExplicitAny: the tests walk free-form YAML output
  const releasesYaml = parse(text(`${outDir ?? "/p"}/releases.yaml`) ?? "null") as Record<string, any>;
  const left = plan.findings.filter((f) => f.severity === "left");
  const notes = plan.findings.filter((f) => f.severity === "note");
  return { plan, text, releasesYaml, left, notes };
}
