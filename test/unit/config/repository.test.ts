import { describe, expect, it } from "vitest";
import { loadProject } from "../../../src/config/load.js";
import { createTemplates } from "../../../src/values/templates.js";
import { failure, memoryFiles } from "./memory-files.js";

const templates = createTemplates({ env: {} });

function load(repository: string, extra: Record<string, string> = {}) {
  return loadProject({
    file: "/p/releases.yaml",
    templates,
    files: memoryFiles({
      "/p/releases.yaml": ["repositories:", `  - ${repository}`, "releases: []"].join("\n"),
      ...extra,
    }),
  });
}

describe("repository options", () => {
  it("resolves TLS files against releases.yaml and keeps the switches", async () => {
    const project = await load(
      "{ name: internal, url: https://charts.acme.dev, caFile: tls/ca.pem, certFile: tls/c.pem, keyFile: tls/k.pem, insecureSkipTLSVerify: true, passCredentials: true }",
      { "/p/tls/ca.pem": "ca", "/p/tls/c.pem": "c", "/p/tls/k.pem": "k" },
    );
    expect(project.repositories[0]).toMatchObject({
      name: "internal",
      oci: false,
      caFile: "/p/tls/ca.pem",
      certFile: "/p/tls/c.pem",
      keyFile: "/p/tls/k.pem",
      insecureSkipTLSVerify: true,
      passCredentials: true,
    });
    const oci = await load("{ name: local, url: oci://127.0.0.1:5000/charts, plainHttp: true }");
    expect(oci.repositories[0]).toMatchObject({ oci: true, plainHttp: true });
  });

  it.each([
    {
      repository: "{ name: r, url: https://x, plainHttp: true }",
      message: 'repository "r": plainHttp is for oci:// registries',
      field: "repositories[0].plainHttp",
    },
    {
      repository: "{ name: r, url: oci://x/charts, passCredentials: true }",
      message: 'repository "r": passCredentials is for http(s) repositories',
      field: "repositories[0].passCredentials",
    },
    {
      repository: "{ name: r, url: https://x, certFile: c.pem }",
      message: 'repository "r": keyFile is missing',
      field: "repositories[0].certFile",
    },
    {
      repository: "{ name: r, url: https://x, caFile: missing.pem }",
      message: 'repository "r": file not found: missing.pem',
      field: "repositories[0].caFile",
    },
    {
      repository: "{ name: r, url: ftp://x }",
      message: 'repository "r": url must start with https://, http:// or oci://',
      field: "repositories[0].url",
    },
  ])("$message (at its line and field)", async ({ repository, message, field }) => {
    const error = await failure(load(repository, { "/p/c.pem": "c" }));
    expect(error.message).toBe(message);
    expect(error.location).toMatchObject({ file: "/p/releases.yaml", line: 2, field });
    expect(error.exitCode).toBe(2);
  });

  it("an unknown key suggests the spelling", async () => {
    const error = await failure(load("{ name: r, url: https://x, cafile: ca.pem }"));
    expect(`${error.message} ${error.hint ?? ""}`).toContain("caFile");
  });
});
