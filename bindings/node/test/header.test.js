// The package declares the C API by hand; these tests hold it to include/groggy.h, the one
// definition: every prototype as the header spells it, every constant with the header's value.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ATTR, KEY, STATUS } from '../src/constants.js';
import { PROTOTYPES, gr_attr_value, gr_buf, koffi } from '../src/native.js';
import '../src/index.js'; // declares every function the package uses, pagerank's too

const header = fs.readFileSync(fileURLToPath(new URL('../../../include/groggy.h', import.meta.url)), 'utf8');

// One spelling for a C declaration: no `struct` keywords, no koffi `_Out_` / `_Inout_` marks, no spaces
// around `*`, `,` and parentheses, single spaces elsewhere.
function canonical(declaration) {
  return declaration
    .replace(/\b_(?:In)?[Oo]ut_\s+/g, '')
    .replace(/\bstruct\s+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([*,()])\s*/g, '$1')
    .replace(/;$/, '')
    .trim();
}

function headerDeclarations() {
  const code = header.replace(/\/\/[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const declarations = new Map();
  for (const match of code.matchAll(/(?:^|\n)([A-Za-z_][\w \t*]*?\b(gr_\w+)\([^;{]*?\));/g)) {
    declarations.set(match[2], canonical(match[1]));
  }
  return declarations;
}

test('every prototype matches its declaration in groggy.h', () => {
  const declarations = headerDeclarations();
  assert.ok(declarations.size > 50, `parsed only ${declarations.size} declarations`);
  assert.ok(PROTOTYPES.length > 20);
  for (const prototype of PROTOTYPES) {
    const name = prototype.match(/\b(gr_\w+)\(/)[1];
    assert.ok(declarations.has(name), `${name} is not in groggy.h`);
    assert.equal(canonical(prototype), declarations.get(name), name);
  }
});

function headerDefines(prefix) {
  const out = {};
  for (const match of header.matchAll(new RegExp(`#define ${prefix}(\\w+) (-?\\d+)`, 'g'))) {
    out[match[1]] = Number(match[2]);
  }
  return out;
}

test('constants equal the header defines', () => {
  assert.deepEqual({ ...STATUS }, headerDefines('GR_STATUS_'));
  assert.deepEqual({ ...ATTR }, headerDefines('GR_ATTR_'));
  assert.deepEqual({ ...KEY }, headerDefines('GR_KEY_'));
});

test('gr_attr_value has the C layout', () => {
  // The header: { int32_t tag; union { ...; int64_t; double; gr_buf { ptr; size_t } } data; }.
  const pointer = koffi.sizeof('void *');
  assert.equal(koffi.sizeof(gr_buf), 2 * pointer);
  assert.equal(koffi.offsetof(gr_attr_value, 'data'), Math.max(8, pointer));
  assert.equal(koffi.sizeof(gr_attr_value), Math.max(8, pointer) + Math.max(8, 2 * pointer));
});

test('the options version the package fills is the header one', async () => {
  const { GR_PAGERANK_OPTIONS_VERSION } = await import('../src/pagerank.js');
  assert.equal(GR_PAGERANK_OPTIONS_VERSION, headerDefines('GR_PAGERANK_OPTIONS_').VERSION);
});
