// close(), use after close, garbage collection, and every result the library hands out freed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Graph, GroggyError, memoryStats } from '../src/index.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/** Collects garbage until the FinalizationRegistry callbacks have run. */
async function collect() {
  for (let i = 0; i < 5; i++) {
    gc();
    await tick();
  }
}

test('closing twice is fine; every later call throws INVALID_OPERATION', () => {
  const g = new Graph();
  g.addEdge(1, 2, { w: 1 });
  assert.equal(g.closed, false);
  g.close();
  g.close();
  assert.equal(g.closed, true);
  const calls = {
    node_count: () => g.nodeCount,
    add_node: () => g.addNode(3),
    add_edge: () => g.addEdge(1, 3),
    has_node: () => g.hasNode(1),
    neighbors: () => g.neighbors(1),
    get_node_attr: () => g.getNodeAttr(1, 'a'),
    pagerank: () => g.pagerank(),
    bfs: () => g.bfs(1),
    shortest_path: () => g.shortestPath(1, 2),
    connected_components: () => g.connectedComponents(),
  };
  for (const [operation, call] of Object.entries(calls)) {
    assert.throws(call, (error) => {
      assert.ok(error instanceof GroggyError, operation);
      assert.equal(error.code, 'INVALID_OPERATION', operation);
      assert.equal(error.operation, operation);
      assert.match(error.message, /closed/);
      return true;
    });
  }
});

function workload(dir, round) {
  const g = new Graph({ directed: round % 2 === 0 });
  for (let i = 0; i < 200; i++) {
    g.addEdge(i, (i * 7 + 1) % 200, { w: i / 3, label: `edge ${i}`, raw: Buffer.from([i & 255]) });
    g.addNode(`n${i}`, { s: 'x'.repeat(i), big: 2n ** 62n });
  }
  for (let i = 0; i < 50; i++) {
    g.getNodeAttr(`n${i}`, 's');
    g.getEdgeAttr(i, (i * 7 + 1) % 200, 'label');
    g.getEdgeAttr(i, (i * 7 + 1) % 200, 'raw');
    g.neighbors(i);
  }
  g.nodes();
  g.pagerank({ weight: 'w' });
  g.bfs(0);
  g.shortestPath(0, 1, { weight: 'w' });
  g.connectedComponents();
  g.save(path.join(dir, 'g.groggy'));
  Graph.load(path.join(dir, 'g.groggy')).close();
  assert.throws(() => g.neighbors('missing'), GroggyError);
  g.close();
}

test('results, values and graphs are all freed', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groggy-node-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  workload(dir, 0); // the thread's last-error message and other one-time allocations
  await collect();
  const before = memoryStats().current;
  for (let round = 1; round <= 10; round++) workload(dir, round);
  await collect();
  assert.equal(memoryStats().current, before);
});

test('a graph never closed is freed when it is garbage-collected', async () => {
  await collect();
  const before = memoryStats().current;
  (() => {
    const g = new Graph();
    for (let i = 0; i < 10000; i++) g.addNode(i, { i });
  })();
  assert.ok(memoryStats().current > before + 100000);
  await collect();
  assert.equal(memoryStats().current, before);
});
