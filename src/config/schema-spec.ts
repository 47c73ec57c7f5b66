// The zod definition of releases.yaml (schema.ts) written out as plain data,
// for schema-check.ts: `list` of a large project validates with it without
// loading zod (a tenth of a second) or running it. `npm run build` writes it to
// schema-spec.json; a unit test checks the committed file is current and that
// the check accepts exactly what zod accepts, with the same result.
import type { z } from "zod";
import { includedFileSchema, projectSchema } from "./schema.js";

/** One zod schema as data; objects are strict (zod's strictObject), their keys in zod's order. */
export type SpecNode =
  | { type: "string"; minLength?: number; pattern?: { source: string; flags: string } }
  | { type: "number"; safeInteger?: boolean; min?: Bound; max?: Bound }
  | { type: "boolean" }
  | { type: "unknown" }
  | { type: "literal"; values: (string | number | boolean | null)[] }
  | { type: "enum"; values: (string | number)[] }
  | { type: "array"; element: SpecNode; minLength?: number }
  | { type: "object"; shape: [string, SpecNode][] }
  | { type: "record"; key: SpecNode; value: SpecNode }
  | { type: "union"; options: SpecNode[] }
  | { type: "optional"; inner: SpecNode }
  | { type: "nullable"; inner: SpecNode }
  /** `.transform(String)`: the only transform the schema uses. */
  | { type: "toString"; inner: SpecNode };

export interface Bound {
  value: number;
  inclusive: boolean;
}

export interface SchemaSpec {
  project: SpecNode;
  includedFile: SpecNode;
}

export function schemaSpec(): SchemaSpec {
  return { project: specOf(projectSchema), includedFile: specOf(includedFileSchema) };
}

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  [key: string]: unknown;
}
interface CheckDef {
  check: string;
  minimum?: number;
  format?: string;
  pattern?: RegExp;
  value?: number;
  inclusive?: boolean;
}

/** Throws on anything it cannot mirror exactly, so a new zod feature in schema.ts fails the build, not a run. */
export function specOf(schema: z.core.$ZodType): SpecNode {
  const def = schema._zod.def as unknown as Def;
  const child = (key: string) => specOf(def[key] as z.core.$ZodType);
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const unsupported = (what: string): never => {
    throw new Error(
      `schema-spec: cannot mirror ${what} of a ${def.type} schema; teach schema-spec.ts and schema-check.ts`,
    );
  };
  // A refinement (`.refine`, `.superRefine`) is a check too: only the checks below are mirrored.
  if (checks.length > 0 && !["string", "number", "array"].includes(def.type)) unsupported("checks");
  switch (def.type) {
    case "string": {
      const node: SpecNode & { type: "string" } = { type: "string" };
      for (const c of checks) {
        if (c.check === "min_length") node.minLength = c.minimum!;
        else if (c.check === "string_format" && c.format === "regex" && node.pattern === undefined)
          node.pattern = { source: c.pattern!.source, flags: c.pattern!.flags };
        else unsupported(`the check ${c.check}/${c.format}`);
      }
      return node;
    }
    case "number": {
      const node: SpecNode & { type: "number" } = { type: "number" };
      for (const c of checks) {
        if (c.check === "number_format" && c.format === "safeint") node.safeInteger = true;
        else if (c.check === "greater_than" && node.min === undefined)
          node.min = { value: c.value!, inclusive: c.inclusive! };
        else if (c.check === "less_than" && node.max === undefined)
          node.max = { value: c.value!, inclusive: c.inclusive! };
        else unsupported(`the check ${c.check}/${c.format}`);
      }
      return node;
    }
    case "boolean":
    case "unknown":
      return { type: def.type };
    case "literal":
      return { type: "literal", values: [...(def.values as (string | number | boolean | null)[])] };
    case "enum":
      return { type: "enum", values: Object.values(def.entries as Record<string, string | number>) };
    case "array": {
      const node: SpecNode & { type: "array" } = { type: "array", element: child("element") };
      for (const c of checks) {
        if (c.check === "min_length") node.minLength = c.minimum!;
        else unsupported(`the check ${c.check}`);
      }
      return node;
    }
    case "object": {
      const catchall = (def.catchall as z.core.$ZodType | undefined)?._zod.def.type;
      if (catchall !== "never") unsupported("a non-strict object");
      const shape = def.shape as Record<string, z.core.$ZodType>;
      return { type: "object", shape: Object.entries(shape).map(([k, v]) => [k, specOf(v)]) };
    }
    case "record":
      return { type: "record", key: child("keyType"), value: child("valueType") };
    case "union":
      return { type: "union", options: (def.options as z.core.$ZodType[]).map(specOf) };
    case "optional":
    case "nullable":
      return { type: def.type, inner: child("innerType") };
    case "pipe": {
      const out = (def.out as z.core.$ZodType)._zod.def as unknown as Def;
      if (out.type === "transform" && out.transform === String)
        return { type: "toString", inner: child("in") };
      return unsupported("a pipe or transform other than String");
    }
    default:
      return unsupported("the type");
  }
}
