/*
 * test_search_trees.c: gr_graph_bfs_tree, gr_graph_dfs_tree, gr_graph_dfs_forest and
 * gr_graph_shortest_path_tree, with gr_search_options and gr_path_tree_options, used the way
 * a C program would.
 *
 * Covers: each node with the node that reached it, in networkx's orders (bfs_edges,
 * dfs_edges, dfs_postorder_nodes, single_source_dijkstra); depth limits (none, 0, 1, 2),
 * backwards searches, forests over every component, the postorder leaving out nodes at the
 * depth limit; shortest-path trees unweighted (hop counts) and weighted (lengths, the first
 * of equally short paths, the order first reached), with cutoffs; string keys; NULL options
 * equal to the defaults; bad arguments (a missing source, NULL outputs, unknown options
 * versions, a weight no edge has, a negative weight) writing no output; a triggered token.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "algorithm_checks.h"

#define NO_CANCEL ((const gr_cancel *)NULL)

static gr_search_options search_options(int64_t depth_limit, bool reverse)
{
    gr_search_options opts;
    CHECK_OK(gr_search_options_init(&opts, GR_SEARCH_OPTIONS_VERSION));
    opts.depth_limit = depth_limit;
    opts.reverse = reverse;
    return opts;
}

/* A BFS tree from int key `source` has these nodes and parents. */
static void check_bfs_tree_at(const char *file, int line, const gr_graph *g, int64_t source,
                              int64_t depth_limit, bool reverse, const char *nodes,
                              const char *parents)
{
    gr_keys *n = NULL;
    gr_keys *p = NULL;
    char buf[4096];
    gr_search_options opts = search_options(depth_limit, reverse);
    gr_status s = gr_graph_bfs_tree(g, IK(source), &opts, NO_CANCEL, &n, &p);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_graph_bfs_tree: status %d", (int)s);
    }
    keys_format_at(file, line, n, buf, sizeof buf);
    if (strcmp(buf, nodes) != 0) {
        check_fail(file, line, "bfs nodes [%s] != [%s]", buf, nodes);
    }
    keys_format_at(file, line, p, buf, sizeof buf);
    if (strcmp(buf, parents) != 0) {
        check_fail(file, line, "bfs parents [%s] != [%s]", buf, parents);
    }
    gr_keys_free(n);
    gr_keys_free(p);
    check_pass();
}
#define CHECK_BFS_TREE(g, source, depth, reverse, nodes, parents) \
    check_bfs_tree_at(__FILE__, __LINE__, (g), (source), (depth), (reverse), (nodes), (parents))

/* A DFS tree from int key `source` (or, with `forest`, every component) has these lists. */
static void check_dfs_at(const char *file, int line, const gr_graph *g, bool forest,
                         int64_t source, int64_t depth_limit, const char *nodes,
                         const char *parents, const char *postorder)
{
    gr_keys *n = NULL;
    gr_keys *p = NULL;
    gr_keys *post = NULL;
    char buf[4096];
    gr_search_options opts = search_options(depth_limit, false);
    gr_status s = forest ? gr_graph_dfs_forest(g, &opts, NO_CANCEL, &n, &p, &post)
                         : gr_graph_dfs_tree(g, IK(source), &opts, NO_CANCEL, &n, &p, &post);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "dfs tree: status %d", (int)s);
    }
    keys_format_at(file, line, n, buf, sizeof buf);
    if (strcmp(buf, nodes) != 0) {
        check_fail(file, line, "dfs nodes [%s] != [%s]", buf, nodes);
    }
    keys_format_at(file, line, p, buf, sizeof buf);
    if (strcmp(buf, parents) != 0) {
        check_fail(file, line, "dfs parents [%s] != [%s]", buf, parents);
    }
    keys_format_at(file, line, post, buf, sizeof buf);
    if (strcmp(buf, postorder) != 0) {
        check_fail(file, line, "dfs postorder [%s] != [%s]", buf, postorder);
    }
    gr_keys_free(n);
    gr_keys_free(p);
    gr_keys_free(post);
    check_pass();
}
#define CHECK_DFS_TREE(g, source, depth, nodes, parents, post) \
    check_dfs_at(__FILE__, __LINE__, (g), false, (source), (depth), (nodes), (parents), (post))
