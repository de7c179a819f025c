// groggy for Node.js: the graph engine through its C API (include/groggy.h), loaded with koffi.

import { C, libraryPath } from './native.js';

export { Graph } from './graph.js';
export { GroggyError } from './errors.js';
export { STATUS } from './constants.js';
export { libraryPath };

/** The library's version, "MAJOR.MINOR.PATCH". */
export const version = C.gr_version();
/** The ABI version the library implements. */
export const abiVersion = C.gr_abi_version();
