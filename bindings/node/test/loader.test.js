// Finding the library: $GROGGY_LIBRARY first, then the repository's target/release and
// target/debug. Each case runs in a fresh process, since the library is found at import.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { libraryPath } from '../src/index.js';

const INDEX = fileURLToPath(new URL('../src/index.js', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

function load(env) {
  const script = `import(${JSON.stringify(INDEX)}).then((m) => console.log(m.libraryPath, m.version))`;
  const { GROGGY_LIBRARY, ...rest } = process.env;
  return spawnSync(process.execPath, ['-e', script], { env: { ...rest, ...env }, encoding: 'utf8' });
}

test('GROGGY_LIBRARY is used when set', () => {
  // The library this process loaded: it exists, wherever it was found.
  const library = libraryPath;
  const result = load({ GROGGY_LIBRARY: library });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`^${library.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+\\.\\d+\\.\\d+\\n$`));
});

test('a GROGGY_LIBRARY that is not a file is an error, not a fallback', () => {
  const result = load({ GROGGY_LIBRARY: '/no/such/libgroggy.so' });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /GROGGY_LIBRARY="\/no\/such\/libgroggy.so" is not a file/);
});

test('without GROGGY_LIBRARY, the build folder: release first', () => {
  const result = load({});
  const release = `${REPO}target/release/libgroggy.so`;
  const debug = `${REPO}target/debug/libgroggy.so`;
  const expected = fs.existsSync(release) ? release : debug;
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.split(' ')[0], expected);
});
