import {
  yaml
} from "./chunk-EOAQSOO2.js";
import {
  CORE_SCHEMA,
  EVENT_ID,
  SCALAR_STYLE,
  getScalarValue,
  load,
  mergeTag,
  parseEvents
} from "./chunk-BFLBSBCJ.js";
import {
  ConfigError
} from "./chunk-XLEZOOEL.js";

// dist/config/yaml-positions.js
function blockIndicator(text, contentStart) {
  let end = text.lastIndexOf("\n", contentStart - 1);
  while (end > 0) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end).replace(/\s+#.*$/, "");
    const match = /[|>][0-9+-]*\s*$/.exec(line);
    if (match)
      return start + match.index;
    end = start - 1;
  }
  return contentStart;
}
var pathKey = (path) => path.join("\0");
function yamlPositions(text, maxDepth) {
  const events = parseEvents(text, { maxDepth });
  const index = /* @__PURE__ */ new Map();
  const stack = [];
  const startOf = (event, keyEnd) => {
    if (event.type === EVENT_ID.SCALAR && event.valueStart < 0) {
      return keyEnd === void 0 ? void 0 : text.indexOf(":", keyEnd) + 1;
    }
    if (event.type === EVENT_ID.SCALAR) {
      const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
      if (quoted)
        return event.valueStart - 1;
      const block = event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK;
      return block ? blockIndicator(text, event.valueStart) : event.valueStart;
    }
    if (event.type === EVENT_ID.ALIAS)
      return event.anchorStart - 1;
    return event.start;
  };
  for (const event of events) {
    const top = stack[stack.length - 1];
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      stack.push({ kind: "doc", path: [], index: 0, expectKey: false });
      continue;
    }
    if (!top)
      continue;
    const isCollection = event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE;
    if (top.kind === "skip") {
      if (isCollection)
        stack.push({ kind: "skip", path: [], index: 0, expectKey: false });
      continue;
    }
    if (top.kind === "map" && top.expectKey) {
      top.expectKey = false;
      top.keyStart = startOf(event);
      top.key = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : void 0;
      top.keyEnd = event.type === EVENT_ID.SCALAR ? event.valueEnd : void 0;
      if (isCollection)
        stack.push({ kind: "skip", path: [], index: 0, expectKey: false });
      continue;
    }
    let path;
    let keyStart;
    let keyEnd;
    if (top.kind === "doc")
      path = [];
    else if (top.kind === "seq")
      path = [...top.path, top.index++];
    else {
      top.expectKey = true;
      keyStart = top.keyStart;
      keyEnd = top.keyEnd;
      if (top.key !== void 0)
        path = [...top.path, top.key];
    }
    if (path !== void 0) {
      const quoted = event.type === EVENT_ID.SCALAR && (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED);
      const key = pathKey(path);
      const start = startOf(event, keyEnd);
      if (start !== void 0 && !index.has(key))
        index.set(key, { start, keyStart, quoted });
    }
    if (isCollection) {
      stack.push({
        kind: path === void 0 ? "skip" : event.type === EVENT_ID.MAPPING ? "map" : "seq",
        path: path ?? [],
        index: 0,
        expectKey: true
      });
    }
  }
  let lineStarts;
  return {
    at: (path) => index.get(pathKey(path)),
    linePos: (offset) => {
      if (!lineStarts) {
        lineStarts = [0];
        for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
          lineStarts.push(i + 1);
      }
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const mid = low + high + 1 >> 1;
        if (lineStarts[mid] <= offset)
          low = mid;
        else
          high = mid - 1;
      }
      return { line: low + 1, col: offset - lineStarts[low] + 1 };
    }
  };
}

