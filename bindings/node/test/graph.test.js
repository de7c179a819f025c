// Building graphs: keys of each kind, attributes of each type read back as they went in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Graph } from '../src/index.js';

test('an empty graph, directed or not', () => {
  const undirected = new Graph();
  assert.equal(undirected.directed, false);
  assert.equal(undirected.nodeCount, 0);
  assert.equal(undirected.edgeCount, 0);
  assert.deepEqual(undirected.nodes(), []);
  assert.equal(new Graph({ directed: true }).directed, true);
  assert.throws(() => new Graph({ directed: 1 }), TypeError);
});

test('int, BigInt and string keys', () => {
  const g = new Graph();
  const big = 2n ** 62n + 1n; // beyond 2**53: stays a BigInt
  g.addNode(1).addNode(-7n).addNode(big).addNode('x').addNode('').addNode('ключ 🙂');
  assert.equal(g.nodeCount, 6);
  assert.deepEqual(g.nodes(), [1, -7, big, 'x', '', 'ключ 🙂']);
  // The empty string key is a string, not the int 0.
  assert.equal(g.hasNode(''), true);
  assert.equal(g.hasNode(0), false);
  // 1 and 1n name the same node; '1' does not.
  assert.equal(g.hasNode(1n), true);
  assert.equal(g.hasNode('1'), false);
  assert.equal(g.hasNode(2n ** 63n - 1n), false);
});

test('keys that are neither ints nor strings are refused', () => {
  const g = new Graph();
  assert.throws(() => g.addNode(1.5), TypeError);
  assert.throws(() => g.addNode(null), TypeError);
  assert.throws(() => g.addNode({}), TypeError);
  assert.throws(() => g.addNode(2 ** 60), RangeError); // not exact as a Number: use a BigInt
  assert.throws(() => g.addNode(2n ** 63n), RangeError);
  assert.equal(g.nodeCount, 0);
});

test('edges, neighbours and membership', () => {
  const g = new Graph({ directed: true });
  g.addEdge(1, 2).addEdge(1, 'b').addEdge('b', 3);
  assert.equal(g.nodeCount, 4);
  assert.equal(g.edgeCount, 3);
  assert.equal(g.hasEdge(1, 2), true);
  assert.equal(g.hasEdge(2, 1), false);
  assert.deepEqual(g.neighbors(1), [2, 'b']);
  assert.deepEqual(g.neighbors(3), []);
  const u = new Graph();
  u.addEdge(1, 2);
  assert.equal(u.hasEdge(2, 1), true);
  assert.deepEqual(u.neighbors(2), [1]);
});

const VALUES = {
  int: 42,
  negative: -3,
  zero: 0,
  float: 1.5,
  nan: NaN,
  infinity: -Infinity,
  unsafe: 2 ** 60, // an integer a double only approximates: stored as float64
  bigint: 2n ** 62n,
  smallBigint: 5n,
  string: 'héllo wörld',
  emptyString: '',
  nul: 'a\0b',
  yes: true,
  no: false,
  nothing: null,
  bytes: Buffer.from([0, 1, 2, 255]),
  emptyBytes: Buffer.alloc(0),
  uint8: new Uint8Array([9, 8, 7, 6]).subarray(1, 3),
};

// What each value reads back as: int64 values as Numbers when exact, else BigInts; bytes as
// Buffers.
const EXPECTED = {
  ...VALUES,
  smallBigint: 5,
  uint8: Buffer.from([8, 7]),
};

test('node attributes of every type read back', () => {
  const g = new Graph();
  g.addNode('n', VALUES);
  for (const [name, expected] of Object.entries(EXPECTED)) {
    assert.deepEqual(g.getNodeAttr('n', name), expected, name);
  }
  assert.equal(typeof g.getNodeAttr('n', 'unsafe'), 'number');
  assert.equal(g.getNodeAttr('n', 'missing'), undefined);
});

test('edge attributes of every type read back', () => {
  const g = new Graph();
  g.addEdge(1, 2, new Map(Object.entries(VALUES)));
  for (const [name, expected] of Object.entries(EXPECTED)) {
    assert.deepEqual(g.getEdgeAttr(2, 1, name), expected, name);
  }
  assert.equal(g.getEdgeAttr(1, 2, 'missing'), undefined);
});

test('adding again updates attributes', () => {
  const g = new Graph();
  g.addNode(1, { a: 1, b: 'x' });
  g.addNode(1, { a: 'changed' });
  assert.equal(g.nodeCount, 1);
  assert.equal(g.getNodeAttr(1, 'a'), 'changed');
  assert.equal(g.getNodeAttr(1, 'b'), 'x');
  g.addEdge(1, 2, { w: 1 });
  g.addEdge(1, 2, { w: 2.5 });
  assert.equal(g.edgeCount, 1);
  assert.equal(g.getEdgeAttr(1, 2, 'w'), 2.5);
});

test('values of other types are refused and change nothing', () => {
  const g = new Graph();
  for (const bad of [undefined, {}, [1], new Date(0), Symbol('s'), () => 1, new Int32Array(2)]) {
    assert.throws(() => g.addNode(1, { ok: 1, bad }), TypeError);
  }
  assert.throws(() => g.addNode(1, { big: 2n ** 63n }), RangeError);
  assert.throws(() => g.addNode(1, 'attrs'), TypeError);
  assert.equal(g.nodeCount, 0);
});
