// The example in README.md ("From Node.js") runs and prints what its comments say.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const INDEX = pathToFileURL(fileURLToPath(new URL('../src/index.js', import.meta.url))).href;

test('the README example prints what it says', () => {
  const readme = fs.readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('## From Node.js'));
  const example = section.match(/```js\n([\s\S]*?)```/)[1];
  assert.match(example, /from 'groggy'/);
  const expected = [...example.matchAll(/\/\/ (.*)$/gm)].map((m) => m[1]);
  assert.ok(expected.length >= 4);
  const script = example.replace("from 'groggy'", `from ${JSON.stringify(INDEX)}`);
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(result.stdout.trimEnd().split('\n'), expected);
});