// dist/config/yaml-shape.js
var MAX_DEPTH = 200;
var MIN_VALUE_BUDGET = 1e5;
function checkShape(source, budget, options = {}) {
  if (options.tree && depthWithin(source.data, MAX_DEPTH))
    return;
  const measured = /* @__PURE__ */ new Map();
  const measuring = /* @__PURE__ */ new Set();
  const childrenOf = (node) => Array.isArray(node) ? node : Object.values(node);
  const isNode = (value) => value !== null && typeof value === "object";
  const root = source.data;
  const stack = isNode(root) ? [root] : [];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (!measuring.has(node)) {
      measuring.add(node);
      for (const child of childrenOf(node)) {
        if (!isNode(child) || measured.has(child))
          continue;
        if (measuring.has(child))
          throw tooDeep(source, root, measured);
        stack.push(child);
      }
      continue;
    }
    stack.pop();
    if (measured.has(node))
      continue;
    let size = 0;
    let depth = 0;
    for (const child of childrenOf(node)) {
      size += 1;
      const m = isNode(child) ? measured.get(child) : void 0;
      if (m) {
        size += m.size;
        depth = Math.max(depth, m.depth);
      }
    }
    measured.set(node, { size, depth: depth + 1 });
    if (depth + 1 > MAX_DEPTH)
      throw tooDeep(source, root, measured);
    if (size > budget) {
      throw new ConfigError(`expands to more than ${budget} values through aliases (anchors referenced too often?)`, { location: { file: source.file } });
    }
  }
}
function depthWithin(node, limit) {
  if (node === null || typeof node !== "object")
    return true;
  if (limit === 0)
    return false;
  for (const child of Array.isArray(node) ? node : Object.values(node))
    if (!depthWithin(child, limit - 1))
      return false;
  return true;
}
function tooDeep(source, root, measured) {
  const path = [];
  let node = root;
  while (node !== null && typeof node === "object" && path.length < MAX_DEPTH) {
    const entries = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    const depthOf = (v) => v !== null && typeof v === "object" ? measured.get(v)?.depth ?? 1 : 0;
    const deepest = entries.reduce((best, e) => best === void 0 || depthOf(e[1]) > depthOf(best[1]) ? e : best, void 0);
    if (!deepest)
      break;
    path.push(deepest[0]);
    node = deepest[1];
  }
  const location = source.locate(path);
  const field = path.length > 4 ? `${formatField(path.slice(0, 3))}\u2026 (${path.length} levels)` : location.field;
  return new ConfigError(`nested too deeply (more than ${MAX_DEPTH} levels)`, {
    location: { ...location, field }
  });
}

