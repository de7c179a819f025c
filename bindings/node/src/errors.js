// Failures of the C API as JS exceptions. Every field comes from the library's own accessors
// (gr_last_error_operation, gr_last_error_os_code); the message is for people and never parsed.

import { STATUS_NAMES } from './constants.js';
import { C } from './native.js';

export class GroggyError extends Error {
  /**
   * @param {string} message what went wrong ("operation: ...", from gr_last_error_message)
   * @param {{status: number, operation: string, osCode?: number}} fields
   */
  constructor(message, { status, operation, osCode = 0 }) {
    super(message);
    this.name = 'GroggyError';
    /** The C status code (a GR_STATUS_* value). */
    this.status = status;
    /** The status's name without its prefix, e.g. "NODE_NOT_FOUND". */
    this.code = STATUS_NAMES[status] ?? 'UNKNOWN';
    /** The engine operation that failed, e.g. "add_edge". */
    this.operation = operation;
    /** The operating system's errno of an I/O failure, else 0. */
    this.osCode = osCode;
  }
}

/** Throws the GroggyError of a failed call (status not 0); read at once, before any other call
 * on this thread can replace the thread-local error. */
export function check(status) {
  if (status === 0) return;
  throw new GroggyError(C.gr_last_error_message(), {
    status,
    operation: C.gr_last_error_operation(),
    osCode: C.gr_last_error_os_code(),
  });
}
