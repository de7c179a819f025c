// The Graph class: one native graph handle and the calls on it.

import { C } from './native.js';
import { check } from './errors.js';
import {
  encodeAttrs,
  encodeKey,
  encodeName,
  encodePath,
  readValue,
  takeKeys,
  takeKeysAndNumbers,
} from './convert.js';
import { callPagerank } from './pagerank.js';

// A Graph that is garbage-collected without close() still gives its memory back. The handle
// (a BigInt) is the held value: the registry must not keep the Graph itself alive.
const finalizer = new FinalizationRegistry((handle) => C.gr_graph_free(handle));

// A handle made by the library (load) for the next constructor call to adopt instead of
// making a new graph; module-private, so it adds nothing to the public constructor.
let adopting = null;

function optionalWeight(weight) {
  return weight === undefined || weight === null ? [null, 0] : encodeName(weight, 'weight');
}

export class Graph {
  #handle;

  /** An empty graph; `directed` (default false) makes edges one-way. */
  constructor({ directed = false } = {}) {
    if (adopting !== null) {
      this.#handle = adopting;
      adopting = null;
    } else {
      if (typeof directed !== 'boolean') throw new TypeError(`directed is a boolean, not ${typeof directed}`);
      const out = [null];
      check(C.gr_graph_new(directed, out));
      this.#handle = out[0];
    }
    finalizer.register(this, this.#handle);
  }

  /** Loads a graph saved with save(). */
  static load(path) {
    const out = [null];
    check(C.gr_graph_load(...encodePath(path), out));
    adopting = out[0];
    return new Graph();
  }

  /** Saves every node, edge and attribute in the native format (atomically replaced). */
  save(path) {
    check(C.gr_graph_save(this.#handle, ...encodePath(path)));
  }

  /**
   * Frees the graph's memory now. Closing twice is fine; any other call afterwards throws a
   * GroggyError (code "INVALID_OPERATION"), reported by the library itself: the handle lives
   * on, empty, until the Graph is garbage-collected.
   */
  close() {
    C.gr_graph_close(this.#handle);
  }

  /** Whether close() was called. */
  get closed() {
    const out = [false];
    check(C.gr_graph_is_closed(this.#handle, out));
    return out[0];
  }

  get directed() {
    const out = [false];
    check(C.gr_graph_is_directed(this.#handle, out));
    return out[0];
  }

  get nodeCount() {
    const out = [0];
    check(C.gr_graph_node_count(this.#handle, out));
    return out[0];
  }

  get edgeCount() {
    const out = [0];
    check(C.gr_graph_edge_count(this.#handle, out));
    return out[0];
  }

  /** Adds a node, or sets attributes of an existing one. Returns the graph. */
  addNode(key, attrs = undefined) {
    check(C.gr_graph_add_node(this.#handle, ...encodeKey(key), ...encodeAttrs(attrs)));
    return this;
  }

  /** Adds the edge u -> v (creating missing nodes), or sets attributes of an existing one. */
  addEdge(u, v, attrs = undefined) {
    check(C.gr_graph_add_edge(this.#handle, ...encodeKey(u), ...encodeKey(v), ...encodeAttrs(attrs)));
    return this;
  }

  hasNode(key) {
    const out = [false];
    check(C.gr_graph_has_node(this.#handle, ...encodeKey(key), out));
    return out[0];
  }

  hasEdge(u, v) {
    const out = [false];
    check(C.gr_graph_has_edge(this.#handle, ...encodeKey(u), ...encodeKey(v), out));
    return out[0];
  }

  /** Every node key, in insertion order. */
  nodes() {
    const out = [null];
    check(C.gr_graph_nodes(this.#handle, out));
    return takeKeys(out[0]);
  }

  /** The neighbours of a node in edge order (successors when directed). */
  neighbors(key) {
    const out = [null];
    check(C.gr_graph_neighbors(this.#handle, ...encodeKey(key), out));
    return takeKeys(out[0]);
  }

  /** A node's attribute: its value (null for Null), or undefined when the node lacks it. */
  getNodeAttr(key, name) {
    const k = encodeKey(key);
    const n = encodeName(name, 'an attribute name');
    return readValue((value, found) => C.gr_graph_get_node_attr(this.#handle, ...k, ...n, value, found));
  }

  /** An attribute of the edge u -> v, as getNodeAttr reads a node's. */
  getEdgeAttr(u, v, name) {
    const ku = encodeKey(u);
    const kv = encodeKey(v);
    const n = encodeName(name, 'an attribute name');
    return readValue((value, found) => C.gr_graph_get_edge_attr(this.#handle, ...ku, ...kv, ...n, value, found));
  }

  /**
   * PageRank with networkx's semantics: a Map from node key to score.
   * Options: alpha (0.85), maxIter (100), tol (1e-6), weight (an edge attribute; none).
   */
  pagerank(options = {}) {
    const keys = [null];
    const scores = [null];
    check(callPagerank(this.#handle, options, keys, scores));
    const [nodes, values] = takeKeysAndNumbers(keys[0], scores[0]);
    return new Map(nodes.map((key, i) => [key, values[i]]));
  }

  /** The nodes reached from `source` in breadth-first order, at most depthLimit hops away. */
  bfs(source, { depthLimit = -1 } = {}) {
    if (!Number.isSafeInteger(depthLimit)) throw new RangeError(`depthLimit is an integer, not ${depthLimit}`);
    const out = [null];
    check(C.gr_graph_bfs(this.#handle, ...encodeKey(source), depthLimit, null, out));
    return takeKeys(out[0]);
  }

  /** The keys along a shortest path (fewest edges, or least total `weight`). */
  shortestPath(source, target, { weight = undefined } = {}) {
    const out = [null];
    check(
      C.gr_graph_shortest_path(this.#handle, ...encodeKey(source), ...encodeKey(target), ...optionalWeight(weight), null, out),
    );
    return takeKeys(out[0]);
  }

  /** Connected components (weak ones when directed), largest first: arrays of keys. */
  connectedComponents() {
    const keys = [null];
    const sizes = [null];
    check(C.gr_graph_connected_components(this.#handle, null, keys, sizes));
    const [all, counts] = takeKeysAndNumbers(keys[0], sizes[0]);
    const components = [];
    let start = 0;
    for (const count of counts) {
      components.push(all.slice(start, start + count));
      start += count;
    }
    return components;
  }
}
