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
      // The input's keys (a handful) in the schema's order, rather than every key of the schema.
      const { index, required } = shapeOf(node);
      const keys = Object.keys(value);
      let requiredPresent = 0;
      for (const key of keys) {
        const at = index.get(key);
        if (at === undefined) return INVALID;
        if (node.shape[at]![1].type !== "optional") requiredPresent++;
      }
      if (requiredPresent < required) return INVALID;
      keys.sort((a, b) => index.get(a)! - index.get(b)!);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const checked = checkSpec(node.shape[index.get(key)!]![1], value[key]);
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

const shapes = new WeakMap<SpecNode, { index: Map<string, number>; required: number }>();
/** Where each key sits in an object's schema, and how many of its keys are required. */
function shapeOf(node: SpecNode & { type: "object" }): { index: Map<string, number>; required: number } {
  let shape = shapes.get(node);
  if (!shape) {
    shape = {
      index: new Map(node.shape.map(([key], i) => [key, i])),
      required: node.shape.filter(([, schema]) => schema.type !== "optional").length,
    };
    shapes.set(node, shape);
  }
  return shape;
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
