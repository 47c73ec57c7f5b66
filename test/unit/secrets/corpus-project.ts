// A project for the redaction corpus through the CLI: one SOPS secret (the
// corpus word, or a random control token) used by one release, a second
// release that does not use it and whose keys and names contain the word, and
// a leaf the file leaves in clear (not a secret: it must be printed as is).
// Running a command with the word and with the control token must print the
// same text: a difference is either a leak or a mangled word.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encryptSops } from "../../../src/secrets/sops/encrypt.js";

const sopsFixtures = fileURLToPath(new URL("../../fixtures/sops/", import.meta.url));
export const CORPUS_KEY_FILE = join(sopsFixtures, "age-test-key.txt");
const recipient = /# public key: (age1\w+)/.exec(readFileSync(CORPUS_KEY_FILE, "utf8"))![1]!;

/** Stands in for the word: no collision with anything the tool or helm prints. */
export const CONTROL = "Zq8xK2vR7mW4pT";

/** Words of the corpus that the fixture's output uses as keys, names, paths and parts of words. */
export const CORPUS_WORDS = ["secret", "name", "password", "token", "Name", "release"] as const;

const CHART = {
  "Chart.yaml": "apiVersion: v2\nname: corpus\nversion: 0.1.0\n",
  "values.yaml": "name: corpus\nsecrets: {}\n",
  "templates/secret.yaml": `{{- if .Values.database }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ .Release.Name }}-db
  labels:
    app.kubernetes.io/name: {{ .Values.name }}
type: Opaque
data:
  password: {{ .Values.database.password | b64enc }}
stringData:
  url: {{ .Values.database.url | quote }}
{{- end }}
`,
  "templates/configmap.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-settings
  annotations:
    docs: see secrets.hashicorp.com/v1beta1 and secret/data/app1/db#password
data:
  secretName: {{ .Values.secretName | default "tls-secret" | quote }}
  secretsStale: "false"
  tokenFile: /run/secrets/token
  tier: {{ .Values.tier | quote }}
  {{- with .Values.secrets }}
  secrets: {{ toJson . | quote }}
  {{- end }}
`,
};

export interface CorpusProject {
  dir: string;
  environment: string;
  env: Record<string, string>;
}

export interface CorpusOptions {
  /** Environment and namespace names, unique per project when several deploy to one cluster. */
  environment?: string;
  namespace?: string;
}

/** Writes the project to a new temp dir, `secret` encrypted in its SOPS file. */
export async function corpusProject(secret: string, options: CorpusOptions = {}): Promise<CorpusProject> {
  const dir = mkdtempSync(join(tmpdir(), "releases-redaction-"));
  const chartsDir = "chart";
  const namespace = options.namespace ?? "corpus-apps";
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  for (const [file, text] of Object.entries(CHART)) write(`${chartsDir}/${file}`, text);
  const environment = options.environment ?? "corpus";
  write(
    "releases.yaml",
    `environments:
  ${environment}:
    secrets:
      - secrets.sops.yaml
releases:
  - name: app1-back
    namespace: ${namespace}
    chart: ./${chartsDir}
    values:
      - app1.yaml.hbs
  - name: web
    namespace: ${namespace}
    chart: ./${chartsDir}
    values:
      - web.yaml.hbs
`,
  );
  write(
    "app1.yaml.hbs",
    `name: app1-back
database:
  password: {{values.db.password}}
  url: postgres://app:{{values.db.password}}@db.internal:5432/app
tier: {{values.tier_unencrypted}}
`,
  );
  write(
    "web.yaml.hbs",
    `name: web
secretName: web-tls
secrets:
  name: web-secrets
  tokenSecret: web-token
  release: {{release.name}}
tier: {{values.tier_unencrypted}}
`,
  );
  await setCorpusSecret(dir, secret);
  return { dir, environment, env: { SOPS_AGE_KEY_FILE: CORPUS_KEY_FILE } };
}

/** (Re)writes the project's SOPS file with `secret` as the password. */
export async function setCorpusSecret(dir: string, secret: string): Promise<void> {
  const plaintext = `db:\n  password: ${JSON.stringify(secret)}\ntier_unencrypted: frontend-release\n`;
  const file = join(dir, "secrets.sops.yaml");
  writeFileSync(file, await encryptSops(plaintext, file, { recipients: [recipient] }));
}
