/*
 * test_structure.c: clustering and cores, DAGs and spanning trees through the C ABI:
 * gr_graph_triangles, _clustering, _average_clustering, _transitivity, _core_number,
 * _k_core, _is_directed_acyclic, _topological_sort, _minimum_spanning_edges and
 * _minimum_spanning_tree: values as networkx gives them on small graphs, the wrong graph
 * kinds (INVALID_OPERATION), bad arguments (INVALID_ARGUMENT, outputs untouched) and a
 * triggered token (CANCELLED).
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "algorithm_checks.h"

/* Formats a key list into `buf`. */
#define KEYS(keys, buf) keys_format_at(__FILE__, __LINE__, (keys), (buf), sizeof(buf))

/* Two triangles sharing the edge 1-2, a pendant 4 and a self-loop at 4:
 * 0-1, 1-2, 2-0, 1-3, 3-2, 4-1, 4-4. */
static gr_graph *two_triangles(void)
{
    static const int64_t e[] = {0, 1, 1, 2, 2, 0, 1, 3, 3, 2, 4, 1, 4, 4};
    return graph_of(false, e, 7);
}

static void test_clustering(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    double x = -1.0;
    char buf[256];
    gr_graph *g = two_triangles();

    CHECK_OK(gr_graph_triangles(g, NULL, &keys, &values));
    KEYS(keys, buf);
    CHECK_STREQ(buf, "0,1,2,3,4");
    CHECK_I64S(values, "1,2,2,1,0");
    free_result(&keys, &values);

    /* networkx: {0: 1.0, 1: 1/3, 2: 2/3, 3: 1.0, 4: 0}. */
    CHECK_OK(gr_graph_clustering(g, NULL, 0, NULL, &keys, &values));
    CHECK_F64S(values, 1e-15, 1.0, 1.0 / 3.0, 2.0 / 3.0, 1.0, 0.0);
    free_result(&keys, &values);
    CHECK_OK(gr_graph_average_clustering(g, NULL, 0, true, NULL, &x));
    CHECK(dabs(x - (1.0 + 1.0 / 3.0 + 2.0 / 3.0 + 1.0) / 5.0) < 1e-15);
    CHECK_OK(gr_graph_average_clustering(g, NULL, 0, false, NULL, &x));
    CHECK(dabs(x - (1.0 + 1.0 / 3.0 + 2.0 / 3.0 + 1.0) / 4.0) < 1e-15);
    CHECK_OK(gr_graph_transitivity(g, NULL, &x));
    CHECK(dabs(x - 12.0 / 22.0) < 1e-15);

    /* Weighted: the triangle 0-1-2 weighs 1, 2, 4; the largest weight is 4. */
    set_w(g, 0, 1, "w", v_f64(1.0));
    set_w(g, 1, 2, "w", v_f64(2.0));
    set_w(g, 2, 0, "w", v_f64(4.0));
    CHECK_OK(gr_graph_clustering(g, "w", 1, NULL, &keys, &values));
    {
        /* Node 0: one triangle, (1/4 * 2/4 * 4/4)^(1/3), over 1 pair of neighbours. */
        double t012 = cbrt(0.25 * 0.5 * 1.0);
        double t123 = cbrt(0.5 * 0.25 * 0.25);
        CHECK_F64S(values, 1e-15, t012, (t012 + t123) / 6.0, (t012 + t123) / 3.0, t123, 0.0);
    }
    free_result(&keys, &values);

    /* Bad arguments leave the outputs alone. */
    CHECK_ERR(gr_graph_clustering(g, "nope", 4, NULL, &keys, &values), IA, "nope");
    CHECK(keys == SENTINEL_KEYS && values == SENTINEL_ARRAY);
    CHECK_ERR(gr_graph_average_clustering(NULL, NULL, 0, true, NULL, &x), IA, "graph");
    CHECK_ERR(gr_graph_transitivity(g, NULL, NULL), IA, "value");
    gr_graph_free(g);

    /* Directed: Fagiolo's coefficients; triangles are undirected only. networkx:
     * nx.clustering(nx.DiGraph([(0, 1), (1, 2), (2, 0), (0, 2)])) == {0: .5, 1: 1, 2: .5}. */
    {
        static const int64_t e[] = {0, 1, 1, 2, 2, 0, 0, 2};
        g = graph_of(true, e, 4);
        CHECK_OK(gr_graph_clustering(g, NULL, 0, NULL, &keys, &values));
        CHECK_F64S(values, 1e-15, 0.5, 1.0, 0.5);
        free_result(&keys, &values);
        CHECK_ERR(gr_graph_triangles(g, NULL, &keys, &values), GR_STATUS_INVALID_OPERATION,
                  "directed");
        CHECK(keys == SENTINEL_KEYS && values == SENTINEL_ARRAY);
        gr_graph_free(g);
    }

    /* An empty graph has no node to average over. */
    g = new_graph(false);
    CHECK_ERR(gr_graph_average_clustering(g, NULL, 0, true, NULL, &x),
              GR_STATUS_INVALID_OPERATION, "no node");
    CHECK_OK(gr_graph_transitivity(g, NULL, &x));
    CHECK(x == 0.0);
    gr_graph_free(g);
}

