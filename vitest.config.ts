import { defineConfig } from "vitest/config";

// Three projects: `unit` is pure logic and local files (no tools, no cluster);
// `integration` drives real binaries from .toolchain/bin (sops, age, helm
// template/lint) but needs no cluster; `e2e` runs the built CLI against a real
// local Kubernetes (kwok) and a real Vault dev server, started once by the
// global setup and always torn down.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          // Some unit tests run the whole CLI in-process; on a loaded 2-core machine 5 s is not enough.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
