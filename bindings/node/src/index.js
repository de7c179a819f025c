// groggy for Node.js: the graph engine through its C API (include/groggy.h), loaded with koffi.

import { C, libraryPath } from './native.js';
import { check } from './errors.js';

export { Graph } from './graph.js';
export { GroggyError } from './errors.js';
export { STATUS } from './constants.js';
export { libraryPath };

/** The library's version, "MAJOR.MINOR.PATCH". */
export const version = C.gr_version();
/** The ABI version the library implements. */
export const abiVersion = C.gr_abi_version();

/** Bytes the library allocated since it was loaded, holds now, and held at most at once. */
export function memoryStats() {
  const total = [0];
  const current = [0];
  const peak = [0];
  check(C.gr_memory_stats(total, current, peak));
  return { totalAllocated: total[0], current: current[0], peak: peak[0] };
}