// dist/config/yaml-source.js
function formatField(path) {
  let out = "";
  for (const part of path)
    out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out;
}
function parseYaml(text, file) {
  const fast = fastLoad(text);
  if (fast === void 0)
    return parseYamlDocument(text, file);
  let positions;
  const source = {
    file,
    data: fast.data,
    // Every release records where it and its fields are written, but only an
    // error reads a line: the positions (a second pass over the file) wait for that.
    locate: (path, options) => lazyLocation(file, formatField(path) || void 0, () => {
      positions ??= yamlPositions(text, MAX_DEPTH);
      return locateIn(positions, file, path, options?.key ?? false, options?.content ?? false);
    })
  };
  checkShape(source, Math.max(text.length, MIN_VALUE_BUDGET), { tree: !text.includes("*") });
  return source;
}
function lazyLocation(file, field, resolve) {
  let resolved;
  return {
    file,
    get line() {
      resolved ??= resolve();
      return resolved.line;
    },
    get column() {
      resolved ??= resolve();
      return resolved.column;
    },
    field
  };
}
function locateIn(positions, file, path, key, content) {
  const field = formatField(path);
  for (let depth = path.length; depth >= 0; depth--) {
    const at = positions.at(path.slice(0, depth));
    if (!at)
      continue;
    const whole = depth === path.length;
    const offset = key && whole && depth > 0 && at.keyStart !== void 0 ? at.keyStart : at.start + (content && whole && at.quoted ? 1 : 0);
    const { line, col } = positions.linePos(offset);
    return { file, line, column: col, field: field || void 0 };
  }
  return { file, field: field || void 0 };
}
var fastSchema = CORE_SCHEMA.withTags(mergeTag);
var TAG_OR_DIRECTIVE = /(?:^|[\s,[{])!|^%/m;
function fastLoad(text) {
  if (TAG_OR_DIRECTIVE.test(text))
    return void 0;
  try {
    return { data: load(text, { schema: fastSchema, maxDepth: MAX_DEPTH }) };
  } catch {
    return void 0;
  }
}
function parseYamlDocument(text, file) {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false });
  const [error] = doc.errors;
  if (error) {
    const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    const message = /call stack/i.test(error.message) ? `nested too deeply (more than ${MAX_DEPTH} levels)` : `YAML syntax error: ${firstLine(error.message)}`;
    throw new ConfigError(message, { location: { file, line: pos.line, column: pos.col } });
  }
  const duplicate = firstDuplicateKey(doc);
  if (duplicate !== void 0) {
    const pos = lineCounter.linePos(duplicate);
    throw new ConfigError("YAML syntax error: Map keys must be unique", {
      location: { file, line: pos.line, column: pos.col }
    });
  }
  rejectCollectionKeys(doc, text, lineCounter, file);
  let data;
  try {
    data = doc.toJS({ maxAliasCount: 1e3 });
  } catch (cause) {
    const message = cause.message;
    throw new ConfigError(/excessive alias count/i.test(message) ? "too many alias expansions (nested anchors that grow exponentially?)" : `YAML syntax error: ${firstLine(message)}`, { location: { file }, cause });
  }
  const source = {
    file,
    data,
    locate: (path, options) => locate(doc, lineCounter, file, path, options?.key ?? false, options?.content ?? false)
  };
  checkShape(source, Math.max(text.length, MIN_VALUE_BUDGET));
  return source;
}
function firstDuplicateKey(doc) {
  const { isMap, isScalar, isSeq } = yaml();
  const stack = [doc.contents];
  let first;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = /* @__PURE__ */ new Set();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          if (seen.has(key.value)) {
            const at = key.range?.[0] ?? 0;
            if (first === void 0 || at < first)
              first = at;
          }
          seen.add(key.value);
        } else if (key)
          stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items)
        stack.push(item);
    }
  }
  return first;
}
function rejectCollectionKeys(doc, text, lineCounter, file) {
  const { isCollection, visit } = yaml();
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key))
        return;
      const start = pair.key.range?.[0] ?? 0;
      const offset = text[start] === "{" && text[start - 1] === "{" ? start - 1 : start;
      const { line, col } = lineCounter.linePos(offset);
      throw new ConfigError("a map or list used as a map key: an unquoted {{ }} template?", {
        location: { file, line, column: col },
        hint: 'quote a value that starts with {{, e.g. tag: "{{values.tag}}"'
      });
    }
  });
}
function firstLine(message) {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}
function locate(doc, lineCounter, file, path, key, content) {
  const { isMap, isScalar } = yaml();
  const field = formatField(path);
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    let offset;
    if (key && depth === path.length && depth > 0) {
      const parent = doc.getIn(prefix.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === prefix[prefix.length - 1]);
        offset = isScalar(pair?.key) ? pair.key.range?.[0] : void 0;
      }
    }
    if (offset === void 0) {
      const node = depth === 0 ? doc.contents : doc.getIn(prefix, true);
      offset = node?.range?.[0];
      const quoted = isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE");
      if (offset !== void 0 && content && depth === path.length && quoted)
        offset += 1;
    }
    if (offset !== void 0) {
      const { line, col } = lineCounter.linePos(offset);
      return { file, line, column: col, field: field || void 0 };
    }
  }
  return { file, field: field || void 0 };
}

export {
  formatField,
  parseYaml,
  lazyLocation
};
