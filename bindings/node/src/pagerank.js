// PageRank through the versioned options struct of ABI 2: the struct is filled by
// gr_pagerank_options_init (so fields a later header adds keep their defaults), then the
// fields this package sets.

import { declare, koffi } from './native.js';
import { encodeName } from './convert.js';
import { check } from './errors.js';

export const GR_PAGERANK_OPTIONS_VERSION = 1;

const gr_pagerank_options = koffi.struct('gr_pagerank_options', {
  version: 'uint32_t',
  alpha: 'double',
  max_iter: 'size_t',
  tol: 'double',
  weight: 'const char *',
  weight_len: 'size_t',
  personal_kinds: 'const uint8_t *',
  personal_ints: 'const int64_t *',
  personal_str_data: 'const uint8_t *',
  personal_str_data_len: 'size_t',
  personal_str_offsets: 'const size_t *',
  personal_values: 'const double *',
  n_personal: 'size_t',
});

const gr_pagerank_options_init = declare(
  'gr_status gr_pagerank_options_init(_Inout_ gr_pagerank_options *opts, uint32_t version)',
);
const gr_graph_pagerank = declare(
  'gr_status gr_graph_pagerank(const gr_graph *g, const gr_pagerank_options *opts, ' +
    'const gr_cancel *cancel, _Out_ gr_keys **out_keys, _Out_ gr_array **out_scores)',
);

/** Runs PageRank on graph handle `g` (networkx's defaults), writing the key list and the
 * score array to outKeys[0] and outScores[0]; returns the status. */
export function callPagerank(g, { alpha = 0.85, maxIter = 100, tol = 1e-6, weight = null } = {}, outKeys, outScores) {
  if (!Number.isSafeInteger(maxIter) || maxIter < 0) {
    throw new RangeError(`maxIter is a non-negative integer, not ${maxIter}`);
  }
  const options = {};
  check(gr_pagerank_options_init(options, GR_PAGERANK_OPTIONS_VERSION));
  const [weightBytes, weightLen] = weight === null || weight === undefined ? [null, 0] : encodeName(weight, 'weight');
  Object.assign(options, { alpha, max_iter: maxIter, tol, weight: weightBytes, weight_len: weightLen });
  return gr_graph_pagerank(g, options, null, outKeys, outScores); // no cancellation token
}
