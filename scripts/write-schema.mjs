// Writes schema/releases.schema.json from the same zod definition that validates
// releases.yaml (src/config/schema.ts), so editors and `releases` never disagree.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { projectJsonSchema } = await import(join(root, "dist/config/schema.js"));
mkdirSync(join(root, "schema"), { recursive: true });
writeFileSync(join(root, "schema/releases.schema.json"), `${JSON.stringify(projectJsonSchema(), null, 2)}\n`);
