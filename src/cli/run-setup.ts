// What every deploying command starts from: the workspace, the helm client
// (v3 or v4, detected), the rendered values of the selected releases (every
// secret resolved before the first helm call), a reporter, and Ctrl-C handling.
import { type Command, Option } from "commander";
import { localFiles } from "../config/files.js";
import { UsageError } from "../errors.js";
import { detectHelmMajor, HelmClient } from "../helm/client.js";
import { type Cluster, connectCluster, startKubeWorker } from "../kube/cluster.js";
import { createManifestRenderer } from "../render/manifests.js";
import { chooseReporter, type Reporter } from "../report/reporter.js";
import type { RunSummary } from "../report/summary.js";
import type { Interrupts } from "../run/deploy-run.js";
import type { RunListener } from "../run/events.js";
import { type HookDeps, spawnExec } from "../run/hooks.js";
import type { Redactor } from "../secrets/redactor.js";
import { type RenderedRelease, renderReleases } from "../values/render-releases.js";
import { createTemplates } from "../values/templates.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./options.js";
import { positiveInt } from "./options.js";
import { createSecretSources } from "./secret-sources.js";
import { openWorkspace, type Workspace } from "./workspace.js";

export interface HelmOptions {
  helmBinary?: string;
}

export function addHelmOption(command: Command): Command {
  return command.option(
    "--helm-binary <path>",
    "the helm binary, v3 or v4 (default: $RELEASES_HELM, else helm)",
  );
}

export function addRunOptions(command: Command): Command {
  return addHelmOption(command)
    .option("--concurrency <n>", "releases deployed at once", positiveInt("--concurrency"), 4)
    .option("--fail-fast", "start nothing new after the first failure", false)
    .option(
      "--lock-timeout <seconds>",
      "wait this long for another run's lock",
      positiveInt("--lock-timeout"),
      60,
    )
    .addOption(
      new Option("--recover <mode>", "recover releases stuck in a pending state").choices([
        "rollback",
        "uninstall",
      ]),
    );
}

export async function createHelm(
  io: CliIO,
  options: HelmOptions,
  redactor: Redactor,
  debug: boolean,
): Promise<HelmClient> {
  const binary = options.helmBinary ?? io.env.RELEASES_HELM ?? "helm";
  let major: 3 | 4;
  try {
    major = await detectHelmMajor(binary, io.env);
  } catch (error) {
    throw new UsageError(
      `cannot run helm (${binary}): ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: "install helm 3 or 4, or pass --helm-binary / set RELEASES_HELM",
      },
    );
  }
  return new HelmClient({
    binary,
    major,
    env: io.env,
    redactor,
    onCall: debug
      ? (call) =>
          io.stderr.write(
            redactor.redact(
              `[debug] ${binary} ${call.args.join(" ")} -> exit ${call.code} in ${call.durationMs} ms\n`,
            ),
          )
      : undefined,
  });
}

/** Renders the installed releases among `releases`; releases to uninstall need no values. */
export async function renderSelected(
  workspace: Workspace,
  io: CliIO,
  redactor: Redactor,
): Promise<RenderedRelease[]> {
  const installed = workspace.selected.filter((r) => r.installed);
  const rendered = await renderReleases(workspace.project, installed, {
    templates: createTemplates({ env: io.env }),
    files: localFiles,
    secrets: createSecretSources(io.env),
    redactor,
    manifests: createManifestRenderer(io.env),
  });
  const byId = new Map(rendered.map((r) => [r.release.id, r]));
  return workspace.selected.map(
    (release) =>
      byId.get(release.id) ?? {
        release,
        values: {},
        valuesYaml: "",
        consumed: [],
        secretsDigest: "",
        fingerprint: "",
      },
  );
}

export interface PreparedRun {
  workspace: Workspace;
  rendered: RenderedRelease[];
  helm: HelmClient;
  /** The environment's cluster, connected on first call. */
  cluster: () => Promise<Cluster>;
}

/** Load, select, render (all secrets resolved) and find helm — everything before the cluster is touched. */
export async function prepareRun(
  globals: GlobalOptions,
  io: CliIO,
  redactor: Redactor,
  options: HelmOptions,
): Promise<PreparedRun> {
  // Finding helm and loading the Kubernetes client (in its worker) overlap with loading and rendering.
  const helmReady = createHelm(io, options, redactor, globals.debug);
  helmReady.catch(() => {});
  const kube = io.kube ?? startKubeWorker();
  const workspace = await openWorkspace(globals, io);
  const rendered = await renderSelected(workspace, io, redactor);
  let cluster: Promise<Cluster> | undefined;
  return {
    workspace,
    rendered,
    helm: await helmReady,
    cluster: () => {
      cluster ??= connectCluster(workspace.project.environment.kubeContext, kube);
      return cluster;
    },
  };
}

export function runReporter(io: CliIO, globals: GlobalOptions): Reporter {
  return chooseReporter({
    stdout: io.stdout,
    stderr: io.stderr,
    output: globals.output,
    isTTY: Boolean(io.stderr.isTTY),
    env: io.env,
  });
}

/**
 * A reporter that appears with the run's first event, so a run that fails its
 * checks before touching anything prints the error alone, not an empty table.
 */
export function lazyReporter(
  io: CliIO,
  globals: GlobalOptions,
): { listener: RunListener; finish(): RunSummary | undefined } {
  let reporter: Reporter | undefined;
  return {
    listener: (event) => {
      reporter ??= runReporter(io, globals);
      reporter.listener(event);
    },
    finish: () => reporter?.finish(),
  };
}

/** Runs `work` with Ctrl-C captured and a lazy reporter; returns the summary, or throws what `work` threw. */
export async function reportedRun(
  io: CliIO,
  globals: GlobalOptions,
  work: (emit: RunListener, interrupts: Interrupts) => Promise<unknown>,
): Promise<{ summary: RunSummary | undefined; interrupted: boolean }> {
  const reporter = lazyReporter(io, globals);
  const interrupts = captureInterrupts(io);
  try {
    await work(reporter.listener, interrupts);
  } finally {
    interrupts.dispose();
    reporter.finish();
  }
  return { summary: reporter.finish(), interrupted: interrupts.soft.signal.aborted };
}

/**
 * First Ctrl-C: start nothing new and let running releases finish (or roll
 * back). Second: SIGTERM to the running helm processes, which mark their
 * release failed and roll back; we still wait for them. `dispose` removes the handlers.
 */
export function captureInterrupts(io: CliIO): Interrupts & { dispose(): void } {
  const soft = new AbortController();
  const hard = new AbortController();
  const onSignal = () => {
    if (!soft.signal.aborted) {
      soft.abort();
      io.stderr.write(
        "\ninterrupted: starting nothing new; running releases finish. Ctrl-C again to stop them (they roll back).\n",
      );
    } else if (!hard.signal.aborted) {
      hard.abort();
      io.stderr.write("\ninterrupted again: stopping running helm processes; waiting for their rollback.\n");
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    soft,
    hard,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/** How release hooks run from the CLI: the process environment, output through the redacting stderr. */
export function hookDeps(io: CliIO, redactor: Redactor, environment: string, signal: AbortSignal): HookDeps {
  return {
    exec: spawnExec(io.env),
    environment,
    log: (text) => io.stderr.write(redactor.redact(text)),
    signal,
  };
}
