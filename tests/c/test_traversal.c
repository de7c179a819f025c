/*
 * test_traversal.c: gr_graph_bfs and gr_graph_dfs orders with depth limits 0, 1, 2,
 * negative and extreme, string and mixed keys, undirected edge order.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "graph_snapshot.h"
#include "algorithm_checks.h"

static void check_dfs_at(const char *file, int line, const gr_graph *g, int64_t k,
                         const char *ks, size_t kl, int64_t depth, const char *expected)
{
    gr_keys *keys = NULL;
    char buf[4096];
    gr_status s = gr_graph_dfs(g, k, ks, kl, depth, NULL, &keys);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_graph_dfs(depth %lld): status %d", (long long)depth, (int)s);
    }
    keys_format_at(file, line, keys, buf, sizeof buf);
    if (strcmp(buf, expected) != 0) {
        check_fail(file, line, "dfs (depth %lld): [%s] != [%s]", (long long)depth, buf, expected);
    }
    gr_keys_free(keys);
    check_pass();
}
#define CHECK_DFS(g, key, depth, expected) \
    check_dfs_at(__FILE__, __LINE__, (g), key, (depth), (expected))

static void test_traversals(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_graph *g;

    /* Directed 0 -> 2, 0 -> 1, 1 -> 3, 2 -> 3, 3 -> 4, and 5 alone. */
    {
        static const int64_t e[] = {0, 2, 0, 1, 1, 3, 2, 3, 3, 4};
        g = graph_of(true, e, 5);
        CHECK_OK(gr_graph_add_node(g, IK(5), NULL, NULL, 0));
        CHECK_BFS(g, IK(0), -1, "0,2,1,3,4");
        CHECK_BFS(g, IK(0), INT64_MIN, "0,2,1,3,4");
        CHECK_BFS(g, IK(0), INT64_MAX, "0,2,1,3,4");
        CHECK_BFS(g, IK(0), 0, "0");
        CHECK_BFS(g, IK(0), 1, "0,2,1");
        CHECK_BFS(g, IK(0), 2, "0,2,1,3");
        CHECK_BFS(g, IK(0), 3, "0,2,1,3,4");
        CHECK_BFS(g, IK(3), -1, "3,4");
        CHECK_BFS(g, IK(4), -1, "4");
        CHECK_BFS(g, IK(5), -1, "5");
        CHECK_DFS(g, IK(0), -1, "0,2,3,4,1");
        CHECK_DFS(g, IK(0), -5, "0,2,3,4,1");
        CHECK_DFS(g, IK(0), INT64_MAX, "0,2,3,4,1");
        CHECK_DFS(g, IK(0), 0, "0");
        CHECK_DFS(g, IK(0), 1, "0,2,1");
        CHECK_DFS(g, IK(0), 2, "0,2,3,1");
        CHECK_DFS(g, IK(1), -1, "1,3,4");
        CHECK_DFS(g, IK(5), 3, "5");
        /* A back edge and a self-loop change nothing. */
        CHECK_OK(gr_graph_add_edge(g, IK(4), IK(0), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, IK(2), IK(2), NULL, NULL, 0));
        CHECK_BFS(g, IK(0), -1, "0,2,1,3,4");
        CHECK_DFS(g, IK(0), -1, "0,2,3,4,1");
        CHECK_BFS(g, IK(3), -1, "3,4,0,2,1");
        /* Removing a node: the next call sees it gone. */
        CHECK_OK(gr_graph_remove_node(g, IK(2)));
        CHECK_BFS(g, IK(0), -1, "0,1,3,4");
        CHECK_DFS(g, IK(4), -1, "4,0,1,3");
        /* Adding it back (with a new edge 4 -> 2). */
        CHECK_OK(gr_graph_add_edge(g, IK(4), IK(2), NULL, NULL, 0));
        CHECK_BFS(g, IK(4), -1, "4,0,2,1,3");
        CHECK_BFS(g, IK(2), -1, "2");
        CHECK_DFS(g, IK(3), -1, "3,4,0,1,2");
        /* Missing source. */
        CHECK_ERR(gr_graph_bfs(g, IK(99), -1, NULL, &keys), GR_STATUS_NODE_NOT_FOUND,
                  "bfs: node 99 not found");
        CHECK_STREQ(gr_last_error_message(), "bfs: node 99 not found");
        CHECK_ERR(gr_graph_dfs(g, SK("zz"), -1, NULL, &keys), GR_STATUS_NODE_NOT_FOUND,
                  "dfs: node 'zz' not found");
        CHECK(keys == SENTINEL_KEYS);
        gr_graph_free(g);
    }

    /* Undirected, string keys: a - b, c - a, b - d, d - e, a - e. Each node's neighbours in
     * edge order: a: b c e; b: a d; c: a; d: b e; e: d a. */
    {
        g = new_graph(false);
        CHECK_OK(gr_graph_add_edge(g, SK("a"), SK("b"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, SK("c"), SK("a"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, SK("b"), SK("d"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, SK("d"), SK("e"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, SK("a"), SK("e"), NULL, NULL, 0));
        CHECK_BFS(g, SK("d"), -1, "'d','b','e','a','c'");
        CHECK_BFS(g, SK("d"), 1, "'d','b','e'");
        CHECK_BFS(g, SK("a"), -1, "'a','b','c','e','d'");
        CHECK_DFS(g, SK("d"), -1, "'d','b','a','c','e'");
        CHECK_DFS(g, SK("d"), 1, "'d','b','e'");
        CHECK_DFS(g, SK("d"), 2, "'d','b','a','e'");
        CHECK_DFS(g, SK("c"), -1, "'c','a','b','d','e'");
        /* The key is (ptr, len): "dx" cut to one byte is "d". */
        CHECK_BFS(g, SKN("dx", 1), 0, "'d'");
        gr_graph_free(g);
    }

    /* Mixed keys: 1 - "1" - 2, and an embedded NUL in a key. */
    {
        g = new_graph(false);
        CHECK_OK(gr_graph_add_edge(g, IK(1), SK("1"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, SK("1"), IK(2), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, IK(2), SKN("n\0ul", 4), NULL, NULL, 0));
        CHECK_BFS(g, IK(1), -1, "1,'1',2,'n\\0ul'");
        CHECK_DFS(g, SKN("n\0ul", 4), -1, "'n\\0ul',2,'1',1");
        CHECK_BFS(g, SK("1"), 1, "'1',1,2");
        gr_graph_free(g);
    }

    /* Extreme int keys. */
    {
        g = new_graph(true);
        CHECK_OK(gr_graph_add_edge(g, IK(INT64_MIN), IK(INT64_MAX), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, IK(INT64_MAX), IK(0), NULL, NULL, 0));
        CHECK_BFS(g, IK(INT64_MIN), -1, "-9223372036854775808,9223372036854775807,0");
        CHECK_DFS(g, IK(INT64_MAX), -1, "9223372036854775807,0");
        CHECK_PATH(g, IK(INT64_MIN), IK(0), NULL, "-9223372036854775808,9223372036854775807,0");
        gr_graph_free(g);
    }

    /* A long path: no recursion limit. */
    {
        enum { LEN = 20000 };
        int64_t *s = (int64_t *)malloc(LEN * sizeof(int64_t));
        int64_t *t = (int64_t *)malloc(LEN * sizeof(int64_t));
        size_t i;
        size_t len = 0;
        const int64_t *ints;
        CHECK(s != NULL && t != NULL);
        for (i = 0; i < LEN; i++) {
            s[i] = (int64_t)i;
            t[i] = (int64_t)i + 1;
        }
        g = new_graph(true);
        CHECK_OK(gr_graph_add_edges_int(g, s, t, LEN, NULL, NULL, 0));
        CHECK_OK(gr_graph_dfs(g, IK(0), -1, NULL, &keys));
        ints = keys_ints(keys, &len);
        CHECK_EQ(len, LEN + 1);
        CHECK_EQ(ints[LEN], LEN);
        free_result(&keys, NULL);
        CHECK_OK(gr_graph_bfs(g, IK(0), 100, NULL, &keys));
        ints = keys_ints(keys, &len);
        CHECK_EQ(len, 101);
        CHECK_EQ(ints[100], 100);
        free_result(&keys, NULL);
        gr_graph_free(g);
        free(s);
        free(t);
    }
}

int main(void)
{
    test_traversals();
    return CHECK_SUMMARY();
}
