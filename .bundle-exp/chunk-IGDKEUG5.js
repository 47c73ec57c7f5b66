import {
  __commonJS,
  __toESM
} from "./chunk-4VNS5WPM.js";

// node_modules/p-graph/lib/PriorityQueue.js
var require_PriorityQueue = __commonJS({
  "node_modules/p-graph/lib/PriorityQueue.js"(exports) {
    "use strict";
    var __classPrivateFieldGet = exports && exports.__classPrivateFieldGet || function(receiver, state, kind, f) {
      if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
      if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
      return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
    };
    var _PriorityQueue_instances;
    var _PriorityQueue_heapifyDown;
    var _PriorityQueue_swap;
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.PriorityQueue = void 0;
    var PriorityQueue = class {
      constructor() {
        _PriorityQueue_instances.add(this);
        this.array = [];
      }
      isEmpty() {
        return this.array.length === 0;
      }
      insert(item, priority) {
        this.array.push({ item, priority });
        let indexToCheck = this.array.length - 1;
        while (indexToCheck > 0) {
          const parentIndex = Math.floor((indexToCheck - 1) / 2);
          if (this.array[indexToCheck].priority > this.array[parentIndex].priority) {
            __classPrivateFieldGet(this, _PriorityQueue_instances, "m", _PriorityQueue_swap).call(this, indexToCheck, parentIndex);
            indexToCheck = parentIndex;
          } else {
            break;
          }
        }
      }
      removeMax() {
        if (this.array.length === 0) {
          return void 0;
        }
        const max = this.array[0];
        const last = this.array.pop();
        if (this.array.length > 0) {
          this.array[0] = last;
          __classPrivateFieldGet(this, _PriorityQueue_instances, "m", _PriorityQueue_heapifyDown).call(this);
        }
        return max.item;
      }
    };
    exports.PriorityQueue = PriorityQueue;
    _PriorityQueue_instances = /* @__PURE__ */ new WeakSet(), _PriorityQueue_heapifyDown = function _PriorityQueue_heapifyDown2() {
      let index = 0;
      while (true) {
        const leftIndex = 2 * index + 1;
        const rightIndex = 2 * index + 2;
        let largest = index;
        if (leftIndex < this.array.length && this.array[leftIndex].priority > this.array[largest].priority) {
          largest = leftIndex;
        }
        if (rightIndex < this.array.length && this.array[rightIndex].priority > this.array[largest].priority) {
          largest = rightIndex;
        }
        if (largest !== index) {
          __classPrivateFieldGet(this, _PriorityQueue_instances, "m", _PriorityQueue_swap).call(this, index, largest);
          index = largest;
        } else {
          break;
        }
      }
    }, _PriorityQueue_swap = function _PriorityQueue_swap2(i, j) {
      const temp = this.array[i];
      this.array[i] = this.array[j];
      this.array[j] = temp;
    };
  }
});

// node_modules/p-graph/lib/findCycle.js
var require_findCycle = __commonJS({
  "node_modules/p-graph/lib/findCycle.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.findCycle = findCycle;
    function findCycle(unprocessedNodes, dependencyMap) {
      const visitMap = /* @__PURE__ */ new Map();
      for (const nodeId of unprocessedNodes) {
        if (!visitMap.has(nodeId)) {
          const cycle = searchForCycleDFS(dependencyMap, visitMap, nodeId);
          if (cycle?.length) {
            return cycle;
          }
        }
      }
      return void 0;
    }
    var searchForCycleDFS = (graph, visitMap, nodeId) => {
      const stack = [{ nodeId, traversing: false }];
      while (stack.length > 0) {
        const current = stack[stack.length - 1];
        if (current.traversing) {
          visitMap.set(current.nodeId, false);
          stack.pop();
        } else {
          const visitedState = visitMap.get(current.nodeId);
          if (visitedState === true) {
            const listOfCycle = stack.filter((i) => i.traversing).map((a) => a.nodeId);
            return listOfCycle.slice(listOfCycle.indexOf(current.nodeId));
          } else if (visitedState === false) {
            stack.pop();
            continue;
          }
          visitMap.set(current.nodeId, true);
          current.traversing = true;
          const node = graph.get(current.nodeId);
          if (!node) {
            throw new Error(`Could not find node "${current.nodeId}" in the graph`);
          }
          stack.push(...[...node.dependedOnBy].map((n) => ({ nodeId: n, traversing: false })));
        }
      }
      return void 0;
    };
  }
});

