// The redaction corpus: secrets a person really uses (short, dictionary words,
// long, with quotes, multi-line) and the output shapes `releases` prints.
// A text marks where the secret stands with {S} and its base64 with {B}; the
// ground truth is the text with those marks replaced by <redacted>: every
// other character must come out unchanged.

export const SECRETS: readonly string[] = [
  "secret", // the dev password of the issue: 6 letters, inside secrets, secretName, secret/data
  "name", // a word every manifest uses as a key
  "password",
  "hunter2",
  "Name",
  "token",
  "s3cr3t!",
  "p@ss:w0rd",
  'it\'s "quoted"',
  "pässwörd",
  "correct-horse-battery-staple-0451-and-then-some",
  "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END KEY-----",
];

/**
 * Output shapes with the secret's places marked. A secret word stands in keys,
 * inside longer words, names and paths, but never as a whole value where no
 * secret is: there it is indistinguishable from the secret (see the README).
 */
export const TEXTS: Record<string, string> = {
  "helm template manifest": `---
# Source: backend/templates/secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: app1-back
  labels:
    app.kubernetes.io/name: backend
    app.kubernetes.io/managed-by: Helm
type: Opaque
data:
  password: {B}
---
apiVersion: secrets.hashicorp.com/v1beta1
kind: VaultStaticSecret
metadata:
  name: app1-back-db
spec:
  mount: kv
  path: secret/data/app1/db
  destination:
    name: app1-back-db
    create: true
---
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: backend
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: app1-back
                  key: db-password
            - name: DB_TOKEN
              value: "{S}"
            - name: TOKEN_FILE
              value: /run/secrets/token
          envFrom:
            - secretRef:
                name: app1-shared
      volumes:
        - name: tls
          secret:
            secretName: app1-tls
`,
  "values as YAML": `secrets:
  enabled: true
name: app1-back
nameOverride: ""
database:
  host: db.internal
  password: {S}
  url: postgres://app:{S}@db.internal:5432/app
tokenSecret:
  name: app1-token
hunter2Mode: false
`,
  "values as JSON": `{
  "name": "app1-back",
  "secretName": "app1-tls",
  "password": "{S}",
  "tokens": ["{S}", "token-reviewer"],
  "url": "postgres://app:{S}@db.internal:5432/app"
}
`,
  "status -o json": `{"releases":[{"id":"backend/app1-back","name":"app1-back","revision":3,"inSync":false,"secretsStale":true,"staleSecrets":["vault:secret/data/app1/db#password","sops:environments/dev/secrets.sops.yaml#db.password"],"consumed":["vault:secret/data/app1/db#token"]}],"ok":true}
`,
  "debug log": `[debug] helm upgrade --install app1-back ./charts/backend --namespace backend --values - --set-string db.password={S}
[debug] vault: GET /v1/secret/data/app1/db
[debug] values for backend/app1-back: {"password":"{S}","secretName":"app1-tls"}
releases: backend/app1-back: rotated secret/data/app1/db#password; redeploying its consumers
PASSWORD={S} TOKEN='{S}'
`,
  diff: `backend, app1-back, Secret (v1) has changed:
   data:
-    password: <redacted>
+    password: {B}
   stringData:
-    token: <redacted>
+    token: {S}
`,
};

export function expectedText(text: string): string {
  return text.replaceAll("{S}", "<redacted>").replaceAll("{B}", "<redacted>");
}

/** The text as printed with `secret` in place, in the form each place needs. */
export function withSecret(text: string, secret: string): string {
  const b64 = Buffer.from(secret).toString("base64");
  const json = JSON.stringify(secret).slice(1, -1);
  return text
    .split("\n")
    .map((line) => line.replaceAll("{B}", b64))
    .join("\n")
    .replace(/"([^"\n]*)\{S\}([^"\n]*)"/g, (_m, a: string, b: string) => `"${a}${json}${b}"`)
    .replace(/'\{S\}'/g, `'${secret.replaceAll("'", "''")}'`)
    .replaceAll("{S}", secret);
}