#define CHECK_DFS_FOREST(g, depth, nodes, parents, post) \
    check_dfs_at(__FILE__, __LINE__, (g), true, 0, (depth), (nodes), (parents), (post))

static void test_breadth_first(void)
{
    gr_keys *nodes = SENTINEL_KEYS;
    gr_keys *parents = SENTINEL_KEYS;
    gr_search_options opts = search_options(-1, false);
    /* Directed 0 -> 2, 0 -> 1, 1 -> 3, 2 -> 3, 3 -> 4, 5 -> 3, 4 -> 0. */
    static const int64_t e[] = {0, 2, 0, 1, 1, 3, 2, 3, 3, 4, 5, 3, 4, 0};
    gr_graph *g = graph_of(true, e, 7);

    CHECK(opts.depth_limit == -1 && !opts.reverse);
    /* 3 is reached from 2, the first of its level with 3 as a neighbour. */
    CHECK_BFS_TREE(g, 0, -1, false, "0,2,1,3,4", "0,0,0,2,3");
    CHECK_BFS_TREE(g, 0, INT64_MIN, false, "0,2,1,3,4", "0,0,0,2,3");
    CHECK_BFS_TREE(g, 0, 1, false, "0,2,1", "0,0,0");
    CHECK_BFS_TREE(g, 0, 2, false, "0,2,1,3", "0,0,0,2");
    CHECK_BFS_TREE(g, 0, 0, false, "0", "0");
    /* Backwards: into 3 come 1, 2, 5 in edge order; into 1 comes 0, into 0 comes 4. */
    CHECK_BFS_TREE(g, 3, -1, true, "3,1,2,5,0,4", "3,3,3,3,1,0");
    CHECK_BFS_TREE(g, 3, 1, true, "3,1,2,5", "3,3,3,3");
    CHECK_BFS_TREE(g, 5, -1, true, "5", "5");
    /* NULL options are the defaults. */
    CHECK_OK(gr_graph_bfs_tree(g, IK(0), NULL, NO_CANCEL, &nodes, &parents));
    CHECK_KEYS(nodes, "0,2,1,3,4");
    CHECK_KEYS(parents, "0,0,0,2,3");
    gr_keys_free(nodes);
    gr_keys_free(parents);
    gr_graph_free(g);

    /* Undirected, string keys: reverse changes nothing. a - b, c - a, b - d, d - e, a - e. */
    g = new_graph(false);
    CHECK_OK(gr_graph_add_edge(g, SK("a"), SK("b"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("c"), SK("a"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("b"), SK("d"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("d"), SK("e"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("a"), SK("e"), NULL, NULL, 0));
    opts = search_options(-1, true);
    CHECK_OK(gr_graph_bfs_tree(g, SK("d"), &opts, NO_CANCEL, &nodes, &parents));
    CHECK_KEYS(nodes, "'d','b','e','a','c'");
    CHECK_KEYS(parents, "'d','d','d','b','a'");
    gr_keys_free(nodes);
    gr_keys_free(parents);
    gr_graph_free(g);
}

static void test_layers(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *sizes = SENTINEL_ARRAY;
    /* Directed 0 -> 2, 0 -> 1, 1 -> 3, 2 -> 3, 3 -> 4, 5 -> 3, 4 -> 0. */
    static const int64_t e[] = {0, 2, 0, 1, 1, 3, 2, 3, 3, 4, 5, 3, 4, 0};
    static const int64_t from[] = {2, 1, 2};
    static const int64_t missing[] = {2, 8};
    static const uint8_t kinds[] = {GR_KEY_STR};
    static const uint8_t str_data[] = "zz";
    static const size_t str_offsets[] = {0, 2};
    gr_graph *g = graph_of(true, e, 7);

    /* From 2 and 1 (2 again counts once): then 3, then 4, then 0. */
    CHECK_OK(gr_graph_bfs_layers(g, NULL, from, NULL, 0, NULL, 3, NO_CANCEL, &keys, &sizes));
    CHECK_KEYS(keys, "2,1,3,4,0");
    CHECK_I64S(sizes, "2,1,1,1");
    free_result(&keys, &sizes);
    /* No sources: no layers. */
    CHECK_OK(gr_graph_bfs_layers(g, NULL, NULL, NULL, 0, NULL, 0, NO_CANCEL, &keys, &sizes));
    CHECK_KEYS(keys, "");
    CHECK_I64S(sizes, "");
    free_result(&keys, &sizes);
    CHECK_ERR(gr_graph_bfs_layers(g, NULL, missing, NULL, 0, NULL, 2, NO_CANCEL, &keys, &sizes),
              GR_STATUS_NODE_NOT_FOUND, "bfs_layers: node 8 not found");
    CHECK_ERR(gr_graph_bfs_layers(g, kinds, NULL, str_data, 2, str_offsets, 1, NO_CANCEL, &keys,
                                  &sizes),
              GR_STATUS_NODE_NOT_FOUND, "'zz'");
    CHECK_ERR(gr_graph_bfs_layers(g, NULL, NULL, NULL, 0, NULL, 2, NO_CANCEL, &keys, &sizes), IA,
              "sources");
    CHECK_ERR(gr_graph_bfs_layers(g, NULL, from, NULL, 0, NULL, 1, NO_CANCEL, &keys, NULL), IA,
              "sizes");
    CHECK(keys == SENTINEL_KEYS && sizes == SENTINEL_ARRAY);
    gr_graph_free(g);
}

static void test_depth_first(void)
{
    /* Undirected: 0 - 1, 0 - 2, 1 - 3, 3 - 4, 2 - 5, 3 - 0; 6 - 7 apart; 8 alone (first). */
    static const int64_t e[] = {0, 1, 0, 2, 1, 3, 3, 4, 2, 5, 3, 0, 6, 7};
    gr_graph *g = new_graph(false);
    CHECK_OK(gr_graph_add_node(g, IK(8), NULL, NULL, 0));
    add_int_edges(g, e, 7);

    CHECK_DFS_TREE(g, 0, -1, "0,1,3,4,2,5", "0,0,1,3,0,2", "4,3,1,5,2,0");
    /* At depth 2, 3 and 5 are reached but not searched from: not in the postorder. */
    CHECK_DFS_TREE(g, 0, 2, "0,1,3,2,5", "0,0,1,0,2", "1,2,0");
    CHECK_DFS_TREE(g, 0, 1, "0,1,2,3", "0,0,0,0", "0");
    CHECK_DFS_TREE(g, 0, 0, "0", "0", "");
    CHECK_DFS_TREE(g, 7, -1, "7,6", "7,7", "6,7");
    /* Every component, from its first node in node order: 8, then 0, then 6. */
    CHECK_DFS_FOREST(g, -1, "8,0,1,3,4,2,5,6,7", "8,0,0,1,3,0,2,6,6", "8,4,3,1,5,2,0,7,6");
    /* At depth 1, 4 and 5 are not reached from 0: searches start there too. */
    CHECK_DFS_FOREST(g, 1, "8,0,1,2,3,4,5,6,7", "8,0,0,0,0,4,5,6,6", "8,0,4,5,6");
    gr_graph_free(g);

    /* Directed: the search follows edges forwards, or backwards with reverse. */
    {
        static const int64_t d[] = {0, 1, 1, 2, 3, 1};
        gr_keys *n = NULL;
        gr_keys *p = NULL;
        gr_keys *post = NULL;
        gr_search_options opts = search_options(-1, true);
        g = graph_of(true, d, 3);
        CHECK_DFS_TREE(g, 1, -1, "1,2", "1,1", "2,1");
        CHECK_DFS_FOREST(g, -1, "0,1,2,3", "0,0,1,3", "2,1,0,3");
        CHECK_OK(gr_graph_dfs_tree(g, IK(1), &opts, NO_CANCEL, &n, &p, &post));
        CHECK_KEYS(n, "1,0,3");
        CHECK_KEYS(p, "1,1,1");
        CHECK_KEYS(post, "0,3,1");
        gr_keys_free(n);
        gr_keys_free(p);
        gr_keys_free(post);
        gr_graph_free(g);
    }

    /* A long path: no recursion. */
    {
        enum { LEN = 20000 };
        int64_t *s = (int64_t *)malloc(LEN * sizeof(int64_t));
        int64_t *t = (int64_t *)malloc(LEN * sizeof(int64_t));
        gr_keys *n = NULL;
        gr_keys *p = NULL;
        gr_keys *post = NULL;
        size_t len = 0;
        const int64_t *ints;
        size_t i;
        CHECK(s != NULL && t != NULL);
        for (i = 0; i < LEN; i++) {
            s[i] = (int64_t)i;
            t[i] = (int64_t)i + 1;
        }
        g = new_graph(true);
        CHECK_OK(gr_graph_add_edges_int(g, s, t, LEN, NULL, NULL, 0));
        CHECK_OK(gr_graph_dfs_forest(g, NULL, NO_CANCEL, &n, &p, &post));
        ints = keys_ints(post, &len);
        CHECK_EQ(len, LEN + 1);
        CHECK_EQ(ints[0], LEN);
        CHECK_EQ(ints[LEN], 0);
        ints = keys_ints(p, &len);
        CHECK_EQ(ints[LEN], LEN - 1);
        gr_keys_free(n);
        gr_keys_free(p);
        gr_keys_free(post);
        gr_graph_free(g);
        free(s);
        free(t);
    }
}

static gr_path_tree_options path_options(const char *weight, double cutoff)
{
    gr_path_tree_options opts;
    CHECK_OK(gr_path_tree_options_init(&opts, GR_PATH_TREE_OPTIONS_VERSION));
    opts.weight = weight;
    opts.weight_len = weight ? strlen(weight) : 0;
    opts.cutoff = cutoff;
    return opts;
}

static void test_shortest_path_trees(void)
{
    gr_keys *nodes = SENTINEL_KEYS;
    gr_keys *parents = SENTINEL_KEYS;
    gr_keys *reached = SENTINEL_KEYS;
    gr_array *lengths = SENTINEL_ARRAY;
    gr_path_tree_options opts;
    /* Undirected 1 - 2 (1.0), 2 - 3 (1.0), 1 - 3 (5.0), 3 - 4 (0.5), and 9 alone. */
    static const int64_t e[] = {1, 2, 2, 3, 1, 3, 3, 4};
    gr_graph *g = graph_of(false, e, 4);
    set_w(g, 1, 2, "w", v_f64(1.0));
    set_w(g, 2, 3, "w", v_f64(1.0));
    set_w(g, 1, 3, "w", v_f64(5.0));
    set_w(g, 3, 4, "w", v_f64(0.5));
    CHECK_OK(gr_graph_add_node(g, IK(9), NULL, NULL, 0));

    opts = path_options(NULL, INFINITY);
    CHECK(isinf(opts.cutoff) && opts.weight == NULL);
    /* Unweighted (NULL options): 3 is one hop from 1. */
    CHECK_OK(gr_graph_shortest_path_tree(g, IK(1), NULL, NO_CANCEL, &nodes, &parents, &lengths,
                                         &reached));
    CHECK_KEYS(nodes, "1,2,3,4");
    CHECK_KEYS(parents, "1,1,1,3");
    CHECK_I64S(lengths, "0,1,1,2");
    CHECK_KEYS(reached, "1,2,3,4");
    free_result(&nodes, &lengths);
    free_result(&parents, NULL);
    free_result(&reached, NULL);
    /* Hop counts within a cutoff of 1.5: up to 1. */
    opts = path_options(NULL, 1.5);
    CHECK_OK(gr_graph_shortest_path_tree(g, IK(1), &opts, NO_CANCEL, &nodes, &parents, &lengths,
                                         &reached));
    CHECK_KEYS(nodes, "1,2,3");
    CHECK_I64S(lengths, "0,1,1");
    free_result(&nodes, &lengths);
    free_result(&parents, NULL);
    free_result(&reached, NULL);
    /* Weighted from 3: 1 is reached directly (5.0), before 4 and 2 settle, then settled
     * through 2 (2.0): first reached third, settled last. */
    opts = path_options("w", INFINITY);
    CHECK_OK(gr_graph_shortest_path_tree(g, IK(3), &opts, NO_CANCEL, &nodes, &parents, &lengths,
                                         &reached));
    CHECK_KEYS(nodes, "3,4,2,1");
    CHECK_KEYS(parents, "3,3,3,2");
    CHECK_F64S(lengths, 0.0, 0.0, 0.5, 1.0, 2.0);
    CHECK_KEYS(reached, "3,2,1,4");
    free_result(&nodes, &lengths);
    free_result(&parents, NULL);
    free_result(&reached, NULL);
    /* Within 1.0: 1 is never a candidate (5.0 directly, 2.0 through 2). */
    opts.cutoff = 1.0;
    CHECK_OK(gr_graph_shortest_path_tree(g, IK(3), &opts, NO_CANCEL, &nodes, &parents, &lengths,
                                         &reached));
    CHECK_KEYS(nodes, "3,4,2");
    CHECK_KEYS(reached, "3,2,4");
    free_result(&nodes, &lengths);
    free_result(&parents, NULL);
    free_result(&reached, NULL);
    /* Equally short paths: 1 - 2 - 3 and 1 - 3 both 2.0 once 1 - 3 weighs 2: the first found
     * (directly, from 1) stays. */
    set_w(g, 1, 3, "w", v_f64(2.0));
    opts.cutoff = INFINITY;
    CHECK_OK(gr_graph_shortest_path_tree(g, IK(1), &opts, NO_CANCEL, &nodes, &parents, &lengths,
                                         &reached));
    CHECK_KEYS(nodes, "1,2,3,4");
    CHECK_KEYS(parents, "1,1,1,3");
    CHECK_F64S(lengths, 0.0, 0.0, 1.0, 2.0, 2.5);
    free_result(&nodes, &lengths);
    free_result(&parents, NULL);
    free_result(&reached, NULL);
    /* The isolated node reaches itself only. */
    CHECK_OK(gr_graph_shortest_path_tree(g, IK(9), &opts, NO_CANCEL, &nodes, &parents, &lengths,
                                         &reached));
    CHECK_KEYS(nodes, "9");
    CHECK_KEYS(parents, "9");
    CHECK_F64S(lengths, 0.0, 0.0);
    free_result(&nodes, &lengths);
    free_result(&parents, NULL);
    free_result(&reached, NULL);
    gr_graph_free(g);
}

static void test_errors(void)
{
    gr_keys *nodes = SENTINEL_KEYS;
    gr_keys *parents = SENTINEL_KEYS;
    gr_keys *post = SENTINEL_KEYS;
    gr_keys *reached = SENTINEL_KEYS;
    gr_array *lengths = SENTINEL_ARRAY;
    gr_cancel *cancel = NULL;
    static const int64_t e[] = {1, 2, 2, 3};
    gr_graph *g = graph_of(true, e, 2);
    gr_search_options opts = search_options(-1, false);
    gr_path_tree_options popts = path_options("nope", INFINITY);

    CHECK_ERR(gr_graph_bfs_tree(g, IK(99), NULL, NO_CANCEL, &nodes, &parents),
              GR_STATUS_NODE_NOT_FOUND, "bfs_tree: node 99 not found");
    CHECK_ERR(gr_graph_dfs_tree(g, SK("zz"), NULL, NO_CANCEL, &nodes, &parents, &post),
              GR_STATUS_NODE_NOT_FOUND, "dfs_tree: node 'zz' not found");
    CHECK_ERR(gr_graph_shortest_path_tree(g, IK(99), NULL, NO_CANCEL, &nodes, &parents, &lengths,
                                          &reached),
              GR_STATUS_NODE_NOT_FOUND, "shortest_path_tree");
    CHECK_ERR(gr_graph_bfs_tree(NULL, IK(1), NULL, NO_CANCEL, &nodes, &parents), IA, "graph");
    CHECK_ERR(gr_graph_bfs_tree(g, IK(1), NULL, NO_CANCEL, &nodes, NULL), IA, "parents");
    CHECK_ERR(gr_graph_dfs_forest(g, NULL, NO_CANCEL, &nodes, &parents, NULL), IA, "postorder");
    CHECK_ERR(gr_graph_shortest_path_tree(g, IK(1), NULL, NO_CANCEL, &nodes, &parents, &lengths,
                                          NULL),
              IA, "reached");
    CHECK_ERR(gr_graph_bfs_tree(g, 0, NULL, 3, NULL, NO_CANCEL, &nodes, &parents), IA,
              "without a string");
    CHECK_ERR(gr_graph_shortest_path_tree(g, IK(1), &popts, NO_CANCEL, &nodes, &parents,
                                          &lengths, &reached),
              IA, "nope");
    set_w(g, 1, 2, "w", v_f64(-1.0));
    popts = path_options("w", INFINITY);
    CHECK_ERR(gr_graph_shortest_path_tree(g, IK(1), &popts, NO_CANCEL, &nodes, &parents,
                                          &lengths, &reached),
              GR_STATUS_ALGORITHM, "negative");
    /* Unknown options versions: refused by the init (which writes nothing) and the call. */
    opts.depth_limit = 77;
    CHECK_ERR(gr_search_options_init(&opts, 0), IA, "options version 0");
    CHECK_ERR(gr_search_options_init(&opts, GR_SEARCH_OPTIONS_VERSION + 1), IA, "unknown");
    CHECK(opts.depth_limit == 77);
    opts.version = 0;
    CHECK_ERR(gr_graph_dfs_forest(g, &opts, NO_CANCEL, &nodes, &parents, &post), IA,
              "gr_search_options_init");
    CHECK_ERR(gr_path_tree_options_init(&popts, 2), IA, "unknown");
    popts.version = 9;
    CHECK_ERR(gr_graph_shortest_path_tree(g, IK(1), &popts, NO_CANCEL, &nodes, &parents,
                                          &lengths, &reached),
              IA, "options version 9");
    CHECK_ERR(gr_search_options_init(NULL, GR_SEARCH_OPTIONS_VERSION), IA, "NULL");
    /* A triggered token stops them. */
    CHECK_OK(gr_cancel_new(&cancel));
    CHECK_OK(gr_cancel_trigger(cancel));
    CHECK_ERR(gr_graph_bfs_tree(g, IK(1), NULL, cancel, &nodes, &parents), GR_STATUS_CANCELLED,
              "");
    CHECK_ERR(gr_graph_dfs_forest(g, NULL, cancel, &nodes, &parents, &post), GR_STATUS_CANCELLED,
              "");
    CHECK_ERR(gr_graph_shortest_path_tree(g, IK(1), NULL, cancel, &nodes, &parents, &lengths,
                                          &reached),
              GR_STATUS_CANCELLED, "");
    CHECK(nodes == SENTINEL_KEYS && parents == SENTINEL_KEYS && post == SENTINEL_KEYS &&
          reached == SENTINEL_KEYS && lengths == SENTINEL_ARRAY);
    gr_cancel_free(cancel);
    gr_graph_free(g);
}

int main(void)
{
    test_breadth_first();
    test_layers();
    test_depth_first();
    test_shortest_path_trees();
    test_errors();
    return CHECK_SUMMARY();
}