// node_modules/p-graph/lib/getNodeCumulativePriorities.js
var require_getNodeCumulativePriorities = __commonJS({
  "node_modules/p-graph/lib/getNodeCumulativePriorities.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getNodeCumulativePriorities = getNodeCumulativePriorities;
    var findCycle_1 = require_findCycle();
    function getNodeCumulativePriorities(dependencyMap) {
      const nodeCumulativePriorities = {};
      const childrenRemainingCount = {};
      const queue = [];
      for (const [nodeId, node] of dependencyMap.entries()) {
        const childrenCount = node.dependedOnBy.size;
        childrenRemainingCount[nodeId] = childrenCount;
        if (childrenCount === 0) {
          queue.push(nodeId);
        }
      }
      let currentNodeId;
      while (currentNodeId = queue.shift()) {
        const node = dependencyMap.get(currentNodeId);
        const currentNodePriority = node.priority || 0;
        let maxChildCumulativePriority = 0;
        for (const childId of node.dependedOnBy) {
          const childCumulativePriority = nodeCumulativePriorities[childId];
          if (childCumulativePriority === void 0) {
            throw new Error(`Expected to have already computed the cumulative priority for node ${childId}`);
          }
          maxChildCumulativePriority = Math.max(maxChildCumulativePriority, childCumulativePriority);
        }
        nodeCumulativePriorities[currentNodeId] = currentNodePriority + maxChildCumulativePriority;
        for (const parentId of node.dependsOn) {
          const remaining = childrenRemainingCount[parentId] - 1;
          childrenRemainingCount[parentId] = remaining;
          if (remaining === 0) {
            queue.push(parentId);
          }
        }
      }
      const processedCount = Object.keys(nodeCumulativePriorities).length;
      if (processedCount !== dependencyMap.size) {
        const unprocessedNodes = Array.from(dependencyMap.keys()).filter((nodeId) => !(nodeId in nodeCumulativePriorities));
        const cycleNodes = (0, findCycle_1.findCycle)(unprocessedNodes, dependencyMap) || unprocessedNodes;
        throw new Error(`A cycle has been detected including the following nodes:
${cycleNodes.join("\n")}`);
      }
      return nodeCumulativePriorities;
    }
  }
});

// node_modules/p-graph/lib/PGraphError.js
var require_PGraphError = __commonJS({
  "node_modules/p-graph/lib/PGraphError.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.PGraphError = void 0;
    var PGraphError = class extends Error {
      constructor(taskErrors) {
        super("Error(s) occurred during task execution:\n" + taskErrors.map((e) => `- ${String(e)}`).join("\n"));
        this.taskErrors = taskErrors;
      }
    };
    exports.PGraphError = PGraphError;
  }
});

