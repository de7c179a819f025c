// The one call of gr_graph_pagerank, kept apart: with ABI 2 the C signature changes to a
// versioned options struct (`const gr_pagerank_options *`, NULL = defaults, filled by
// gr_pagerank_options_init). Switching over means changing this file only: declare the
// struct and the new prototype, fill it from `options`, keep the same outputs (and add 2 to
// KNOWN_ABI_VERSIONS in constants.js).

import { declare } from './native.js';
import { encodeName } from './convert.js';

const gr_graph_pagerank = declare(
  'gr_status gr_graph_pagerank(const gr_graph *g, double alpha, size_t max_iter, double tol, ' +
    'const char *weight, size_t weight_len, const uint8_t *personal_kinds, const int64_t *personal_ints, ' +
    'const uint8_t *personal_str_data, size_t personal_str_data_len, const size_t *personal_str_offsets, ' +
    'const double *personal_values, size_t n_personal, const gr_cancel *cancel, ' +
    '_Out_ gr_keys **out_keys, _Out_ gr_array **out_scores)',
);

/** Runs PageRank on graph handle `g` (networkx's defaults), writing the key list and the
 * score array to outKeys[0] and outScores[0]; returns the status. */
export function callPagerank(g, { alpha = 0.85, maxIter = 100, tol = 1e-6, weight = null } = {}, outKeys, outScores) {
  if (!Number.isSafeInteger(maxIter) || maxIter < 0) {
    throw new RangeError(`maxIter is a non-negative integer, not ${maxIter}`);
  }
  const [weightBytes, weightLen] = weight === null || weight === undefined ? [null, 0] : encodeName(weight, 'weight');
  return gr_graph_pagerank(
    g, alpha, maxIter, tol, weightBytes, weightLen,
    null, null, null, 0, null, null, 0, // no personalization
    null, // no cancellation token
    outKeys, outScores,
  );
}
