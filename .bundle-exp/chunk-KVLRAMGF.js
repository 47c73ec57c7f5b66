import {
  deploy
} from "./chunk-U4TBGQHR.js";
import {
  renderSelected
} from "./chunk-QSMOCHMN.js";

// dist/run/consumers.js
function normaliseVaultPath(path) {
  return path.replace(/^\/+|\/+$/g, "").replace(/^([^/]+)\/data\//, "$1/");
}
function consumes(consumed, target) {
  if (target.kind === "sops")
    return consumed.some((id) => id.startsWith(`sops:${target.file}#`));
  const wanted = `${normaliseVaultPath(target.path)}#${target.key}`;
  return consumed.some((id) => {
    if (!id.startsWith("vault:"))
      return false;
    const hash = id.lastIndexOf("#");
    return `${normaliseVaultPath(id.slice("vault:".length, hash))}#${id.slice(hash + 1)}` === wanted;
  });
}
function parseVaultTarget(text) {
  const hash = text.lastIndexOf("#");
  if (hash <= 0 || hash === text.length - 1)
    return void 0;
  return { path: text.slice(0, hash).replace(/^\/+|\/+$/g, ""), key: text.slice(hash + 1) };
}

// dist/cli/rotation.js
async function consumersOf(ctx, workspace, target) {
  const rendered = await renderSelected(workspace, ctx);
  return rendered.filter((r) => consumes(r.consumed, target)).map((r) => r.release);
}
function describeConsumers(releases) {
  return `${releases.length} consumer(s): ${releases.map((r) => r.id).join(", ") || "none"}`;
}
async function changeThenRedeploy(ctx, workspace, consumers, options, change, rerender, command) {
  await deploy(ctx, {
    workspace,
    rendered: await renderSelected(workspace, ctx, consumers),
    mode: "sync",
    command,
    options,
    beforeChanges: async () => {
      await change();
      return rerender ? renderSelected(workspace, ctx, consumers) : void 0;
    }
  });
}

export {
  parseVaultTarget,
  consumersOf,
  describeConsumers,
  changeThenRedeploy
};