// node_modules/p-graph/lib/PGraph.js
var require_PGraph = __commonJS({
  "node_modules/p-graph/lib/PGraph.js"(exports) {
    "use strict";
    var __classPrivateFieldSet = exports && exports.__classPrivateFieldSet || function(receiver, state, value, kind, f) {
      if (kind === "m") throw new TypeError("Private method is not writable");
      if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
      if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
      return kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value), value;
    };
    var __classPrivateFieldGet = exports && exports.__classPrivateFieldGet || function(receiver, state, kind, f) {
      if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
      if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
      return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
    };
    var _PGraph_dependencyMap;
    var _PGraph_nodesWithNoDependencies;
    var _PGraph_nodeCumulativePriorities;
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.PGraph = void 0;
    var PriorityQueue_1 = require_PriorityQueue();
    var getNodeCumulativePriorities_1 = require_getNodeCumulativePriorities();
    var PGraphError_1 = require_PGraphError();
    var PGraph2 = class {
      /**
       * Create a new graph. Throws an error if a cycle is detected.
       *
       * @param nodeMap Mapping from node ID to function and priority
       * @param dependencies Each tuple describes a dependency between two nodes in the p-graph:
       * the first task must complete before the second one begins.
       */
      constructor(nodeMap, dependencies) {
        _PGraph_dependencyMap.set(this, void 0);
        _PGraph_nodesWithNoDependencies.set(this, void 0);
        _PGraph_nodeCumulativePriorities.set(this, void 0);
        const entries = nodeMap instanceof Map ? nodeMap.entries() : Object.entries(nodeMap);
        const entryCount = nodeMap instanceof Map ? nodeMap.size : entries.length;
        const dependencyMap = /* @__PURE__ */ new Map();
        for (const [key, node] of entries) {
          dependencyMap.set(key, {
            ...node,
            dependsOn: /* @__PURE__ */ new Set(),
            dependedOnBy: /* @__PURE__ */ new Set(),
            failed: false
          });
        }
        for (const [subjectId, dependentId] of dependencies) {
          const subjectNode = dependencyMap.get(subjectId);
          const dependentNode = dependencyMap.get(dependentId);
          if (!subjectNode) {
            throw new Error(`Dependency graph referenced node with id ${subjectId}, which was not in the node list`);
          }
          if (!dependentNode) {
            throw new Error(`Dependency graph referenced node with id ${dependentId}, which was not in the node list`);
          }
          subjectNode.dependedOnBy.add(dependentId);
          dependentNode.dependsOn.add(subjectId);
        }
        const nodesWithNoDependencies = [];
        for (const [key, node] of dependencyMap.entries()) {
          if (node.dependsOn.size === 0) {
            nodesWithNoDependencies.push(key);
          }
        }
        __classPrivateFieldSet(this, _PGraph_nodesWithNoDependencies, nodesWithNoDependencies, "f");
        if (!nodesWithNoDependencies.length && entryCount > 0) {
          throw new Error("We could not find a node in the graph with no dependencies; this likely means there is a cycle including all nodes");
        }
        __classPrivateFieldSet(this, _PGraph_nodeCumulativePriorities, (0, getNodeCumulativePriorities_1.getNodeCumulativePriorities)(dependencyMap), "f");
        __classPrivateFieldSet(this, _PGraph_dependencyMap, dependencyMap, "f");
      }
      /**
       * Runs all the tasks in the promise graph in dependency order.
       * The graph can be run multiple times.
       *
       * If one or more tasks fail, it throws a `PGraphError` containing the original error(s).
       * (It could also throw a regular `Error` on initial validation failure.)
       *
       * Failure behavior:
       * - Throws an `Error` on initial validation failure
       * - If `continue` is false or unset and a task fails, the promise will reject immediately with
       *   a `PGraphError` containing the original error.
       * - If `continue` is true and a task fails, any tasks not dependent on the failed task will
       *   continue running, and a `PGraphError` containing all original errors will be thrown at the end.
       */
      run(options) {
        const dependencyMap = new Map([...__classPrivateFieldGet(this, _PGraph_dependencyMap, "f").entries()].map(([key, node]) => [
          key,
          {
            ...node,
            // Use the override run function if provided, or fall back to the original
            run: options?.run?.bind(null, key) || node.run,
            dependsOn: new Set(node.dependsOn),
            dependedOnBy: new Set(node.dependedOnBy)
          }
        ]));
        const nodeCumulativePriorities = __classPrivateFieldGet(this, _PGraph_nodeCumulativePriorities, "f");
        const concurrency = options?.concurrency;
        if (concurrency !== void 0 && concurrency < 1) {
          throw new Error(`concurrency must be either undefined or a positive integer; received ${options?.concurrency}`);
        }
        const priorityQueue = new PriorityQueue_1.PriorityQueue();
        for (const itemId of __classPrivateFieldGet(this, _PGraph_nodesWithNoDependencies, "f")) {
          priorityQueue.insert(itemId, nodeCumulativePriorities[itemId]);
        }
        let currentlyRunningTaskCount = 0;
        const scheduleTask = async () => {
          const taskToRunId = priorityQueue.removeMax();
          if (!taskToRunId) {
            throw new Error("Tried to schedule a task when there were no pending tasks!");
          }
          const taskToRun = dependencyMap.get(taskToRunId);
          try {
            currentlyRunningTaskCount += 1;
            if (!taskToRun.failed) {
              await taskToRun.run?.();
            }
          } catch (e) {
            taskToRun.failed = true;
            throw e;
          } finally {
            const shouldScheduleMoreTasks = options?.continue || !taskToRun.failed;
            if (shouldScheduleMoreTasks) {
              currentlyRunningTaskCount -= 1;
              for (const dependentId of taskToRun.dependedOnBy) {
                const dependentNode = dependencyMap.get(dependentId);
                if (taskToRun.failed) {
                  dependentNode.failed = true;
                }
                dependentNode.dependsOn.delete(taskToRunId);
                if (dependentNode.dependsOn.size === 0) {
                  priorityQueue.insert(dependentId, nodeCumulativePriorities[dependentId]);
                }
              }
            }
          }
        };
        return new Promise((resolve, reject) => {
          let errors = [];
          const trySchedulingTasks = () => {
            if (priorityQueue.isEmpty() && currentlyRunningTaskCount === 0) {
              if (errors.length === 0) {
                resolve();
              } else {
                reject(new PGraphError_1.PGraphError(errors));
              }
              return;
            }
            while (!priorityQueue.isEmpty() && (concurrency === void 0 || currentlyRunningTaskCount < concurrency)) {
              scheduleTask().then(() => trySchedulingTasks()).catch((e) => {
                errors.push(e);
                if (options?.continue) {
                  trySchedulingTasks();
                } else {
                  reject(new PGraphError_1.PGraphError([e]));
                }
              });
            }
          };
          trySchedulingTasks();
        });
      }
    };
    exports.PGraph = PGraph2;
    _PGraph_dependencyMap = /* @__PURE__ */ new WeakMap(), _PGraph_nodesWithNoDependencies = /* @__PURE__ */ new WeakMap(), _PGraph_nodeCumulativePriorities = /* @__PURE__ */ new WeakMap();
  }
});

