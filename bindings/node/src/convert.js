// JS values to and from the C API's forms: node keys, attribute values, key lists and arrays.
// What the library hands out is copied into JS values here; the callers free the handles.

import { ATTR, KEY } from './constants.js';
import { C, gr_attr_value, gr_buf, koffi } from './native.js';
import { check } from './errors.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// A string key is told from an int key by a non-NULL key_str, and koffi passes an empty
// Buffer as NULL: the empty string key points at this byte instead, with length 0.
const EMPTY = Buffer.alloc(1);

function toInt64(value, what) {
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new RangeError(`${what}: ${value} does not fit in int64`);
  }
  return value;
}

/** An int64 as a Number when it is exactly one, else as a BigInt. */
export function fromInt64(value) {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

/**
 * A node key as the three C arguments (key_int, key_str, key_len): an integer Number (safe)
 * or a BigInt is an int key, a string a UTF-8 string key.
 */
export function encodeKey(key) {
  if (typeof key === 'string') {
    const bytes = Buffer.from(key, 'utf8');
    return [0, bytes.length ? bytes : EMPTY, bytes.length];
  }
  if (typeof key === 'bigint') return [toInt64(key, 'node key'), null, 0];
  if (typeof key === 'number' && Number.isSafeInteger(key)) return [key, null, 0];
  if (typeof key === 'number' && Number.isInteger(key)) {
    throw new RangeError(`node key ${key} is not a safe integer: pass it as a BigInt`);
  }
  throw new TypeError(`a node key is an integer (Number or BigInt) or a string, not ${describe(key)}`);
}

/** A name (attribute, weight) as (const char *, size_t). */
export function encodeName(name, what) {
  if (typeof name !== 'string') throw new TypeError(`${what} is a string, not ${describe(name)}`);
  const bytes = Buffer.from(name, 'utf8');
  return [bytes, bytes.length];
}

/** A path as (const char *, size_t): its UTF-8 bytes. */
export function encodePath(path) {
  if (typeof path !== 'string' || path.length === 0) {
    throw new TypeError(`a path is a non-empty string, not ${describe(path)}`);
  }
  const bytes = Buffer.from(path, 'utf8');
  return [bytes, bytes.length];
}

function describe(value) {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return `${typeof value} ${String(value)}`;
}

/** One JS value as a gr_attr_value (koffi's object form of the struct and its union). */
export function encodeValue(value, name) {
  switch (typeof value) {
    case 'boolean':
      return { tag: ATTR.BOOL, data: { b: value } };
    case 'number':
      // Integers stay integers; the rest (fractions, NaN, infinities, integers beyond
      // 2**53 that a double only approximates) are float64.
      return Number.isSafeInteger(value)
        ? { tag: ATTR.INT64, data: { i64: value } }
        : { tag: ATTR.FLOAT64, data: { f64: value } };
    case 'bigint':
      return { tag: ATTR.INT64, data: { i64: toInt64(value, `attribute ${name}`) } };
    case 'string': {
      const bytes = Buffer.from(value, 'utf8');
      return { tag: ATTR.STRING, data: { buf: { ptr: bytes.length ? bytes : null, len: bytes.length } } };
    }
    case 'object':
      if (value === null) return { tag: ATTR.NULL, data: { i64: 0 } };
      if (value instanceof Uint8Array) {
        return { tag: ATTR.BYTES, data: { buf: { ptr: value.length ? value : null, len: value.length } } };
      }
      break;
    default:
      break;
  }
  throw new TypeError(
    `attribute ${name}: a value is a number, bigint, string, boolean, null or Uint8Array, not ${describe(value)}`,
  );
}

/**
 * Attributes (a plain object or a Map of name -> value) as the C arguments (names, values,
 * n_attrs).
 */
export function encodeAttrs(attrs) {
  if (attrs === undefined || attrs === null) return [null, null, 0];
  if (typeof attrs !== 'object') throw new TypeError(`attributes are an object or a Map, not ${describe(attrs)}`);
  const entries = attrs instanceof Map ? [...attrs] : Object.entries(attrs);
  if (entries.length === 0) return [null, null, 0];
  const names = [];
  const values = [];
  for (const [name, value] of entries) {
    const [bytes, len] = encodeName(name, 'an attribute name');
    names.push({ ptr: len ? bytes : null, len });
    values.push(encodeValue(value, name));
  }
  return [names, values, entries.length];
}

const DATA = koffi.offsetof(gr_attr_value, 'data');
const TAG = koffi.offsetof(gr_attr_value, 'tag');
const BUF_PTR = DATA + koffi.offsetof(gr_buf, 'ptr');
const BUF_LEN = DATA + koffi.offsetof(gr_buf, 'len');

/** Copies `len` bytes at `ptr` into a new Buffer (the memory is the library's). */
function copyBytes(ptr, len) {
  return len === 0 ? Buffer.alloc(0) : Buffer.from(koffi.decode(ptr, 'uint8_t', len));
}

/** The JS value of the gr_attr_value at `ptr` (not released here). */
export function decodeValue(ptr) {
  const tag = koffi.decode(ptr, TAG, 'gr_attr_tag');
  switch (tag) {
    case ATTR.NULL:
      return null;
    case ATTR.BOOL:
      return koffi.decode(ptr, DATA, 'bool');
    case ATTR.INT8:
      return koffi.decode(ptr, DATA, 'int8_t');
    case ATTR.INT16:
      return koffi.decode(ptr, DATA, 'int16_t');
    case ATTR.INT32:
      return koffi.decode(ptr, DATA, 'int32_t');
    case ATTR.INT64:
      return fromInt64(koffi.decode(ptr, DATA, 'int64_t', 1)[0]);
    case ATTR.FLOAT32:
      return koffi.decode(ptr, DATA, 'float');
    case ATTR.FLOAT64:
      return koffi.decode(ptr, DATA, 'double');
    case ATTR.STRING:
    case ATTR.BYTES: {
      const bytes = copyBytes(koffi.decode(ptr, BUF_PTR, 'const uint8_t *'), koffi.decode(ptr, BUF_LEN, 'size_t'));
      return tag === ATTR.STRING ? bytes.toString('utf8') : bytes;
    }
    default:
      throw new Error(`groggy: attribute value of unknown kind ${tag}`);
  }
}

/**
 * Calls `fill(ptr)` with a fresh gr_attr_value to write and a found flag to set, and returns
 * the value (undefined when not found). The value's buffer is released, and the memory freed.
 */
export function readValue(fill) {
  const ptr = koffi.alloc(gr_attr_value, 1);
  try {
    const found = [false];
    check(fill(ptr, found));
    if (!found[0]) return undefined;
    try {
      return decodeValue(ptr);
    } finally {
      C.gr_attr_value_release(ptr);
    }
  } finally {
    koffi.free(ptr);
  }
}

/** The keys of a gr_keys handle as JS keys (ints as Numbers, or BigInts beyond 2**53). */
export function decodeKeys(keys) {
  const len = [0];
  const ints = [null];
  const kinds = [null];
  const strData = [null];
  const strOffsets = [null];
  check(C.gr_keys_view(keys, len, ints, kinds, strData, strOffsets));
  const n = len[0];
  if (n === 0) return [];
  const intValues = koffi.decode(ints[0], 'int64_t', n);
  if (kinds[0] === null) return Array.from(intValues, fromInt64);
  const kindValues = koffi.decode(kinds[0], 'uint8_t', n);
  const offsets = koffi.decode(strOffsets[0], 'size_t', n + 1);
  const total = Number(offsets[n]);
  const text = total === 0 ? Buffer.alloc(0) : copyBytes(strData[0], total);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] =
      kindValues[i] === KEY.STR
        ? text.toString('utf8', Number(offsets[i]), Number(offsets[i + 1]))
        : fromInt64(intValues[i]);
  }
  return out;
}

/** Takes a gr_keys handle: its keys as a JS array, and the handle freed. */
export function takeKeys(keys) {
  try {
    return decodeKeys(keys);
  } finally {
    C.gr_keys_free(keys);
  }
}

/** The values of a gr_array handle of int64 or float64 numbers as a JS array. */
export function decodeNumbers(array) {
  const len = [0];
  const kind = [0];
  const data = [null];
  check(C.gr_array_info(array, len, kind, data));
  const n = len[0];
  if (n === 0) return [];
  switch (kind[0]) {
    case ATTR.FLOAT64:
      return Array.from(koffi.decode(data[0], 'double', n));
    case ATTR.INT64:
      return Array.from(koffi.decode(data[0], 'int64_t', n), fromInt64);
    default:
      throw new Error(`groggy: expected a float64 or int64 array, got kind ${kind[0]}`);
  }
}

/** Takes a key list and an array handle (aligned outputs of one call): both decoded, both
 * freed whatever happens. */
export function takeKeysAndNumbers(keys, array) {
  try {
    return [decodeKeys(keys), decodeNumbers(array)];
  } finally {
    C.gr_keys_free(keys);
    C.gr_array_free(array);
  }
}
