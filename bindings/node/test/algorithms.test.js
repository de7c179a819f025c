// Algorithms, against values the Python package computed for the same graphs (and networkx
// agreed with to 1e-16).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Graph } from '../src/index.js';

const EDGES = [
  [1, 2, 1.0],
  [2, 3, 2.0],
  [3, 1, 1.0],
  [3, 4, 0.5],
  [4, 1, 3.0],
  [5, 4, 1.0],
  ['a', 'b', 1.0],
];

function build(directed) {
  const g = new Graph({ directed });
  for (const [u, v, w] of EDGES) g.addEdge(u, v, { w });
  return g;
}

// groggy.Graph(...).pagerank(weight=...) in Python, rounded to 10 places.
const PAGERANK = {
  'directed, unweighted': [true, undefined, [0.2576690521, 0.2466568819, 0.2372935457, 0.1519779408, 0.0276370336, 0.0276370336, 0.0511285122]],
  'directed, weighted': [true, 'w', [0.2697729183, 0.2569434878, 0.2460411412, 0.1208398732, 0.0276370336, 0.0276370336, 0.0511285122]],
  'undirected, unweighted': [false, undefined, [0.1714846592, 0.118603809, 0.1714846592, 0.1802217762, 0.0724908107, 0.1428571429, 0.1428571429]],
  'undirected, weighted': [false, 'w', [0.1989579302, 0.1252197217, 0.1440537054, 0.1889371728, 0.0571171842, 0.1428571429, 0.1428571429]],
};

for (const [name, [directed, weight, expected]] of Object.entries(PAGERANK)) {
  test(`pagerank, ${name}`, () => {
    const scores = build(directed).pagerank({ weight });
    assert.ok(scores instanceof Map);
    assert.deepEqual([...scores.keys()], [1, 2, 3, 4, 5, 'a', 'b']);
    [...scores.values()].forEach((score, i) => assert.ok(Math.abs(score - expected[i]) < 1e-9, `${i}: ${score}`));
  });
}

test('pagerank options reach the library', () => {
  const g = build(true);
  // One iteration cannot converge: the library says so.
  assert.throws(() => g.pagerank({ maxIter: 1 }), { code: 'ALGORITHM', operation: 'pagerank' });
  assert.throws(() => g.pagerank({ alpha: 1.5 }), { code: 'INVALID_ARGUMENT', operation: 'pagerank' });
  assert.throws(() => g.pagerank({ weight: 'nope' }), { code: 'INVALID_ARGUMENT', operation: 'pagerank' });
  assert.throws(() => g.pagerank({ maxIter: -1 }), RangeError);
  // A looser tolerance stops earlier, so the scores differ a little.
  const loose = g.pagerank({ tol: 1e-2 });
  const tight = g.pagerank({ tol: 1e-12 });
  assert.notEqual(loose.get(1), tight.get(1));
  assert.ok(Math.abs(loose.get(1) - tight.get(1)) < 1e-2);
  assert.ok(Math.abs(g.pagerank({ alpha: 0.5 }).get(1) - tight.get(1)) > 1e-3);
  assert.equal(new Graph().pagerank().size, 0);
});

test('bfs, with and without a depth limit', () => {
  const g = build(true);
  assert.deepEqual(g.bfs(5), [5, 4, 1, 2, 3]);
  assert.deepEqual(g.bfs(5, { depthLimit: 0 }), [5]);
  assert.deepEqual(g.bfs(5, { depthLimit: 2 }), [5, 4, 1]);
  assert.deepEqual(g.bfs('a'), ['a', 'b']);
  assert.deepEqual(build(false).bfs(1), [1, 2, 3, 4, 5]);
});

test('shortest paths, by hops and by weight', () => {
  const g = new Graph({ directed: true });
  g.addEdge('s', 'x', { w: 10 }).addEdge('x', 't', { w: 10 });
  g.addEdge('s', 'a', { w: 1 }).addEdge('a', 'b', { w: 1 }).addEdge('b', 't', { w: 1 });
  assert.deepEqual(g.shortestPath('s', 't'), ['s', 'x', 't']);
  assert.deepEqual(g.shortestPath('s', 't', { weight: 'w' }), ['s', 'a', 'b', 't']);
  assert.deepEqual(g.shortestPath('s', 's'), ['s']);
  assert.throws(() => g.shortestPath('t', 's'), { code: 'NO_PATH', operation: 'shortest_path' });
});

test('connected components, largest first', () => {
  const g = build(true);
  g.addNode('alone');
  assert.deepEqual(g.connectedComponents(), [[1, 2, 3, 4, 5], ['a', 'b'], ['alone']]);
  assert.deepEqual(new Graph().connectedComponents(), []);
});
