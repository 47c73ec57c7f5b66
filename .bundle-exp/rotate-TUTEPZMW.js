import {
  changeThenRedeploy,
  consumersOf,
  describeConsumers,
  parseVaultTarget
} from "./chunk-KVLRAMGF.js";
import "./chunk-U4TBGQHR.js";
import "./chunk-RILUZRHU.js";
import "./chunk-NFGW6MRI.js";
import {
  addRunOptions
} from "./chunk-AA6YABJK.js";
import "./chunk-O7C643CG.js";
import "./chunk-IGDKEUG5.js";
import {
  openWorkspace
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import "./chunk-TJWVONZY.js";
import "./chunk-RBSEO7UU.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-44P4TXDY.js";
import "./chunk-WVLY2SAW.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-WZBXSRHM.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import {
  ReleaseFailedError,
  ReleasesError,
  UsageError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/cli/commands/rotate.js
function registerRotate(program, ctx) {
  const rotate = program.command("rotate").description("rotate a secret, then redeploy exactly the releases that consume it");
  addRunOptions(rotate.command("vault <path#key>").description("write a new KV v2 version of a Vault secret key and redeploy its consumers").option("--value <value>", "the new value; `-` reads it from stdin (never pass a real secret as an argument)").option("--generate", "generate a random 32-character value", false).addHelpText("after", `
The consumers are the releases whose rendered values read this key. They are
redeployed in dependency order, atomically, with their tests. If that fails,
the secret is restored to its previous version (as a new version) and the run
exits 1 saying so.

Examples:
  releases rotate vault secret/data/app1/db#password --generate -e staging
  printf '%s' "$NEW" | releases rotate vault secret/app1/db#password --value - -e production`)).action(async (text, options) => {
    const target = parseVaultTarget(text);
    if (!target)
      throw new UsageError(`"${text}" is not <path>#<key>`, { hint: "e.g. secret/data/app1/db#password" });
    if (options.generate === (options.value !== void 0)) {
      throw new UsageError("pass exactly one of --value and --generate");
    }
    const { generateSecret } = await import("./vault-BULXYSY6.js");
    const value = options.generate ? generateSecret() : options.value === "-" ? await readStdin(ctx.io) : options.value;
    if (value === "")
      throw new UsageError("the new value is empty");
    ctx.redactor.register(value);
    const workspace = await openWorkspace(ctx);
    const consumers = await consumersOf(ctx, workspace, { kind: "vault", ...target });
    const vault = await ctx.session.vault();
    const current = await vault.readVersion(target.path);
    const name = `${target.path}#${target.key}`;
    const write = async () => {
      const version = await vault.writeKv2(target.path, { ...current.data, [target.key]: value }, { cas: current.version });
      ctx.io.stderr.write(`rotated ${name}: version ${current.version} -> ${version}; ${describeConsumers(consumers)}
`);
    };
    if (consumers.length === 0)
      return write();
    let written = false;
    try {
      const change = async () => {
        await write();
        written = true;
      };
      await changeThenRedeploy(ctx, workspace, consumers, options, change, true, "rotate vault");
    } catch (error) {
      if (!written)
        throw error;
      const restored = await vault.restoreVersion(target.path, current.version);
      ctx.io.stderr.write(`redeploy failed: restored ${name} to version ${current.version} (written as version ${restored}); consumers that did upgrade now hold a value that is not current: \`releases apply\` redeploys them
`);
      const why = error instanceof ReleasesError ? error.message : String(error);
      if (error instanceof ReleasesError && !(error instanceof ReleaseFailedError))
        throw error;
      throw new ReleaseFailedError(`redeploy of the consumers of ${name} failed (${why}); the secret was restored to version ${current.version}`, { hint: "the failed releases were rolled back; see the summary above", cause: error });
    }
  });
}
async function readStdin(io) {
  const chunks = [];
  for await (const chunk of io.stdin)
    chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}
export {
  registerRotate
};
