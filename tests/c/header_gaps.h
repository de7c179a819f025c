/*
 * header_gaps.h: functions the library exports but include/groggy.h does not declare.
 *
 * WORKAROUND FOR A LIBRARY BUG, not part of the API. src/ffi/graph.rs defines these six
 * functions through macro_rules! (node_list_fn!, node_count_fn!). They are exported from
 * libgroggy (#[no_mangle]), but cbindgen does not expand macros, so the generated header
 * lacks them and no C caller can use them without copying their declarations.
 *
 * The declarations below match what cbindgen would generate for the Rust signatures, so
 * they stay compatible (a repeated identical declaration is valid C and C++) once the
 * header declares them. Delete this file as soon as it does; tests/c/run.sh reports
 * exported symbols the header lacks, and says when this file has become redundant.
 */

#ifndef GROGGY_TESTS_HEADER_GAPS_H
#define GROGGY_TESTS_HEADER_GAPS_H

#include "groggy.h"

#ifdef __cplusplus
extern "C" {
#endif

gr_status gr_graph_neighbors(const struct gr_graph *g, int64_t key_int, const char *key_str,
                             size_t key_len, struct gr_keys **out_keys);
gr_status gr_graph_successors(const struct gr_graph *g, int64_t key_int, const char *key_str,
                              size_t key_len, struct gr_keys **out_keys);
gr_status gr_graph_predecessors(const struct gr_graph *g, int64_t key_int, const char *key_str,
                                size_t key_len, struct gr_keys **out_keys);
gr_status gr_graph_degree(const struct gr_graph *g, int64_t key_int, const char *key_str,
                          size_t key_len, size_t *out_degree);
gr_status gr_graph_in_degree(const struct gr_graph *g, int64_t key_int, const char *key_str,
                             size_t key_len, size_t *out_degree);
gr_status gr_graph_out_degree(const struct gr_graph *g, int64_t key_int, const char *key_str,
                              size_t key_len, size_t *out_degree);

#ifdef __cplusplus
}
#endif

#endif /* GROGGY_TESTS_HEADER_GAPS_H */
