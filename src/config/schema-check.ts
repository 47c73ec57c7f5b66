// Validates parsed YAML against the schema written out as data (schema-spec.ts),
// returning what zod's parse would return — strict objects rebuilt in the
// schema's key order, records and lists copied, labels turned into strings —
// or INVALID. It only ever accepts what zod accepts (a unit test compares the
// two); on INVALID the caller asks zod, whose issues make the error messages.
import type { SpecNode } from "./schema-spec.js";

export const INVALID: unique symbol = Symbol("invalid");

export function checkSpec(node: SpecNode, value: unknown): unknown {
  switch (node.type) {
    case "string":
      if (typeof value !== "string") return INVALID;
      if (node.minLength !== undefined && value.length < node.minLength) return INVALID;
      if (node.pattern && !regExp(node.pattern).test(value)) return INVALID;
      return value;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return INVALID;
      if (node.safeInteger && !Number.isSafeInteger(value)) return INVALID;
      if (node.min && (node.min.inclusive ? value < node.min.value : value <= node.min.value)) return INVALID;
      if (node.max && (node.max.inclusive ? value > node.max.value : value >= node.max.value)) return INVALID;
      return value;
    case "boolean":
      return typeof value === "boolean" ? value : INVALID;
    case "unknown":
      return value;
    case "literal":
    case "enum":
      return (node.values as unknown[]).includes(value) ? value : INVALID;
    case "array": {
      if (!Array.isArray(value)) return INVALID;
      if (node.minLength !== undefined && value.length < node.minLength) return INVALID;
      const out: unknown[] = [];
      for (const item of value) {
        const checked = checkSpec(node.element, item);
        if (checked === INVALID) return INVALID;
        out.push(checked);
      }
      return out;
    }
    case "object": {
      if (!isPlainMap(value)) return INVALID;
      for (const key of Object.keys(value)) if (!shapeHas(node, key)) return INVALID;
      const out: Record<string, unknown> = {};
      for (const [key, schema] of node.shape) {
        if (!Object.hasOwn(value, key)) {
          if (schema.type !== "optional") return INVALID;
          continue;
        }
        const checked = checkSpec(schema, value[key]);
        if (checked === INVALID) return INVALID;
        out[key] = checked;
      }
      return out;
    }
    case "record": {
      if (!isPlainMap(value)) return INVALID;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (checkSpec(node.key, key) === INVALID) return INVALID;
        const checked = checkSpec(node.value, value[key]);
        if (checked === INVALID) return INVALID;
        out[key] = checked;
      }
      return out;
    }
    case "union":
      for (const option of node.options) {
        const checked = checkSpec(option, value);
        if (checked !== INVALID) return checked;
      }
      return INVALID;
    case "optional":
      return value === undefined ? undefined : checkSpec(node.inner, value);
    case "nullable":
      return value === null ? null : checkSpec(node.inner, value);
    case "toString": {
      const checked = checkSpec(node.inner, value);
      return checked === INVALID ? INVALID : String(checked);
    }
  }
}

/** A map as YAML gives it; `__proto__` keys are left to zod. */
function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !Object.hasOwn(value, "__proto__");
}

const shapeKeys = new WeakMap<SpecNode, Set<string>>();
function shapeHas(node: SpecNode & { type: "object" }, key: string): boolean {
  let keys = shapeKeys.get(node);
  if (!keys) {
    keys = new Set(node.shape.map(([k]) => k));
    shapeKeys.set(node, keys);
  }
  return keys.has(key);
}

const regExps = new Map<string, RegExp>();
function regExp(pattern: { source: string; flags: string }): RegExp {
  const key = `${pattern.flags}/${pattern.source}`;
  let re = regExps.get(key);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
    regExps.set(key, re);
  }
  return re;
}
