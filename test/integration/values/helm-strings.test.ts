// Values reach helm as JSON: helm 3 reads a values document as YAML 1.1, where
// the unquoted strings yes, n, on or 1_000 that a YAML 1.2 writer emits are
// booleans and numbers. Rendered through the real helm, every string stays a
// string and every key keeps its name.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { tool } from "../../toolchain/tools.js";
import { cliIn } from "../../unit/cli/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "releases-helm-strings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("strings YAML 1.1 would retype reach the chart as strings, under their own keys", async () => {
  mkdirSync(join(dir, "chart/templates"), { recursive: true });
  writeFileSync(join(dir, "chart/Chart.yaml"), "apiVersion: v2\nname: chart\nversion: 0.1.0\n");
  writeFileSync(
    join(dir, "chart/templates/values.yaml"),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n  json: {{ toJson .Values | squote }}\n",
  );
  writeFileSync(
    join(dir, "releases.yaml"),
    "releases:\n  - name: web\n    chart: ./chart\n    values:\n      - values.yaml\n",
  );
  writeFileSync(
    join(dir, "values.yaml"),
    'strings: ["yes", "no", "on", "y", "1_000", "0777", "1e3", "~", "x\\u2028y"]\nn: kept\n"y": kept too\nnumber: 3\n',
  );
  const out = await cliIn(dir, ["template", "--helm-binary", tool("helm")]);
  expect(out.stderr).toBe("");
  expect(out.code).toBe(0);
  const json = /json: '(.*)'$/m.exec(out.stdout)?.[1];
  expect(JSON.parse(json!)).toEqual({
    strings: ["yes", "no", "on", "y", "1_000", "0777", "1e3", "~", "x\u2028y"],
    n: "kept",
    y: "kept too",
    number: 3,
  });
});