// node_modules/p-graph/lib/index.js
var require_lib = __commonJS({
  "node_modules/p-graph/lib/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.PGraphError = exports.PGraph = void 0;
    var PGraph_1 = require_PGraph();
    Object.defineProperty(exports, "PGraph", { enumerable: true, get: function() {
      return PGraph_1.PGraph;
    } });
    var PGraphError_1 = require_PGraphError();
    Object.defineProperty(exports, "PGraphError", { enumerable: true, get: function() {
      return PGraphError_1.PGraphError;
    } });
  }
});

// dist/graph/schedule.js
var import_p_graph = __toESM(require_lib(), 1);
async function runGraph(graph, options, task) {
  const outcomes = /* @__PURE__ */ new Map();
  const nodes = new Map(graph.ids.map((id) => [id, { priority: options.weight?.(id) ?? 1 }]));
  const run = async (id) => {
    const blocked = graph.needsOf(id).filter((need) => outcomes.get(need) !== "succeeded");
    if (blocked.length > 0) {
      outcomes.set(id, "skipped");
      options.onSkip?.(id, { kind: "need-failed", needs: blocked });
      return;
    }
    if (options.signal?.aborted) {
      outcomes.set(id, "skipped");
      options.onSkip?.(id, { kind: "aborted" });
      return;
    }
    let ok = false;
    try {
      ok = await task(id);
    } catch (error) {
      ok = false;
      options.onError?.(id, error);
    }
    outcomes.set(id, ok ? "succeeded" : "failed");
  };
  await new import_p_graph.PGraph(nodes, graph.edges).run({
    run,
    concurrency: Math.max(1, options.concurrency)
  });
  return outcomes;
}
function levels(graph) {
  const depth = /* @__PURE__ */ new Map();
  const depthOf = (id) => {
    const known = depth.get(id);
    if (known !== void 0)
      return known;
    const d = Math.max(-1, ...graph.needsOf(id).map(depthOf)) + 1;
    depth.set(id, d);
    return d;
  };
  const out = [];
  for (const id of graph.ids) {
    const d = depthOf(id);
    out[d] = [...out[d] ?? [], id];
  }
  return out;
}

export {
  runGraph,
  levels
};