static void test_cores(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    gr_graph *core = NULL;
    size_t nodes = 0, edges = 0;
    char buf[256];
    /* A triangle 1-2-3 with a tail 3-4 and a lone node 9. */
    static const int64_t e[] = {1, 2, 2, 3, 3, 1, 3, 4};
    gr_graph *g = graph_of(false, e, 4);
    CHECK_OK(gr_graph_add_node(g, IK(9), NULL, NULL, 0));
    set_w(g, 1, 2, "w", v_f64(2.5));

    CHECK_OK(gr_graph_core_number(g, NULL, &keys, &values));
    KEYS(keys, buf);
    CHECK_STREQ(buf, "1,2,3,4,9");
    CHECK_I64S(values, "2,2,2,1,0");
    free_result(&keys, &values);

    /* The main core: the triangle, with its attribute. */
    CHECK_OK(gr_graph_k_core(g, false, 0, NULL, &core));
    CHECK_OK(gr_graph_size(core, &nodes, &edges));
    CHECK(nodes == 3 && edges == 3);
    {
        gr_attr_value w;
        bool found = false;
        CHECK_OK(gr_graph_get_edge_attr(core, IK(2), IK(1), "w", 1, &w, &found));
        CHECK(found && w.tag == GR_ATTR_FLOAT64 && w.data.f64 == 2.5);
    }
    gr_graph_free(core);
    core = NULL;
    CHECK_OK(gr_graph_k_core(g, true, 1, NULL, &core));
    CHECK_OK(gr_graph_size(core, &nodes, &edges));
    CHECK(nodes == 4 && edges == 4);
    gr_graph_free(core);
    core = NULL;

    /* Self-loops are refused, as networkx refuses them. */
    CHECK_OK(gr_graph_add_edge(g, IK(4), IK(4), NULL, NULL, 0));
    CHECK_ERR(gr_graph_core_number(g, NULL, &keys, &values), GR_STATUS_INVALID_OPERATION,
              "self-loops");
    CHECK_ERR(gr_graph_k_core(g, false, 0, NULL, &core), GR_STATUS_INVALID_OPERATION,
              "self-loops");
    CHECK(core == NULL);
    gr_graph_free(g);
}

static void test_dags(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    bool is_dag = false;
    char buf[256];
    /* networkx: list(nx.topological_sort(nx.DiGraph([(5, 1), (3, 1), (1, 2), (3, 4)])))
     * == [5, 3, 1, 4, 2]. */
    static const int64_t e[] = {5, 1, 3, 1, 1, 2, 3, 4};
    gr_graph *g = graph_of(true, e, 4);
    CHECK_OK(gr_graph_is_directed_acyclic(g, NULL, &is_dag));
    CHECK(is_dag);
    CHECK_OK(gr_graph_topological_sort(g, NULL, &keys));
    KEYS(keys, buf);
    CHECK_STREQ(buf, "5,3,1,4,2");
    gr_keys_free(keys);
    keys = SENTINEL_KEYS;

    CHECK_OK(gr_graph_add_edge(g, IK(2), IK(3), NULL, NULL, 0));
    CHECK_OK(gr_graph_is_directed_acyclic(g, NULL, &is_dag));
    CHECK(!is_dag);
    CHECK_ERR(gr_graph_topological_sort(g, NULL, &keys), GR_STATUS_INVALID_OPERATION, "cycle");
    CHECK(keys == SENTINEL_KEYS);
    gr_graph_free(g);

    g = new_graph(false);
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0));
    is_dag = true;
    CHECK_OK(gr_graph_is_directed_acyclic(g, NULL, &is_dag));
    CHECK(!is_dag);
    CHECK_ERR(gr_graph_topological_sort(g, NULL, &keys), GR_STATUS_INVALID_OPERATION,
              "undirected");
    gr_graph_free(g);
}

