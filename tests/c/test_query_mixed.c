/*
 * test_query_mixed.c: query filters over a mixed int/float edge column, run under valgrind
 * by run.sh (the comparison of a value with a literal of another kind once read an
 * uninitialised value there).
 *
 * Covers: an edge column `w` holding int64 and float64 values, plus a null and an edge
 * without it; every comparison operator against `true`, `false` and a string literal (an
 * incompatible kind: no edge, `!=` included, and `NOT` of them every edge), and against
 * numbers (int and float literals, numeric order across the kinds).
 *
 * Valid C99 and C++17; see run.sh.
 */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

static void check_edges(const gr_graph *g, const char *query, const char *sources)
{
    gr_keys *s = NULL;
    gr_keys *t = NULL;
    CHECK_OK(gr_graph_filter_edges_query(g, query, strlen(query), &s, &t));
    CHECK_KEYS(s, sources);
    gr_keys_free(s);
    gr_keys_free(t);
}

static void add_weighted(gr_graph *g, int64_t u, gr_attr_value w)
{
    gr_buf name = buf_of("w");
    CHECK_OK(gr_graph_add_edge(g, IK(u), IK(u + 100), &name, &w, 1));
}

static void test_mixed_int_float_column(void)
{
    static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};
    static const char *const literals[] = {"true", "false", "'1'", "''"};
    gr_graph *g = NULL;
    size_t i;
    size_t j;
    CHECK_OK(gr_graph_new(false, &g));
    add_weighted(g, 1, v_i64(1));
    add_weighted(g, 2, v_f64(1.0));
    add_weighted(g, 3, v_i64(0));
    add_weighted(g, 4, v_f64(2.5));
    add_weighted(g, 5, v_zero(GR_ATTR_NULL));
    CHECK_OK(gr_graph_add_edge(g, IK(6), IK(106), NULL, NULL, 0));
    add_weighted(g, 7, v_i64(-3));
    add_weighted(g, 8, v_f64(-0.5));

    for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        for (j = 0; j < sizeof literals / sizeof literals[0]; j++) {
            char query[64];
            snprintf(query, sizeof query, "w %s %s", ops[i], literals[j]);
            check_edges(g, query, "");
            snprintf(query, sizeof query, "NOT w %s %s", ops[i], literals[j]);
            check_edges(g, query, "1,2,3,4,5,6,7,8");
        }
    }
    check_edges(g, "w == 1", "1,2");
    check_edges(g, "w == 1.0", "1,2");
    check_edges(g, "w != 1", "3,4,7,8");
    check_edges(g, "w < 1", "3,7,8");
    check_edges(g, "w >= 1", "1,2,4");
    check_edges(g, "w > 2", "4");
    check_edges(g, "w <= -0.5", "7,8");
    check_edges(g, "has(w)", "1,2,3,4,5,7,8");
    gr_graph_free(g);
}

int main(void)
{
    test_mixed_int_float_column();
    return CHECK_SUMMARY();
}
