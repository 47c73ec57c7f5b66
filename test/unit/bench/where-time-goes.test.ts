import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs benchmark module, without types
import { formatPhases, NEXT_STEP, phasesOf } from "../../bench/where-time-goes.mjs";

interface Frame {
  functionName: string;
  url: string;
}

/** A .cpuprofile whose stacks are `stacks` (outermost frame first), one sample of `ms` each. */
function profile(stacks: { frames: Frame[]; ms: number }[]) {
  const nodes = [{ id: 1, callFrame: { functionName: "(root)", url: "" }, children: [] as number[] }];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  for (const { frames, ms } of stacks) {
    let parent = nodes[0]!;
    for (const callFrame of frames) {
      const node = { id: nodes.length + 1, callFrame, children: [] as number[] };
      parent.children.push(node.id);
      nodes.push(node);
      parent = node;
    }
    samples.push(parent.id);
    timeDeltas.push(ms * 1000);
  }
  return { nodes, samples, timeDeltas };
}

const main = { functionName: "", url: "file:///r/dist/cli/main.js" };
const load = { functionName: "import", url: "node:internal/modules/esm/loader" };

describe("where the time of a run goes", () => {
  it("puts each sample in the phase of its innermost frame that names one", () => {
    const { total, phases } = phasesOf(
      profile([
        {
          frames: [
            main,
            { functionName: "parseYaml", url: "file:///r/dist/config/yaml-source.js" },
            { functionName: "readBlockMapping", url: "file:///r/node_modules/js-yaml/dist/js-yaml.mjs" },
          ],
          ms: 30,
        },
        { frames: [main, { functionName: "buildRelease", url: "file:///r/dist/config/release.js" }], ms: 20 },
        { frames: [main, { functionName: "send", url: "file:///r/dist/kube/rest.js" }], ms: 5 },
        { frames: [{ functionName: "(garbage collector)", url: "" }], ms: 12 },
        { frames: [{ functionName: "(idle)", url: "" }], ms: 100 },
      ]),
    );
    expect(total).toBe(167);
    expect(Object.fromEntries(phases)).toEqual({
      "parsing YAML": 30,
      "config: building releases": 20,
      "Kubernetes API, client side (TLS, JSON)": 5,
      "garbage collection": 12,
      "waiting (helm, the API server, child processes)": 100,
    });
    expect(phases[0][0]).toBe("waiting (helm, the API server, child processes)");
  });

  it("counts a library's top level run while it is imported as loading, not as the library's work", () => {
    const { phases } = phasesOf(
      profile([
        {
          frames: [
            main,
            load,
            { functionName: "", url: "file:///r/node_modules/handlebars/dist/handlebars.js" },
          ],
          ms: 17,
        },
        {
          frames: [
            main,
            { functionName: "compile", url: "file:///r/node_modules/handlebars/dist/handlebars.js" },
          ],
          ms: 3,
        },
      ]),
    );
    expect(Object.fromEntries(phases)).toEqual({
      "loading and compiling modules": 17,
      "templates (handlebars)": 3,
    });
  });

  it("names the next step for the largest phase that is ours to cut, never the waiting", () => {
    const text: string = formatPhases(
      {
        total: 200,
        phases: [
          ["waiting (helm, the API server, child processes)", 120],
          ["parsing YAML", 50],
          ["garbage collection", 30],
        ],
      },
      0.09,
    );
    expect(text).toContain("an empty node takes 90 ms");
    expect(text).toMatch(/parsing YAML\s+50 ms\s+25%/);
    expect(text).toContain(`next step (largest: parsing YAML): ${NEXT_STEP["parsing YAML"]}`);
  });
});
