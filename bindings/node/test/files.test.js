// save and load: a graph comes back with every node, edge and attribute.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Graph, GroggyError } from '../src/index.js';

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groggy-node-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('save/load round trip', (t) => {
  const file = path.join(tempDir(t), 'graph ü.groggy');
  const g = new Graph({ directed: true });
  g.addNode('alone', { label: 'x', data: Buffer.from([1, 2, 3]), flag: false });
  g.addEdge(1, 'two', { w: 2.5, n: 7, big: 2n ** 60n, none: null });
  g.addEdge('two', 3);
  g.save(file);
  g.close();

  const back = Graph.load(file);
  assert.equal(back.directed, true);
  assert.deepEqual(back.nodes(), ['alone', 1, 'two', 3]);
  assert.equal(back.edgeCount, 2);
  assert.equal(back.hasEdge(1, 'two'), true);
  assert.equal(back.hasEdge('two', 1), false);
  assert.equal(back.getNodeAttr('alone', 'label'), 'x');
  assert.deepEqual(back.getNodeAttr('alone', 'data'), Buffer.from([1, 2, 3]));
  assert.equal(back.getNodeAttr('alone', 'flag'), false);
  assert.equal(back.getEdgeAttr(1, 'two', 'w'), 2.5);
  assert.equal(back.getEdgeAttr(1, 'two', 'n'), 7);
  assert.equal(back.getEdgeAttr(1, 'two', 'big'), 2n ** 60n);
  assert.equal(back.getEdgeAttr(1, 'two', 'none'), null);
  assert.equal(back.getEdgeAttr('two', 3, 'w'), undefined);
  back.close();
});

test('loading a missing or damaged file is an I/O error', (t) => {
  const dir = tempDir(t);
  const missing = path.join(dir, 'missing.groggy');
  assert.throws(() => Graph.load(missing), (error) => {
    assert.ok(error instanceof GroggyError);
    assert.equal(error.code, 'IO');
    assert.equal(error.operation, 'load');
    assert.equal(error.osCode, os.constants.errno.ENOENT);
    assert.ok(error.message.includes('missing.groggy'), error.message);
    return true;
  });
  const junk = path.join(dir, 'junk.groggy');
  fs.writeFileSync(junk, 'not a graph');
  assert.throws(() => Graph.load(junk), { code: 'IO', operation: 'load', osCode: 0 });
  assert.throws(() => Graph.load(''), TypeError);
});

test('saving into a missing folder is an I/O error', (t) => {
  const g = new Graph();
  g.addNode(1);
  const target = path.join(tempDir(t), 'no', 'such', 'folder.groggy');
  assert.throws(() => g.save(target), { code: 'IO', operation: 'save', osCode: os.constants.errno.ENOENT });
});
