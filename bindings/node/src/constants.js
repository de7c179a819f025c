// The integer constants of include/groggy.h that this package uses. They mirror the header
// (its `#define`s) one for one; test/header.test.js fails when the two differ, so the header
// stays the one definition.

export const STATUS = Object.freeze({
  OK: 0,
  NODE_NOT_FOUND: 1,
  EDGE_NOT_FOUND: 2,
  INVALID_OPERATION: 3,
  INVALID_ARGUMENT: 4,
  OUT_OF_MEMORY: 5,
  ALGORITHM: 6,
  NO_PATH: 7,
  IO: 8,
  CANCELLED: 9,
  INTERNAL: 10,
  ATTRIBUTE_NOT_FOUND: 11,
  CALLBACK: 12,
});

export const ATTR = Object.freeze({
  NULL: 0,
  BOOL: 1,
  INT8: 2,
  INT16: 3,
  INT32: 4,
  INT64: 5,
  FLOAT32: 6,
  FLOAT64: 7,
  STRING: 8,
  BYTES: 9,
  MIXED: 10,
});

// Kind bytes of gr_keys_view.
export const KEY = Object.freeze({
  INT: 0,
  STR: 1,
});

// The ABI versions this package knows how to talk to (gr_abi_version()).
export const KNOWN_ABI_VERSIONS = Object.freeze([2]);

// Status code -> its name ("NODE_NOT_FOUND"), for GroggyError.code.
export const STATUS_NAMES = Object.freeze(
  Object.fromEntries(Object.entries(STATUS).map(([name, value]) => [value, name])),
);
