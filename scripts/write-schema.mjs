// Writes schema/releases.schema.json from the same zod definition that validates
// releases.yaml (src/config/schema.ts), so editors and `releases` never disagree;
// and the same definition as data (src/config/schema-spec.json, copied into
// dist/) for the check that validates without loading zod (src/config/schema-check.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { projectJsonSchema } = await import(join(root, "dist/config/schema.js"));
const { schemaSpec } = await import(join(root, "dist/config/schema-spec.js"));
mkdirSync(join(root, "schema"), { recursive: true });
writeFileSync(join(root, "schema/releases.schema.json"), `${JSON.stringify(projectJsonSchema(), null, 2)}\n`);
const spec = `${JSON.stringify(schemaSpec())}\n`;
writeFileSync(join(root, "src/config/schema-spec.json"), spec);
writeFileSync(join(root, "dist/config/schema-spec.json"), spec);