static void test_spanning_trees(void)
{
    gr_keys *sources = SENTINEL_KEYS;
    gr_keys *targets = SENTINEL_KEYS;
    gr_graph *tree = NULL;
    size_t nodes = 0, edges = 0;
    char buf[256];
    /* networkx lists (0, 1, 2), (0, 2, 1), (0, 3, 5), (1, 2, 1), (2, 3, 2), (4, 4, 0) and
     * keeps (0, 2), (1, 2), (2, 3): the tie of weight 1 goes to the edge listed first. */
    static const int64_t e[] = {0, 1, 1, 2, 2, 0, 2, 3, 3, 0, 4, 4};
    static const double w[] = {2, 1, 1, 2, 5, 0};
    size_t i;
    gr_graph *g = graph_of(false, e, 6);
    for (i = 0; i < 6; i++) {
        set_w(g, e[2 * i], e[2 * i + 1], "weight", v_f64(w[i]));
    }
    CHECK_OK(gr_graph_minimum_spanning_edges(g, "weight", 6, GR_SPANNING_KRUSKAL, NULL,
                                             &sources, &targets));
    KEYS(sources, buf);
    CHECK_STREQ(buf, "0,1,2");
    KEYS(targets, buf);
    CHECK_STREQ(buf, "2,2,3");
    gr_keys_free(sources);
    gr_keys_free(targets);
    sources = targets = SENTINEL_KEYS;

    /* Unweighted (NULL): edges in networkx's order, each joining two trees. */
    CHECK_OK(gr_graph_minimum_spanning_edges(g, NULL, 0, GR_SPANNING_KRUSKAL, NULL, &sources,
                                             &targets));
    KEYS(sources, buf);
    CHECK_STREQ(buf, "0,0,0");
    KEYS(targets, buf);
    CHECK_STREQ(buf, "1,2,3");
    gr_keys_free(sources);
    gr_keys_free(targets);
    sources = targets = SENTINEL_KEYS;

    CHECK_OK(gr_graph_minimum_spanning_tree(g, "weight", 6, GR_SPANNING_KRUSKAL, NULL, &tree));
    CHECK_OK(gr_graph_size(tree, &nodes, &edges));
    CHECK(nodes == 5 && edges == 3);
    gr_graph_free(tree);
    tree = NULL;

    /* Bad arguments: a weight no edge has, an unknown algorithm. */
    CHECK_ERR(gr_graph_minimum_spanning_edges(g, "cost", 4, GR_SPANNING_KRUSKAL, NULL, &sources,
                                              &targets),
              IA, "cost");
    CHECK_ERR(gr_graph_minimum_spanning_tree(g, NULL, 0, 77, NULL, &tree), IA, "algorithm");
    CHECK(sources == SENTINEL_KEYS && targets == SENTINEL_KEYS && tree == NULL);
    /* A NaN weight, as networkx's ValueError. */
    set_w(g, 0, 1, "weight", v_f64(NAN));
    CHECK_ERR(gr_graph_minimum_spanning_tree(g, "weight", 6, GR_SPANNING_KRUSKAL, NULL, &tree),
              IA, "NaN");
    gr_graph_free(g);

    g = new_graph(true);
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0));
    CHECK_ERR(gr_graph_minimum_spanning_tree(g, NULL, 0, GR_SPANNING_KRUSKAL, NULL, &tree),
              GR_STATUS_INVALID_OPERATION, "directed");
    gr_graph_free(g);
}

static void test_cancel(void)
{
    gr_cancel *cancel = NULL;
    gr_keys *keys = SENTINEL_KEYS;
    gr_keys *more = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    gr_graph *out = NULL;
    double x = 0;
    bool flag = false;
    gr_graph *g = two_triangles();
    gr_graph *d = new_graph(true);
    CHECK_OK(gr_graph_add_edge(d, IK(1), IK(2), NULL, NULL, 0));
    CHECK_OK(gr_cancel_new(&cancel));
    CHECK_OK(gr_cancel_trigger(cancel));
    CHECK_ERR(gr_graph_triangles(g, cancel, &keys, &values), GR_STATUS_CANCELLED, "cancelled");
    CHECK_ERR(gr_graph_clustering(g, NULL, 0, cancel, &keys, &values), GR_STATUS_CANCELLED,
              "cancelled");
    CHECK_ERR(gr_graph_average_clustering(g, NULL, 0, true, cancel, &x), GR_STATUS_CANCELLED,
              "cancelled");
    CHECK_ERR(gr_graph_transitivity(g, cancel, &x), GR_STATUS_CANCELLED, "cancelled");
    CHECK_ERR(gr_graph_core_number(d, cancel, &keys, &values), GR_STATUS_CANCELLED, "cancelled");
    CHECK_ERR(gr_graph_k_core(d, false, 0, cancel, &out), GR_STATUS_CANCELLED, "cancelled");
    CHECK_ERR(gr_graph_is_directed_acyclic(d, cancel, &flag), GR_STATUS_CANCELLED, "cancelled");
    CHECK_ERR(gr_graph_topological_sort(d, cancel, &keys), GR_STATUS_CANCELLED, "cancelled");
    CHECK_ERR(gr_graph_minimum_spanning_edges(g, NULL, 0, GR_SPANNING_KRUSKAL, cancel, &keys,
                                              &more),
              GR_STATUS_CANCELLED, "cancelled");
    CHECK_ERR(gr_graph_minimum_spanning_tree(g, NULL, 0, GR_SPANNING_KRUSKAL, cancel, &out),
              GR_STATUS_CANCELLED, "cancelled");
    CHECK(keys == SENTINEL_KEYS && more == SENTINEL_KEYS && values == SENTINEL_ARRAY);
    CHECK(out == NULL);
    gr_cancel_free(cancel);
    gr_graph_free(g);
    gr_graph_free(d);
}

int main(void)
{
    test_clustering();
    test_cores();
    test_dags();
    test_spanning_trees();
    test_cancel();
    return CHECK_SUMMARY();
}
