// The document model SOPS works on: ordered branches (so the MAC sees key
// order), lists, typed scalars and comments as items. Every format converts to
// and from this tree; encryption, decryption and the MAC walk it in one order.

export type SopsScalar =
  | { kind: "scalar"; type: "str"; value: string }
  | { kind: "scalar"; type: "int"; value: bigint }
  | { kind: "scalar"; type: "float"; value: number }
  | { kind: "scalar"; type: "bool"; value: boolean };

export interface SopsComment {
  kind: "comment";
  text: string;
}

export interface SopsItem {
  kind: "item";
  key: string;
  value: SopsValue;
}

export interface SopsBranch {
  kind: "branch";
  items: (SopsItem | SopsComment)[];
  /** At the root of a multi-document YAML file: how many items each document has. */
  documents?: number[];
}

export interface SopsList {
  kind: "list";
  items: (SopsValue | SopsComment)[];
}

export type SopsValue = SopsScalar | SopsBranch | SopsList | null;

export const str = (value: string): SopsScalar => ({ kind: "scalar", type: "str", value });

/** Which values a file encrypts: at most one of the four key rules, plus the comment rules. */
export interface EncryptionRules {
  unencryptedSuffix?: string;
  encryptedSuffix?: string;
  unencryptedRegex?: string;
  encryptedRegex?: string;
  unencryptedCommentRegex?: string;
  encryptedCommentRegex?: string;
  macOnlyEncrypted?: boolean;
}

export const DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";

/** The rule options as sops names them (in `sops:` metadata and in `.sops.yaml`) and as we do. */
export const RULE_FIELDS = [
  ["unencrypted_suffix", "unencryptedSuffix"],
  ["encrypted_suffix", "encryptedSuffix"],
  ["unencrypted_regex", "unencryptedRegex"],
  ["encrypted_regex", "encryptedRegex"],
  ["unencrypted_comment_regex", "unencryptedCommentRegex"],
  ["encrypted_comment_regex", "encryptedCommentRegex"],
] as const;

/** Go's RE2 allows a leading `(?i)`-style flag group, JavaScript does not. */
export function goRegExp(pattern: string): RegExp {
  const m = /^\(\?([imsU]+)\)/.exec(pattern);
  if (!m) return new RegExp(pattern, "u");
  const flags = [...new Set(m[1]!.replace("U", "").split(""))].join("");
  return new RegExp(pattern.slice(m[0].length), `u${flags}`);
}

export interface CompiledRules {
  rules: EncryptionRules;
  shouldEncrypt(
    path: readonly string[],
    comments: readonly (readonly string[])[],
    isComment: boolean,
  ): boolean;
}

/** sops.Tree.shouldBeEncrypted: every key on the path counts, not only the last. */
export function compileRules(rules: EncryptionRules): CompiledRules {
  const re = (p?: string) => (p ? goRegExp(p) : undefined);
  const unencryptedRegex = re(rules.unencryptedRegex);
  const encryptedRegex = re(rules.encryptedRegex);
  const unencryptedComment = re(rules.unencryptedCommentRegex);
  const encryptedComment = re(rules.encryptedCommentRegex);
  return {
    rules,
    shouldEncrypt(path, comments, isComment) {
      let encrypted = true;
      const { unencryptedSuffix: us, encryptedSuffix: es } = rules;
      if (us && path.some((k) => k.endsWith(us))) encrypted = false;
      if (es) encrypted = path.some((k) => k.endsWith(es));
      if (unencryptedRegex && path.some((k) => unencryptedRegex.test(k))) encrypted = false;
      if (encryptedRegex) encrypted = path.some((k) => encryptedRegex.test(k));
      if (unencryptedComment && comments.some((level) => level.some((c) => unencryptedComment.test(c)))) {
        encrypted = false;
      }
      if (encryptedComment) {
        encrypted = false;
        const last = comments.length - 1;
        comments.forEach((level, i) => {
          level.forEach((c, j) => {
            // The matching comment line itself stays readable.
            if (isComment && i === last && j === level.length - 1) return;
            if (encryptedComment.test(c)) encrypted = true;
          });
        });
      }
      return encrypted;
    },
  };
}

export type Leaf = SopsScalar | SopsComment;

/**
 * Visit every scalar and comment in document order with its path (map keys
 * only; list indices are not part of it) and the stack of comments in force,
 * returning a new tree with each leaf replaced by what the visitor returns.
 */
export function mapLeaves(
  branch: SopsBranch,
  visit: (
    leaf: Leaf,
    path: readonly string[],
    comments: readonly (readonly string[])[],
    inList: boolean,
  ) => Leaf,
): SopsBranch {
  const walkValue = (v: SopsValue, path: string[], stack: string[][], inList = false): SopsValue => {
    if (v === null) return null;
    // In a list the visitor may turn a scalar into a comment: sops writes list comments as `- ENC[…type:comment]`.
    if (v.kind === "scalar") return visit(v, path, stack, inList) as SopsScalar;
    if (v.kind === "branch") return walkBranch(v, path, stack);
    return walkList(v, path, stack);
  };
  const walkList = (list: SopsList, path: string[], outer: string[][]): SopsList => {
    const stack = [...outer, []];
    const level = stack.length - 1;
    const items = list.items.map((item) => {
      if (item !== null && item.kind === "comment") {
        stack[level] = [...stack[level]!, item.text];
        return visit(item, path, stack, true) as SopsComment;
      }
      const out = walkValue(item, path, stack, true);
      stack[level] = [];
      return out;
    });
    return { kind: "list", items };
  };
  const walkBranch = (b: SopsBranch, path: string[], outer: string[][]): SopsBranch => {
    const stack = [...outer, []];
    const level = stack.length - 1;
    const items = b.items.map((item): SopsItem | SopsComment => {
      if (item.kind === "comment") {
        stack[level] = [...stack[level]!, item.text];
        return visit(item, path, stack, false) as SopsComment;
      }
      const out = {
        kind: "item" as const,
        key: item.key,
        value: walkValue(item.value, [...path, item.key], stack),
      };
      stack[level] = [];
      return out;
    });
    return b.documents ? { kind: "branch", items, documents: b.documents } : { kind: "branch", items };
  };
  return walkBranch(branch, [], []);
}

/** The additional authenticated data SOPS binds a value to: `a:b:`. */
export function aadOf(path: readonly string[]): string {
  return `${path.join(":")}:`;
}

/** Plain JavaScript data for consumers: comments dropped, safe integers as numbers. */
export function toPlain(value: SopsValue): unknown {
  if (value === null) return null;
  switch (value.kind) {
    case "scalar":
      if (value.type === "int") {
        const n = Number(value.value);
        return Number.isSafeInteger(n) ? n : value.value.toString();
      }
      return value.value;
    case "list":
      return value.items
        .filter((i) => i === null || i.kind !== "comment")
        .map((i) => toPlain(i as SopsValue));
    case "branch": {
      const out: Record<string, unknown> = {};
      for (const item of value.items) if (item.kind === "item") out[item.key] = toPlain(item.value);
      return out;
    }
  }
}
