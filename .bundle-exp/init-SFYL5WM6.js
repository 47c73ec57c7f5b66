import {
  nodeAgeKeyDeps,
  parseIdentityText,
  userConfigDir
} from "./chunk-KQKNQDCT.js";
import {
  localFiles
} from "./chunk-DE4Q4URJ.js";
import {
  UsageError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/cli/commands/init.js
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
function scaffold(recipient) {
  return {
    "releases.yaml": `# yaml-language-server: $schema=https://releases.dev/schema/releases.schema.json
# Every key is documented in the releases README ("releases.yaml reference").
environments:
  development:
    values:
      - environments/common.yaml
      - environments/development/values.yaml
  production:
    values:
      - environments/common.yaml
      - environments/production/values.yaml

defaults:
  atomic: true
  wait: true
  timeout: 5m

releases:
  - name: hello
    namespace: hello
    chart: ./charts/hello
    labels: { tier: apps, app: hello }
    values:
      - environments/hello.yaml.hbs
`,
    "environments/common.yaml": "greeting: hello\n",
    "environments/development/values.yaml": "replicas: 1\n",
    "environments/production/values.yaml": "replicas: 3\n",
    "environments/hello.yaml.hbs": `# Rendered with handlebars: \\{{environment.name}}, \\{{values.x}}, helpers, and
# secret lookups such as \\{{vault "secret/data/hello" "token"}} or \\{{sops "file.sops.yaml" "key"}}.
replicas: {{values.replicas}}
message: {{quote (default "hi" values.greeting)}}
environment: {{environment.name}}
`,
    ".sops.yaml": `# Which age recipients each SOPS file is encrypted to. Encrypt with:
#   releases secrets encrypt environments/development/secrets.sops.yaml
creation_rules:
  - path_regex: ^environments/.*\\.sops\\.yaml$
    age: ${recipient}
`,
    "charts/hello/Chart.yaml": "apiVersion: v2\nname: hello\nversion: 0.1.0\n",
    "charts/hello/values.yaml": 'replicas: 1\nmessage: hello\nenvironment: ""\n',
    "charts/hello/templates/configmap.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}
data:
  message: {{ .Values.message | quote }}
  environment: {{ .Values.environment | default "" | quote }}
  replicas: {{ .Values.replicas | quote }}
`
  };
}
function registerInit(program, { io }) {
  program.command("init [dir]").description("scaffold a new project: releases.yaml, environments/, a chart, .sops.yaml and an age key if you have none").addHelpText("after", `
Existing files are never overwritten. The age key goes where sops looks for it
($SOPS_AGE_KEY_FILE, else <config dir>/sops/age/keys.txt), mode 0600, only if
no key exists there yet.

Examples:
  releases init my-stack
  releases init .`).action(async (dir) => {
    const { generateIdentity, identityToRecipient } = await import("./dist-Q5MDQXC3.js");
    const root = resolve(io.cwd, dir ?? ".");
    const keyFile = io.env.SOPS_AGE_KEY_FILE ?? join(userConfigDir(io.env, nodeAgeKeyDeps) ?? root, "sops", "age", "keys.txt");
    let recipient;
    if (await localFiles.exists(keyFile)) {
      const [identity] = parseIdentityText(await readFile(keyFile, "utf8")).identities;
      if (!identity)
        throw new UsageError(`${keyFile} holds no age identity`, {
          hint: "fix the file or set SOPS_AGE_KEY_FILE"
        });
      recipient = await identityToRecipient(identity);
      io.stderr.write(`using the age key in ${keyFile}
`);
    } else {
      const identity = await generateIdentity();
      recipient = await identityToRecipient(identity);
      await mkdir(dirname(keyFile), { recursive: true, mode: 448 });
      await writeFile(keyFile, `# created by releases init
# public key: ${recipient}
${identity}
`, {
        mode: 384
      });
      await chmod(keyFile, 384);
      io.stderr.write(`created an age key in ${keyFile} (keep it safe; it decrypts your secrets)
`);
    }
    for (const [path, text] of Object.entries(scaffold(recipient))) {
      const target = join(root, path);
      if (await localFiles.exists(target)) {
        io.stderr.write(`kept     ${path} (exists)
`);
        continue;
      }
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
      io.stderr.write(`created  ${path}
`);
    }
    io.stderr.write("\nnext: releases -e development list, then releases -e development sync\nsecrets: releases secrets edit environments/development/secrets.sops.yaml, then list it\n         under environments.development.secrets in releases.yaml\n");
  });
}
export {
  registerInit,
  scaffold
};
