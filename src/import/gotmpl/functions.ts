// Go template / sprig / helmfile functions: which ones have a handlebars helper
// in releases, and what to say about the ones that do not.

/** Same name, same argument order, same meaning (values/templates.ts registers them). */
export const SAME_HELPERS = new Set([
  "default",
  "required",
  "quote",
  "toYaml",
  "toJson",
  "indent",
  "nindent",
  "b64enc",
  "b64dec",
  "lower",
  "upper",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "and",
  "or",
  "not",
]);

const HELPERS_TEXT =
  "toYaml, toJson, indent, nindent, default, required, quote, b64enc, b64dec, lower, upper, env, eq, ne, lt, le, gt, ge, and, or, not";

interface Advice {
  why: string;
  suggestion: string;
}

const ADVICE: Array<[readonly string[], Advice]> = [
  [
    ["exec", "envExec"],
    {
      why: "runs a command while rendering; releases templates never run commands",
      suggestion:
        'run the command before releases (e.g. in CI), pass its output in an environment variable and read it with {{env "NAME"}}, or write it into an environment values file',
    },
  ],
  [
    ["readFile", "readDir", "readDirEntries", "isFile", "isDir"],
    {
      why: "reads the filesystem while rendering",
      suggestion:
        "list the file itself under the release's values: (a .hbs file if it needs templating), or inline its content",
    },
  ],
  [
    ["tpl"],
    {
      why: "renders a string as a template at run time",
      suggestion: "move the templated text into its own .hbs values file",
    },
  ],
  [
    ["include", "template", "define", "block"],
    {
      why: "named templates have no handlebars equivalent in releases",
      suggestion:
        "repeat the text where it is used, or share release fields with templates: and inherit: in releases.yaml",
    },
  ],
  [
    ["fromYaml", "fromJson", "toToml", "fromToml", "setValueAtPath", "mustFromJson"],
    {
      why: "parses or rebuilds data inside the template",
      suggestion: "keep the data as YAML in a values file and reference it under values:",
    },
  ],
  [
    [
      "list",
      "dict",
      "set",
      "unset",
      "merge",
      "mergeOverwrite",
      "append",
      "prepend",
      "concat",
      "keys",
      "values",
    ],
    {
      why: "builds lists or maps inside the template",
      suggestion: "write the data as YAML in a values file; releases merges values files the Helm way",
    },
  ],
  [
    ["printf", "print", "println", "cat"],
    {
      why: "formats a string inside an expression",
      suggestion: "write the parts side by side in the text, e.g. {{values.a}}-{{values.b}}",
    },
  ],
  [
    ["fetchSecretValue", "expandSecretRefs"],
    {
      why: "a vals reference other than ref+vault://path#key or ref+sops://file#/key (or outside a values file)",
      suggestion:
        'in a values file use {{vault "secret/data/path" "key"}} or {{sops "file.sops.yaml" "dotted.key"}}',
    },
  ],
];

export function adviceFor(fn: string): Advice {
  for (const [names, advice] of ADVICE) if (names.includes(fn)) return advice;
  return {
    why: `the function "${fn}" has no handlebars helper in releases`,
    suggestion: `compute the value in an environment values file, or use a helper releases has: ${HELPERS_TEXT}`,
  };
}
