// The post-render entry point helm runs: manifests on stdin, the patched
// manifests on stdout, the patch spec file (see helm-chart.ts) as the last
// argument. A failure prints one line helm reports, and helm deploys nothing.
import { readFile, writeFile } from "node:fs/promises";
import { type PostRenderSpec, postRender } from "./patches.js";

async function main(): Promise<void> {
  const specFile = process.argv.at(-1);
  if (!specFile || process.argv.length < 3) throw new Error("usage: post-render-main <spec.json>");
  const spec = JSON.parse(await readFile(specFile, "utf8")) as PostRenderSpec;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  process.stdout.write(postRender(Buffer.concat(chunks).toString(), spec));
}

main().catch(async (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message}\n`);
  // Helm 4 drops a plugin's stderr: the run reads the message from here (see helm-chart.ts).
  const specFile = process.argv.at(-1);
  if (specFile?.endsWith(".json")) await writeFile(`${specFile}.error`, message).catch(() => {});
  process.exitCode = 1;
});
