// Failures become GroggyErrors whose fields are the library's: status, its name, the
// operation (gr_last_error_operation) and the message (gr_last_error_message).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Graph, GroggyError, STATUS } from '../src/index.js';
import { C } from '../src/native.js';

function caught(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('no exception');
}

test('a missing node is NODE_NOT_FOUND, naming the operation', () => {
  const g = new Graph();
  g.addNode(1);
  const error = caught(() => g.neighbors(99));
  assert.ok(error instanceof GroggyError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'GroggyError');
  assert.equal(error.status, STATUS.NODE_NOT_FOUND);
  assert.equal(error.code, 'NODE_NOT_FOUND');
  assert.equal(error.operation, 'neighbors');
  assert.equal(error.osCode, 0);
  assert.match(error.message, /99/);
  // The fields are the library's accessors, read right after the call failed.
  assert.equal(error.message, C.gr_last_error_message());
  assert.equal(error.operation, C.gr_last_error_operation());

  for (const [call, operation] of [
    [() => g.bfs('nope'), 'bfs'],
    [() => g.getNodeAttr(2, 'a'), 'get_node_attr'],
    [() => g.shortestPath(1, 2), 'shortest_path'],
  ]) {
    const e = caught(call);
    assert.equal(e.code, 'NODE_NOT_FOUND', operation);
    assert.equal(e.operation, operation);
  }
});

test('a missing edge is EDGE_NOT_FOUND', () => {
  const g = new Graph();
  g.addNode(1).addNode(2);
  const error = caught(() => g.getEdgeAttr(1, 2, 'w'));
  assert.equal(error.status, STATUS.EDGE_NOT_FOUND);
  assert.equal(error.code, 'EDGE_NOT_FOUND');
  assert.equal(error.operation, 'get_edge_attr');
});

test('the operation comes from the library, not from the message', () => {
  // A node key that looks like another operation's message cannot change the operation.
  const g = new Graph();
  const error = caught(() => g.neighbors('save: fake'));
  assert.equal(error.operation, 'neighbors');
  assert.ok(error.message.startsWith('neighbors: '), error.message);
});

test('a failed call changes nothing', () => {
  const g = new Graph();
  g.addNode(1, { a: 1 });
  assert.throws(() => g.addNode(2, { a: 2, bad: Symbol('s') }), TypeError);
  assert.equal(g.nodeCount, 1);
  assert.equal(g.getNodeAttr(1, 'a'), 1);
});
