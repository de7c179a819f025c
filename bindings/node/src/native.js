// The native library: finds it, opens it with koffi and declares the part of the C API this
// package uses, with prototypes written as include/groggy.h declares them (test/header.test.js
// compares each one with the header).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import { KNOWN_ABI_VERSIONS } from './constants.js';

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function libraryFileName() {
  if (process.platform === 'darwin') return 'libgroggy.dylib';
  if (process.platform === 'win32') return 'groggy.dll';
  return 'libgroggy.so';
}

/** Where the library may be, in order: $GROGGY_LIBRARY, then the repository's build folder. */
export function candidateLibraries() {
  const name = libraryFileName();
  const candidates = [];
  if (process.env.GROGGY_LIBRARY) candidates.push(process.env.GROGGY_LIBRARY);
  candidates.push(path.join(REPO_DIR, 'target', 'release', name));
  candidates.push(path.join(REPO_DIR, 'target', 'debug', name));
  return candidates;
}

function findLibrary() {
  const env = process.env.GROGGY_LIBRARY;
  // A GROGGY_LIBRARY that names nothing is a mistake to report, not to work around.
  if (env && !fs.statSync(env, { throwIfNoEntry: false })?.isFile()) {
    throw new Error(`groggy: GROGGY_LIBRARY=${JSON.stringify(env)} is not a file`);
  }
  const found = candidateLibraries().find((p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile());
  if (!found) {
    throw new Error(`groggy: native library not found (searched ${candidateLibraries().join(', ')})`);
  }
  return found;
}

export const libraryPath = findLibrary();
// Kept for the life of the process: koffi unloads a library once nothing refers to it.
const lib = koffi.load(libraryPath);

// Types, as the header defines them.
koffi.alias('gr_status', 'int32_t');
koffi.alias('gr_attr_tag', 'int32_t');
for (const name of ['gr_graph', 'gr_keys', 'gr_array', 'gr_cancel']) koffi.opaque(name);
export const gr_buf = koffi.struct('gr_buf', {
  ptr: 'const uint8_t *',
  len: 'size_t',
});
export const gr_attr_data = koffi.union('gr_attr_data', {
  b: 'bool',
  i8: 'int8_t',
  i16: 'int16_t',
  i32: 'int32_t',
  i64: 'int64_t',
  f32: 'float',
  f64: 'double',
  buf: gr_buf,
});
export const gr_attr_value = koffi.struct('gr_attr_value', {
  tag: 'gr_attr_tag',
  data: gr_attr_data,
});

/** Every prototype declared, in header spelling except koffi's `_Out_` marks. */
export const PROTOTYPES = [];

/** Declares one C function of the library from its prototype. */
export function declare(prototype) {
  PROTOTYPES.push(prototype);
  return lib.func(prototype);
}

export const C = {
  gr_abi_version: declare('uint32_t gr_abi_version(void)'),
  gr_version: declare('const char *gr_version(void)'),
  gr_last_error_message: declare('const char *gr_last_error_message(void)'),
  gr_last_error_operation: declare('const char *gr_last_error_operation(void)'),
  gr_last_error_os_code: declare('int32_t gr_last_error_os_code(void)'),
  gr_memory_stats: declare(
    'gr_status gr_memory_stats(_Out_ uint64_t *out_total_allocated, _Out_ uint64_t *out_current, _Out_ uint64_t *out_peak)',
  ),

  gr_graph_new: declare('gr_status gr_graph_new(bool directed, _Out_ gr_graph **out_graph)'),
  gr_graph_close: declare('void gr_graph_close(gr_graph *g)'),
  gr_graph_is_closed: declare('gr_status gr_graph_is_closed(const gr_graph *g, _Out_ bool *out_closed)'),
  gr_graph_free: declare('void gr_graph_free(gr_graph *g)'),
  gr_graph_is_directed: declare(
    'gr_status gr_graph_is_directed(const gr_graph *g, _Out_ bool *out_directed)',
  ),
  gr_graph_node_count: declare('gr_status gr_graph_node_count(const gr_graph *g, _Out_ size_t *out_count)'),
  gr_graph_edge_count: declare('gr_status gr_graph_edge_count(const gr_graph *g, _Out_ size_t *out_count)'),

  gr_graph_add_node: declare(
    'gr_status gr_graph_add_node(gr_graph *g, int64_t key_int, const char *key_str, size_t key_len, ' +
      'const gr_buf *names, const gr_attr_value *values, size_t n_attrs)',
  ),
  gr_graph_add_edge: declare(
    'gr_status gr_graph_add_edge(gr_graph *g, int64_t u_int, const char *u_str, size_t u_len, ' +
      'int64_t v_int, const char *v_str, size_t v_len, ' +
      'const gr_buf *names, const gr_attr_value *values, size_t n_attrs)',
  ),
  gr_graph_has_node: declare(
    'gr_status gr_graph_has_node(const gr_graph *g, int64_t key_int, const char *key_str, size_t key_len, ' +
      '_Out_ bool *out_found)',
  ),
  gr_graph_has_edge: declare(
    'gr_status gr_graph_has_edge(const gr_graph *g, int64_t u_int, const char *u_str, size_t u_len, ' +
      'int64_t v_int, const char *v_str, size_t v_len, _Out_ bool *out_found)',
  ),
  gr_graph_nodes: declare('gr_status gr_graph_nodes(const gr_graph *g, _Out_ gr_keys **out_keys)'),
  gr_graph_neighbors: declare(
    'gr_status gr_graph_neighbors(const gr_graph *g, int64_t key_int, const char *key_str, size_t key_len, ' +
      '_Out_ gr_keys **out_keys)',
  ),
  // The value is written to memory this package allocates (a pointer, not `_Out_`), so that
  // gr_attr_value_release can free the string or bytes buffer it owns.
  gr_graph_get_node_attr: declare(
    'gr_status gr_graph_get_node_attr(const gr_graph *g, int64_t key_int, const char *key_str, size_t key_len, ' +
      'const char *name, size_t name_len, gr_attr_value *out_value, _Out_ bool *out_found)',
  ),
  gr_graph_get_edge_attr: declare(
    'gr_status gr_graph_get_edge_attr(const gr_graph *g, int64_t u_int, const char *u_str, size_t u_len, ' +
      'int64_t v_int, const char *v_str, size_t v_len, const char *name, size_t name_len, ' +
      'gr_attr_value *out_value, _Out_ bool *out_found)',
  ),
  gr_attr_value_release: declare('void gr_attr_value_release(gr_attr_value *value)'),

  gr_graph_bfs: declare(
    'gr_status gr_graph_bfs(const gr_graph *g, int64_t key_int, const char *key_str, size_t key_len, ' +
      'int64_t depth_limit, const gr_cancel *cancel, _Out_ gr_keys **out_keys)',
  ),
  gr_graph_shortest_path: declare(
    'gr_status gr_graph_shortest_path(const gr_graph *g, int64_t u_int, const char *u_str, size_t u_len, ' +
      'int64_t v_int, const char *v_str, size_t v_len, const char *weight, size_t weight_len, ' +
      'const gr_cancel *cancel, _Out_ gr_keys **out_keys)',
  ),
  gr_graph_connected_components: declare(
    'gr_status gr_graph_connected_components(const gr_graph *g, const gr_cancel *cancel, ' +
      '_Out_ gr_keys **out_keys, _Out_ gr_array **out_sizes)',
  ),

  gr_graph_save: declare('gr_status gr_graph_save(const gr_graph *g, const char *path, size_t path_len)'),
  gr_graph_load: declare('gr_status gr_graph_load(const char *path, size_t path_len, _Out_ gr_graph **out_graph)'),

  gr_keys_view: declare(
    'gr_status gr_keys_view(const gr_keys *keys, _Out_ size_t *len, _Out_ const int64_t **ints, ' +
      '_Out_ const uint8_t **kinds, _Out_ const uint8_t **str_data, _Out_ const size_t **str_offsets)',
  ),
  gr_keys_free: declare('void gr_keys_free(gr_keys *keys)'),
  gr_array_info: declare(
    'gr_status gr_array_info(const gr_array *array, _Out_ size_t *out_len, _Out_ gr_attr_tag *out_kind, ' +
      '_Out_ const void **out_data)',
  ),
  gr_array_free: declare('void gr_array_free(gr_array *array)'),
};

const abi = C.gr_abi_version();
if (!KNOWN_ABI_VERSIONS.includes(abi)) {
  throw new Error(
    `groggy: ${libraryPath} implements ABI version ${abi}, this package knows ${KNOWN_ABI_VERSIONS.join(', ')}`,
  );
}

export { koffi };
