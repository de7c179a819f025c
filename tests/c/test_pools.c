/*
 * test_pools.c: memory pools through the C ABI: gr_pool_new, gr_pool_stats,
 * gr_graph_new_in_pool, gr_graph_memory_usage, gr_pool_free, gr_memory_stats.
 *
 * Covers: limits (below 0 means none; 0 is a limit) and the figures of a new pool; NULL
 * pools, graphs and outputs (GR_STATUS_INVALID_ARGUMENT naming the operation, outputs left
 * alone) and gr_pool_free(NULL); usage growing with adds, gr_graph_memory_usage agreeing with
 * it, and the pool back to exactly zero once its graphs are freed; two graphs sharing a pool
 * adding up exactly; copies and subgraphs counting for the pool (a subgraph bounded by what
 * its nodes need); total_allocated and peak_usage monotonic; every mutating call (single and batch adds, the column batches,
 * attribute and column writes, copy, subgraph) refused with GR_STATUS_OUT_OF_MEMORY and a
 * message naming the operation when over the limit, the graph exactly unchanged (snapshot,
 * memory usage, pool usage) and still usable; limit 0; a pool freed while graphs still use
 * it staying alive (limit included) until they are freed; ca-GrQc loaded from
 * python/groggy/data (through `gzip -dc`) with pool_usage within 25% of gr_graph_memory_usage and of
 * an estimate computed from its sizes; threads adding to graphs in one limited pool (no
 * crash, usage never over the limit by more than a few operations' bounds) and in one
 * unlimited pool (exactly what the same graphs built on one thread hold); gr_memory_stats.
 *
 * Checks that once caught library bugs (EXPECT, in check.h) do not stop the program: each
 * failure is reported, and the program then exits non-zero. They run last, except the first
 * one, which needs a process in which no edge batch has run yet.
 *
 * Pools leave nothing behind: valgrind (run.sh) finds no leak, a pool's counters being freed
 * once the pool is freed and no block allocated for it is alive.
 *
 * Valid C99 and C++17; see run.sh (which runs it from the repository root).
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_snapshot.h"

#define KIB ((size_t)1024)
#define MIB ((size_t)1024 * 1024)

static const gr_status IA = GR_STATUS_INVALID_ARGUMENT;
static const gr_status OOM = GR_STATUS_OUT_OF_MEMORY;

#define SENTINEL_U64 ((uint64_t)0x5e4b5e4b)
#define SENTINEL_I64 ((int64_t)-0x5e4c)
#define SENTINEL_SIZE ((size_t)0x5e4d)
#define SENTINEL_GRAPH ((gr_graph *)(uintptr_t)0x5e4e)

/* ----- helpers ------------------------------------------------------------------------------ */

typedef struct pool_stats {
    uint64_t total;
    uint64_t peak;
    uint64_t usage;
    int64_t limit;
} pool_stats;

static pool_stats stats_of(const gr_pool *pool)
{
    pool_stats s;
    s.total = s.peak = s.usage = SENTINEL_U64;
    s.limit = SENTINEL_I64;
    CHECK_OK(gr_pool_stats(pool, &s.total, &s.peak, &s.usage, &s.limit));
    CHECK(s.usage <= s.peak);
    return s;
}

static uint64_t usage_of(const gr_pool *pool)
{
    return stats_of(pool).usage;
}

static size_t mem_of(const gr_graph *g)
{
    size_t n = SENTINEL_SIZE;
    CHECK_OK(gr_graph_memory_usage(g, &n));
    CHECK(n != SENTINEL_SIZE);
    return n;
}

static gr_pool *new_pool(int64_t limit)
{
    gr_pool *p = NULL;
    CHECK_OK(gr_pool_new(limit, &p));
    CHECK(p != NULL);
    return p;
}

static gr_graph *new_graph_in(const gr_pool *pool, bool directed)
{
    gr_graph *g = NULL;
    CHECK_OK(gr_graph_new_in_pool(directed, pool, &g));
    CHECK(g != NULL);
    return g;
}

/* |actual - expected| <= tolerance * expected. */
static int within(double actual, double expected, double tolerance)
{
    double d = actual - expected;
    if (d < 0) {
        d = -d;
    }
    return d <= tolerance * expected;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n > 0 ? n : 1);
    if (p == NULL) {
        check_fail(__FILE__, __LINE__, "out of memory (test program)");
    }
    return p;
}

/* A buffer of `n` bytes of `c` (not NUL-terminated past n; free with free). */
static char *filled(size_t n, char c)
{
    char *p = (char *)xmalloc(n + 1);
    memset(p, c, n);
    p[n] = '\0';
    return p;
}

/* Adds node `key` (a str key) with one attribute. */
static void add_node_attr(gr_graph *g, int64_t k, const char *ks, size_t kl, const char *name,
                          gr_attr_value value)
{
    gr_buf n = buf_of(name);
    CHECK_OK(gr_graph_add_node(g, k, ks, kl, &n, &value, 1));
}

/* Fills a limited pool up to about `room` bytes below its limit with a ballast graph (one
 * node holding one bytes value, which the pool counts exactly); returns the ballast. */
static gr_graph *leave_room(gr_pool *pool, size_t room)
{
    pool_stats s = stats_of(pool);
    uint64_t free_bytes;
    size_t size;
    char *blob;
    gr_graph *ballast;
    uint64_t left;
    CHECK(s.limit >= 0);
    free_bytes = (uint64_t)s.limit - s.usage;
    CHECK(free_bytes > room + 4 * KIB);
    size = (size_t)(free_bytes - room - KIB);
    blob = filled(size, 'b');
    ballast = new_graph_in(pool, false);
    add_node_attr(ballast, SK("ballast"), "blob", v_bytes(blob, size));
    free(blob);
    s = stats_of(pool);
    left = (uint64_t)s.limit - s.usage;
    CHECK(left >= room && left <= room + 2 * KIB);
    return ballast;
}

/* The bound a refusal's message reports ("this needs up to N more bytes"), or 0. */
static size_t needed_bytes(const char *message)
{
    const char *p = message != NULL ? strstr(message, "needs up to ") : NULL;
    unsigned long long n = 0;
    if (p == NULL || sscanf(p, "needs up to %llu", &n) != 1) {
        return 0;
    }
    return (size_t)n;
}

/* An int64 array of `n` values start, start + 1, ... */
static int64_t *int_range(int64_t start, size_t n)
{
    int64_t *a = (int64_t *)xmalloc(n * sizeof *a);
    size_t i;
    for (i = 0; i < n; i++) {
        a[i] = start + (int64_t)i;
    }
    return a;
}

/* ----- pools and their figures ---------------------------------------------------------------- */

static void test_pool_new_and_stats(void)
{
    static const int64_t limits[] = {-1, -12345, INT64_MIN, 0, 1, 4096, 1000000, INT64_MAX};
    static const int64_t expected[] = {-1, -1, -1, 0, 1, 4096, 1000000, INT64_MAX};
    size_t i;
    for (i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        gr_pool *p = new_pool(limits[i]);
        pool_stats s = stats_of(p);
        CHECK_EQ(s.limit, expected[i]);
        CHECK_EQ(s.total, 0);
        CHECK_EQ(s.peak, 0);
        CHECK_EQ(s.usage, 0);
        gr_pool_free(p);
    }
    {
        /* An empty graph holds nothing. */
        gr_pool *p = new_pool(-1);
        gr_graph *g = new_graph_in(p, false);
        gr_graph *d = new_graph_in(p, true);
        bool directed = false;
        CHECK_EQ(mem_of(g), 0);
        CHECK_EQ(mem_of(d), 0);
        CHECK_EQ(usage_of(p), 0);
        CHECK_OK(gr_graph_is_directed(d, &directed));
        CHECK(directed);
        CHECK_EQ(node_count(g), 0);
        gr_graph_free(g);
        gr_graph_free(d);
        CHECK_EQ(stats_of(p).total, 0);
        gr_pool_free(p);
    }
}

static void test_null_handling(void)
{
    gr_graph *g = SENTINEL_GRAPH;
    uint64_t total = SENTINEL_U64;
    uint64_t peak = SENTINEL_U64;
    uint64_t usage = SENTINEL_U64;
    int64_t limit = SENTINEL_I64;
    size_t bytes = SENTINEL_SIZE;
    gr_pool *pool = new_pool(1000);
    gr_graph *real;

    CHECK_ERR(gr_pool_new(5, NULL), IA, "pool_new: output pool is NULL");
    CHECK_ERR(gr_pool_stats(NULL, &total, &peak, &usage, &limit), IA,
              "pool_stats: pool is NULL");
    CHECK_ERR(gr_pool_stats(pool, NULL, &peak, &usage, &limit), IA, "pool_stats: ");
    CHECK_ERR(gr_pool_stats(pool, &total, NULL, &usage, &limit), IA, "pool_stats: ");
    CHECK_ERR(gr_pool_stats(pool, &total, &peak, NULL, &limit), IA, "pool_stats: ");
    CHECK_ERR(gr_pool_stats(pool, &total, &peak, &usage, NULL), IA, "pool_stats: ");
    /* A failed call writes no output. */
    CHECK(total == SENTINEL_U64 && peak == SENTINEL_U64 && usage == SENTINEL_U64);
    CHECK(limit == SENTINEL_I64);

    CHECK_ERR(gr_graph_new_in_pool(false, NULL, &g), IA, "graph_new: pool is NULL");
    CHECK(g == SENTINEL_GRAPH);
    CHECK_ERR(gr_graph_new_in_pool(true, pool, NULL), IA, "graph_new: output graph is NULL");
    CHECK_ERR(gr_graph_memory_usage(NULL, &bytes), IA, "memory_usage: graph is NULL");
    CHECK(bytes == SENTINEL_SIZE);
    real = new_graph_in(pool, false);
    CHECK_ERR(gr_graph_memory_usage(real, NULL), IA, "memory_usage: output bytes is NULL");
    CHECK_ERR(gr_memory_stats(NULL, &peak, &usage), IA, "memory_stats: ");

    /* Freeing NULL does nothing. */
    gr_pool_free(NULL);
    gr_graph_free(NULL);

    CHECK_EQ(stats_of(pool).usage, 0);
    gr_graph_free(real);
    gr_pool_free(pool);
}

/* 20 * 100 str-keyed nodes with attributes and a chain of edges, one call at a time. */
static void build_chain(gr_graph *g, const char *prefix, size_t n)
{
    size_t i;
    char key[64];
    char prev[64];
    for (i = 0; i < n; i++) {
        gr_buf names[2];
        gr_attr_value values[2];
        snprintf(key, sizeof key, "%s-%zu", prefix, i);
        names[0] = buf_of("index");
        names[1] = buf_of("label");
        values[0] = v_i64((int64_t)i);
        values[1] = v_str(key);
        CHECK_OK(gr_graph_add_node(g, SK(key), names, values, 2));
        if (i > 0) {
            gr_buf w = buf_of("w");
            gr_attr_value wv = v_f64((double)i);
            CHECK_OK(gr_graph_add_edge(g, SK(prev), SK(key), &w, &wv, 1));
        }
        memcpy(prev, key, sizeof key);
    }
}

static void test_usage_follows_the_graph(void)
{
    gr_pool *pool = new_pool(-1);
    gr_graph *g = new_graph_in(pool, false);
    pool_stats last = stats_of(pool);
    pool_stats held;
    size_t round;
    for (round = 0; round < 5; round++) {
        char prefix[16];
        pool_stats now;
        snprintf(prefix, sizeof prefix, "r%zu", round);
        build_chain(g, prefix, 100);
        now = stats_of(pool);
        CHECK(now.usage > last.usage);
        CHECK(now.total > last.total);
        CHECK(now.peak >= now.usage && now.peak >= last.peak);
        CHECK(now.total >= now.peak);
        last = now;
    }
    CHECK_EQ(node_count(g), 500);
    CHECK(within((double)usage_of(pool), (double)mem_of(g), 0.25));
    held = stats_of(pool);
    gr_graph_free(g);
    last = stats_of(pool);
    /* Every block the graph held is given back. */
    CHECK_EQ(last.usage, 0);
    CHECK_EQ(last.total, held.total);
    CHECK_EQ(last.peak, held.peak);

    /* clear gives the memory back; the graph stays in the pool. */
    g = new_graph_in(pool, true);
    build_chain(g, "c", 300);
    CHECK(usage_of(pool) > 300 * 16);
    CHECK_OK(gr_graph_clear(g));
    CHECK_EQ(usage_of(pool), 0);
    CHECK_EQ(mem_of(g), 0);
    build_chain(g, "d", 50);
    CHECK(usage_of(pool) > 50 * 16);
    gr_graph_free(g);
    CHECK_EQ(usage_of(pool), 0);
    gr_pool_free(pool);
}

static void test_graphs_sharing_a_pool_add_up(void)
{
    gr_pool *alone_a = new_pool(-1);
    gr_pool *alone_b = new_pool(-1);
    gr_pool *shared = new_pool(-1);
    gr_graph *a = new_graph_in(alone_a, false);
    gr_graph *b = new_graph_in(alone_b, true);
    uint64_t ua;
    uint64_t ub;
    pool_stats s;
    build_chain(a, "a", 400);
    build_chain(b, "b", 250);
    ua = usage_of(alone_a);
    ub = usage_of(alone_b);
    CHECK(ua > 0 && ub > 0);
    gr_graph_free(a);
    gr_graph_free(b);

    a = new_graph_in(shared, false);
    b = new_graph_in(shared, true);
    build_chain(a, "a", 400);
    build_chain(b, "b", 250);
    s = stats_of(shared);
    CHECK_EQ(s.usage, ua + ub);
    CHECK(s.peak >= ua + ub && s.total >= ua + ub);
    /* Other pools see none of it. */
    CHECK_EQ(usage_of(alone_a), 0);
    CHECK_EQ(usage_of(alone_b), 0);
    gr_graph_free(b);
    CHECK_EQ(usage_of(shared), ua);
    gr_graph_free(a);
    CHECK_EQ(usage_of(shared), 0);
    gr_pool_free(alone_a);
    gr_pool_free(alone_b);
    gr_pool_free(shared);
}

static void test_copy_and_subgraph_count_for_the_pool(void)
{
    gr_pool *pool = new_pool(-1);
    gr_graph *g = new_graph_in(pool, false);
    gr_graph *c = NULL;
    gr_graph *s = NULL;
    uint64_t before;
    uint64_t mid;
    size_t n = 300;
    size_t i;
    uint8_t *kinds = (uint8_t *)xmalloc(n);
    char *data = (char *)xmalloc(8 * n);
    size_t *offsets = (size_t *)xmalloc((n + 1) * sizeof *offsets);
    size_t len = 0;
    build_chain(g, "g", 600);
    before = usage_of(pool);

    CHECK_OK(gr_graph_copy(g, &c));
    CHECK(within((double)(usage_of(pool) - before), (double)mem_of(c), 0.25));
    CHECK(usage_of(pool) - before <= before); /* a copy has no spare capacity */
    /* What the copy adds counts for the pool too. */
    mid = usage_of(pool);
    build_chain(c, "more", 200);
    CHECK(usage_of(pool) > mid);
    gr_graph_free(c);
    CHECK_EQ(usage_of(pool), before);

    /* The subgraph of g-0 .. g-299 (a key array of str keys). */
    offsets[0] = 0;
    for (i = 0; i < n; i++) {
        char key[16];
        int k = snprintf(key, sizeof key, "g-%zu", i);
        kinds[i] = GR_KEY_STR;
        memcpy(data + len, key, (size_t)k);
        len += (size_t)k;
        offsets[i + 1] = len;
    }
    CHECK_OK(gr_graph_subgraph(g, kinds, NULL, (const uint8_t *)data, len, offsets, n, &s));
    CHECK_EQ(node_count(s), 300);
    CHECK_EQ(edge_count(s), 299);
    CHECK(usage_of(pool) > before);
    CHECK(within((double)(usage_of(pool) - before), (double)mem_of(s), 0.25));
    mid = usage_of(pool);
    {
        char *blob = filled(100000, 'x');
        add_node_attr(s, SK("extra"), "blob", v_bytes(blob, 100000));
        free(blob);
    }
    CHECK(usage_of(pool) - mid >= 100000);
    gr_graph_free(s);
    CHECK_EQ(usage_of(pool), before);
    gr_graph_free(g);
    CHECK_EQ(usage_of(pool), 0);
    gr_pool_free(pool);
    free(kinds);
    free(data);
    free(offsets);
}

static void test_memory_stats(void)
{
    uint64_t t0 = 0;
    uint64_t c0 = 0;
    uint64_t p0 = 0;
    uint64_t t1 = 0;
    uint64_t c1 = 0;
    uint64_t p1 = 0;
    gr_pool *pool = new_pool(-1);
    gr_graph *g = new_graph_in(pool, false);
    pool_stats s;
    CHECK_OK(gr_memory_stats(&t0, &c0, &p0));
    CHECK(c0 <= p0 && p0 <= t0);
    build_chain(g, "m", 500);
    CHECK_OK(gr_memory_stats(&t1, &c1, &p1));
    s = stats_of(pool);
    CHECK(t1 >= t0 && p1 >= p0);
    CHECK(c1 <= p1 && p1 <= t1);
    /* The pool's blocks are some of the library's. */
    CHECK(t1 - t0 >= s.total);
    CHECK(c1 >= s.usage);
    gr_graph_free(g);
    CHECK_OK(gr_memory_stats(&t0, &c0, &p0));
    CHECK(t0 >= t1 && p0 >= p1 && c0 <= p0);
    gr_pool_free(pool);
}

/* ----- limits ----------------------------------------------------------------------------- */

/*
 * The graph the limit tests work on: about 300 KB (5000 nodes added then removed, whose
 * indices the graph keeps) but only 41 live nodes, so that snapshots stay small: int keys
 * 0..39 with a label and a float, "s" with a flag, edges i-(i+1) with a weight and s-0.
 */
static gr_graph *limited_graph(gr_pool *pool)
{
    gr_graph *g = new_graph_in(pool, false);
    size_t i;
    size_t n = 5000;
    uint8_t *kinds = (uint8_t *)xmalloc(n);
    char *data = (char *)xmalloc(7 * n);
    size_t *offsets = (size_t *)xmalloc((n + 1) * sizeof *offsets);
    offsets[0] = 0;
    for (i = 0; i < n; i++) {
        char key[16];
        kinds[i] = GR_KEY_STR;
        snprintf(key, sizeof key, "r%06zu", i); /* 7 characters */
        memcpy(data + 7 * i, key, 7);
        offsets[i + 1] = offsets[i] + 7;
    }
    CHECK_OK(gr_graph_add_nodes(g, kinds, NULL, (const uint8_t *)data, 7 * n, offsets, n, NULL,
                                0, NULL, NULL, NULL, 0));
    for (i = 0; i < 40; i++) {
        gr_buf names[2];
        gr_attr_value values[2];
        char label[16];
        snprintf(label, sizeof label, "n%zu", i);
        names[0] = buf_of("label");
        names[1] = buf_of("x");
        values[0] = v_str(label);
        values[1] = v_f64(0.5 * (double)i);
        CHECK_OK(gr_graph_add_node(g, IK(i), names, values, 2));
    }
    add_node_attr(g, SK("s"), "flag", v_bool(true));
    for (i = 0; i < n; i++) {
        CHECK_OK(gr_graph_remove_node(g, SKN(data + 7 * i, 7)));
    }
    for (i = 0; i + 1 < 40; i++) {
        gr_buf w = buf_of("w");
        gr_attr_value wv = v_f64((double)i);
        CHECK_OK(gr_graph_add_edge(g, IK(i), IK(i + 1), &w, &wv, 1));
    }
    {
        gr_buf kind = buf_of("kind");
        gr_attr_value kv = v_str("x");
        CHECK_OK(gr_graph_add_edge(g, SK("s"), IK(0), &kind, &kv, 1));
    }
    CHECK_EQ(node_count(g), 41);
    CHECK_EQ(edge_count(g), 40);
    free(kinds);
    free(data);
    free(offsets);
    return g;
}

/* `call` fails with GR_STATUS_OUT_OF_MEMORY, its message naming `op`, and changes nothing. */
#define CHECK_REFUSED(pool, g, before, call, op)                                  \
    do {                                                                          \
        uint64_t held_ = usage_of(pool);                                          \
        size_t mem_ = mem_of(g);                                                  \
        CHECK_ERR((call), OOM, op ": out of memory");                             \
        CHECK(needed_bytes(gr_last_error_message()) > 64 * KIB);                  \
        CHECK_UNCHANGED((g), (before));                                           \
        CHECK_EQ(mem_of(g), mem_);                                                \
        CHECK_EQ(usage_of(pool), held_);                                          \
    } while (0)

static gr_array *string_array(const char *s, size_t len, size_t n, gr_attr_tag tag)
{
    gr_buf *bufs = (gr_buf *)xmalloc(n * sizeof *bufs);
    gr_array *a = NULL;
    size_t i;
    for (i = 0; i < n; i++) {
        bufs[i] = bufn(s, len);
    }
    CHECK_OK(gr_array_new(tag, bufs, NULL, n, &a));
    free(bufs);
    return a;
}

static void test_operations_over_the_limit_are_refused(void)
{
    gr_pool *pool = new_pool(16 * (int64_t)MIB);
    gr_graph *g = limited_graph(pool);
    gr_graph *ballast = leave_room(pool, 64 * KIB);
    snapshot *before = (snapshot *)xmalloc(sizeof(snapshot));
    char *big = filled(MIB, 'k');
    size_t n_big = 20000;
    int64_t *src = int_range(1000, n_big);
    int64_t *dst = int_range(1001, n_big);
    gr_buf blob_name = buf_of("blob");
    gr_attr_value blob = v_bytes(big, MIB);
    gr_graph *out = SENTINEL_GRAPH;

    CHECK(mem_of(g) > 64 * KIB); /* so that a copy cannot fit */
    take_snapshot(g, before);

    /* Single adds. */
    CHECK_REFUSED(pool, g, before, gr_graph_add_node(g, SKN(big, MIB), NULL, NULL, 0),
                  "add_node");
    CHECK_REFUSED(pool, g, before, gr_graph_add_node(g, IK(1000), &blob_name, &blob, 1),
                  "add_node");
    CHECK_REFUSED(pool, g, before, gr_graph_add_node(g, IK(0), &blob_name, &blob, 1),
                  "add_node");
    CHECK_REFUSED(pool, g, before,
                  gr_graph_add_edge(g, IK(0), SKN(big, MIB), NULL, NULL, 0), "add_edge");
    CHECK_REFUSED(pool, g, before, gr_graph_add_edge(g, IK(0), IK(5), &blob_name, &blob, 1),
                  "add_edge");
    CHECK_REFUSED(pool, g, before, gr_graph_add_edge(g, IK(0), IK(1), &blob_name, &blob, 1),
                  "add_edge");

    /* Batches. */
    CHECK_REFUSED(pool, g, before,
                  gr_graph_add_nodes(g, NULL, src, NULL, 0, NULL, n_big, NULL, 0, NULL, NULL,
                                     NULL, 0),
                  "add_nodes");
    CHECK_REFUSED(pool, g, before,
                  gr_graph_add_edges(g, NULL, src, NULL, 0, NULL, NULL, dst, NULL, 0, NULL,
                                     n_big / 2, NULL, 0, NULL, NULL, NULL, 0),
                  "add_edges");
    {
        /* An existing edge, with a big value only. */
        int64_t u = 0;
        int64_t v = 1;
        uint32_t item = 0;
        uint32_t name = 0;
        CHECK_REFUSED(pool, g, before,
                      gr_graph_add_edges(g, NULL, &u, NULL, 0, NULL, NULL, &v, NULL, 0, NULL, 1,
                                         &blob_name, 1, &item, &name, &blob, 1),
                      "add_edges");
        CHECK_REFUSED(pool, g, before,
                      gr_graph_add_nodes(g, NULL, &u, NULL, 0, NULL, 1, &blob_name, 1, &item,
                                         &name, &blob, 1),
                      "add_nodes");
    }
    CHECK_REFUSED(pool, g, before, gr_graph_add_edges_int(g, src, dst, n_big, NULL, NULL, 0),
                  "add_edges_from_arrays");
    {
        /* The existing edges 0-1 .. 38-39 with a big string column. */
        int64_t *u = int_range(0, 39);
        int64_t *v = int_range(1, 39);
        gr_array *column = string_array(big, 30000, 39, GR_ATTR_STRING);
        const gr_array *columns[1];
        gr_buf note = buf_of("note");
        columns[0] = column;
        CHECK_REFUSED(pool, g, before, gr_graph_add_edges_int(g, u, v, 39, &note, columns, 1),
                      "add_edges_from_arrays");
        gr_array_free(column);
        free(u);
        free(v);
    }
    {
        /* String keys: 10000 new nodes "k00000".."k09999" in a chain. */
        size_t n = 10000;
        size_t i;
        uint8_t *kinds = (uint8_t *)xmalloc(n + 1);
        char *data = (char *)xmalloc(7 * (n + 1));
        size_t *offsets = (size_t *)xmalloc((n + 2) * sizeof *offsets);
        offsets[0] = 0;
        for (i = 0; i <= n; i++) {
            char key[16];
            kinds[i] = GR_KEY_STR;
            snprintf(key, sizeof key, "k%05zu", i);
            memcpy(data + 6 * i, key, 6);
            offsets[i + 1] = offsets[i] + 6;
        }
        CHECK_REFUSED(pool, g, before,
                      gr_graph_add_edges_columns(g, kinds, NULL, (const uint8_t *)data, 6 * n,
                                                 offsets, kinds + 1, NULL,
                                                 (const uint8_t *)data + 6, 6 * n, offsets, n,
                                                 NULL, NULL, 0),
                      "add_edges_from_arrays");
        CHECK_REFUSED(pool, g, before,
                      gr_graph_add_nodes_columns(g, kinds, NULL, (const uint8_t *)data, 6 * n,
                                                 offsets, n, NULL, NULL, 0),
                      "add_nodes");
        free(kinds);
        free(data);
        free(offsets);
    }

    /* Attribute and column writes. */
    CHECK_REFUSED(pool, g, before, gr_graph_set_node_attr(g, IK(0), "blob", 4, &blob),
                  "set_node_attr");
    {
        gr_attr_value text = v_strn(big, MIB);
        CHECK_REFUSED(pool, g, before, gr_graph_set_node_attr(g, IK(0), "label", 5, &text),
                      "set_node_attr");
        CHECK_REFUSED(pool, g, before,
                      gr_graph_set_edge_attr(g, IK(0), IK(1), "w", 1, &text), "set_edge_attr");
    }
    CHECK_REFUSED(pool, g, before, gr_graph_set_edge_attr(g, IK(0), IK(1), "blob", 4, &blob),
                  "set_edge_attr");
    {
        gr_array *nodes_col = string_array(big, 30000, 41, GR_ATTR_STRING);
        gr_array *edges_col = string_array(big, 30000, 40, GR_ATTR_BYTES);
        CHECK_REFUSED(pool, g, before, gr_graph_set_node_array(g, "big", 3, nodes_col),
                      "set_node_array");
        CHECK_REFUSED(pool, g, before, gr_graph_set_node_array(g, "label", 5, nodes_col),
                      "set_node_array");
        CHECK_REFUSED(pool, g, before, gr_graph_set_edge_array(g, "big", 3, edges_col),
                      "set_edge_array");
        CHECK_REFUSED(pool, g, before, gr_graph_set_edge_array(g, "w", 1, edges_col),
                      "set_edge_array");
        gr_array_free(nodes_col);
        gr_array_free(edges_col);
    }

    /* Copies. */
    CHECK_REFUSED(pool, g, before, gr_graph_copy(g, &out), "copy");
    CHECK(out == SENTINEL_GRAPH);
    {
        /* A subgraph is bounded by what its nodes need, not by all the graph holds: the 40
         * live nodes fit in the room left; with 1 KiB left they do not. */
        int64_t *keys = int_range(0, 40);
        gr_graph *sub = NULL;
        gr_graph *more_ballast;
        uint64_t held = usage_of(pool);
        CHECK_OK(gr_graph_subgraph(g, NULL, keys, NULL, 0, NULL, 40, &sub));
        CHECK_EQ(node_count(sub), 40);
        CHECK(usage_of(pool) <= 16 * MIB);
        gr_graph_free(sub);
        CHECK_EQ(usage_of(pool), held);
        more_ballast = leave_room(pool, KIB);
        held = usage_of(pool);
        CHECK_ERR(gr_graph_subgraph(g, NULL, keys, NULL, 0, NULL, 40, &out), OOM,
                  "subgraph: out of memory");
        CHECK(out == SENTINEL_GRAPH);
        CHECK_UNCHANGED(g, before);
        CHECK_EQ(usage_of(pool), held);
        gr_graph_free(more_ballast);
        free(keys);
    }

    /* Still usable: small changes that fit go through (into existing columns: a new node
     * column would cover the 5000 removed indices too). */
    {
        gr_attr_value small = v_str("small");
        gr_attr_value w = v_f64(2.5);
        gr_attr_value got = v_null();
        gr_attr_value label = v_str("three");
        gr_buf label_name = buf_of("label");
        gr_buf w_name = buf_of("w");
        bool found = false;
        CHECK_OK(gr_graph_add_node(g, SK("small"), &label_name, &small, 1));
        CHECK_OK(gr_graph_add_edge(g, SK("small"), IK(0), &w_name, &w, 1));
        CHECK_OK(gr_graph_set_node_attr(g, IK(3), "label", 5, &label));
        CHECK_OK(gr_graph_get_node_attr(g, SK("small"), "label", 5, &got, &found));
        CHECK(found && value_equal(&got, &small));
        gr_attr_value_release(&got);
        CHECK_EQ(node_count(g), 42);
        CHECK_EQ(edge_count(g), 41);
        CHECK(usage_of(pool) <= (uint64_t)stats_of(pool).limit);
    }

    free(before);
    free(big);
    free(src);
    free(dst);
    gr_graph_free(ballast);
    gr_graph_free(g);
    CHECK(usage_of(pool) <= 4 * KIB);
    gr_pool_free(pool);
}

static void test_limit_zero(void)
{
    gr_pool *pool = new_pool(0);
    gr_graph *g = new_graph_in(pool, false);
    gr_graph *d = new_graph_in(pool, true);
    gr_graph *c = NULL;
    int64_t ints[3] = {1, 2, 3};
    gr_attr_value one = v_i64(1);
    gr_buf x = buf_of("x");
    gr_keys *keys = NULL;

    CHECK_EQ(stats_of(pool).limit, 0);
    CHECK_ERR(gr_graph_add_node_int(g, 1), OOM, "add_node: out of memory");
    CHECK_ERR(gr_graph_add_node(g, SK("a"), &x, &one, 1), OOM, "add_node: out of memory");
    CHECK_ERR(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0), OOM, "add_edge: ");
    CHECK_ERR(gr_graph_add_edge(d, SK("a"), SK("b"), NULL, NULL, 0), OOM, "add_edge: ");
    CHECK_ERR(gr_graph_add_nodes(g, NULL, ints, NULL, 0, NULL, 3, NULL, 0, NULL, NULL, NULL, 0),
              OOM, "add_nodes: ");
    CHECK_ERR(gr_graph_add_edges_int(d, ints, ints + 1, 2, NULL, NULL, 0), OOM,
              "add_edges_from_arrays: ");
    CHECK_EQ(node_count(g), 0);
    CHECK_EQ(edge_count(d), 0);

    /* What needs no memory works. */
    CHECK_OK(gr_graph_add_nodes(g, NULL, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edges_int(g, NULL, NULL, 0, NULL, NULL, 0));
    CHECK_OK(gr_graph_clear(g));
    CHECK_OK(gr_graph_nodes(g, &keys));
    CHECK_KEYS(keys, "");
    gr_keys_free(keys);
    CHECK_ERR(gr_graph_remove_node(g, IK(1)), GR_STATUS_NODE_NOT_FOUND, "remove_node: ");
    CHECK_OK(gr_graph_copy(g, &c));
    CHECK_EQ(node_count(c), 0);
    CHECK_ERR(gr_graph_add_node_int(c, 1), OOM, "add_node: "); /* the copy is in the pool */
    gr_graph_free(c);
    CHECK_EQ(usage_of(pool), 0);
    CHECK_EQ(mem_of(g), 0);
    gr_graph_free(g);
    gr_graph_free(d);
    CHECK_EQ(usage_of(pool), 0);
    gr_pool_free(pool);
}

static void test_pool_freed_while_graphs_use_it(void)
{
    gr_pool *pool = new_pool(2 * (int64_t)MIB);
    gr_graph *g = new_graph_in(pool, false);
    gr_graph *h = new_graph_in(pool, true);
    gr_graph *c = NULL;
    char *big = filled(4 * MIB, 'z');
    gr_attr_value blob = v_bytes(big, 4 * MIB);
    gr_buf name = buf_of("blob");
    build_chain(g, "p", 100);
    build_chain(h, "q", 10);
    gr_pool_free(pool); /* the graphs keep it alive */

    CHECK_ERR(gr_graph_add_node(g, SK("big"), &name, &blob, 1), OOM, "add_node: out of memory");
    CHECK_EQ(node_count(g), 100);
    build_chain(g, "more", 20);
    CHECK_EQ(node_count(g), 120);
    CHECK_OK(gr_graph_copy(g, &c));
    CHECK_ERR(gr_graph_add_node(c, SK("big"), &name, &blob, 1), OOM, "add_node: ");
    gr_graph_free(g);
    /* The pool lives on for h and c. */
    CHECK_ERR(gr_graph_set_node_attr(h, SK("q-1"), "blob", 4, &blob), OOM, "set_node_attr: ");
    build_chain(h, "r", 10);
    CHECK_EQ(node_count(h), 20);
    build_chain(c, "s", 10);
    gr_graph_free(h);
    gr_graph_free(c);
    free(big);
    /* Nothing for valgrind to find but the pool's counters (see the top of the file). */
}

/* ----- a real graph: the figures are real ------------------------------------------------- */

typedef struct edge_list {
    int64_t *src;
    int64_t *dst;
    size_t n;
    int64_t max_key;
    size_t loops; /* self-loop lines (each listed once in the SNAP files) */
} edge_list;

/* Reads a gzip SNAP edge list with `gzip -dc`; false when it cannot be read. */
static bool read_snap(const char *path, edge_list *out)
{
    char command[512];
    char line[256];
    size_t cap = 1 << 16;
    FILE *f;
    memset(out, 0, sizeof *out);
    snprintf(command, sizeof command, "gzip -dc '%s' 2>/dev/null", path);
    f = popen(command, "r");
    if (f == NULL) {
        return false;
    }
    out->src = (int64_t *)xmalloc(cap * sizeof(int64_t));
    out->dst = (int64_t *)xmalloc(cap * sizeof(int64_t));
    while (fgets(line, sizeof line, f) != NULL) {
        long long u;
        long long v;
        if (line[0] == '#' || sscanf(line, "%lld %lld", &u, &v) != 2) {
            continue;
        }
        if (out->n == cap) {
            cap *= 2;
            out->src = (int64_t *)realloc(out->src, cap * sizeof(int64_t));
            out->dst = (int64_t *)realloc(out->dst, cap * sizeof(int64_t));
            if (out->src == NULL || out->dst == NULL) {
                check_fail(__FILE__, __LINE__, "out of memory (test program)");
            }
        }
        out->src[out->n] = (int64_t)u;
        out->dst[out->n] = (int64_t)v;
        out->max_key = u > out->max_key ? u : out->max_key;
        out->max_key = v > out->max_key ? v : out->max_key;
        if (u == v) {
            out->loops++;
        }
        out->n++;
    }
    if (pclose(f) != 0 || out->n == 0) {
        free(out->src);
        free(out->dst);
        memset(out, 0, sizeof *out);
        return false;
    }
    return true;
}

/*
 * What a graph's structures need, from its sizes alone (64-bit layout): per node its key
 * (24 bytes), an alive flag and one incidence-list header (24 bytes; two when directed); a
 * direct table of 4 bytes per key value up to the largest key (small non-negative int keys);
 * per edge its endpoints (8 bytes) and a 4-byte entry in the list of each end (one for an
 * undirected self-loop); per column a presence byte and an element per entity plus payload.
 * `laid_out`: the snapshot rows a batch load into a graph without edges lays out as it
 * goes, held until the first algorithm takes them: a 4-byte entry per incidence and an
 * 8-byte offset per node, for each list.
 */
static double structure_estimate(size_t n, size_t m, size_t loops, bool directed,
                                 int64_t max_key, size_t column_bytes, bool laid_out)
{
    double lists = directed ? 2.0 : 1.0;
    double nodes = (double)n * (24 + 1 + 24 * lists) + 4.0 * (double)(max_key + 1);
    double incidences = directed ? 2.0 * (double)m : 2.0 * (double)(m - loops) + (double)loops;
    double rows = laid_out ? 4.0 * incidences + 8.0 * (double)(n + 1) * lists : 0.0;
    return nodes + 8.0 * (double)m + 4.0 * incidences + (double)column_bytes + rows;
}

/* Loads `name` into a pool and compares the figures; `fatal` selects CHECK or EXPECT. */
static void check_snap_graph(const char *name, bool directed, size_t nodes, size_t edges,
                             bool fatal)
{
    char path[256];
    edge_list el;
    gr_pool *pool;
    gr_graph *g;
    double estimate;
    double with_attrs;
    uint64_t usage;
    size_t mem;
    snprintf(path, sizeof path, "python/groggy/data/%s.txt.gz", name);
    if (!read_snap(path, &el)) {
        printf("skipped: cannot read %s with gzip (run from the repository root)\n", path);
        return;
    }
    pool = new_pool(-1);
    g = new_graph_in(pool, directed);
    CHECK_OK(gr_graph_add_edges_int(g, el.src, el.dst, el.n, NULL, NULL, 0));
    CHECK_EQ(node_count(g), nodes);
    CHECK_EQ(edge_count(g), edges);
    estimate = structure_estimate(nodes, edges, el.loops, directed, el.max_key, 0, true);
    usage = usage_of(pool);
    mem = mem_of(g);
    CHECK(within((double)mem, estimate, 0.25));
    if (fatal) {
        CHECK(within((double)usage, (double)mem, 0.25));
        CHECK(within((double)usage, estimate, 0.25));
    } else {
        EXPECT(within((double)usage, (double)mem, 0.25),
               "%s: pool_usage %llu is %.1f%% of gr_graph_memory_usage %zu (edges added in a "
               "batch: the incidence lists are not counted)",
               name, (unsigned long long)usage, 100.0 * (double)usage / (double)mem, mem);
        EXPECT(within((double)usage, estimate, 0.25),
               "%s: pool_usage %llu is %.1f%% of the estimate %.0f", name,
               (unsigned long long)usage, 100.0 * (double)usage / estimate, estimate);
    }
    {
        /* A float column on the edges. */
        double *w = (double *)xmalloc(edges * sizeof(double));
        gr_array *a = NULL;
        size_t i;
        for (i = 0; i < edges; i++) {
            w[i] = (double)i / (double)edges;
        }
        CHECK_OK(gr_array_new(GR_ATTR_FLOAT64, w, NULL, edges, &a));
        CHECK_OK(gr_graph_set_edge_array(g, "weight", 6, a));
        gr_array_free(a);
        free(w);
    }
    with_attrs = estimate + (double)edges * 9;
    usage = usage_of(pool);
    mem = mem_of(g);
    CHECK(within((double)mem, with_attrs, 0.25));
    if (fatal) {
        CHECK(within((double)usage, (double)mem, 0.25));
        CHECK(within((double)usage, with_attrs, 0.25));
    }
    gr_graph_free(g);
    CHECK(usage_of(pool) <= 4 * KIB);
    gr_pool_free(pool);
    free(el.src);
    free(el.dst);
}

static void test_snap_graph(void)
{
    check_snap_graph("ca-GrQc", false, 5242, 14496, true);
}

/* ----- threads -------------------------------------------------------------------------------- */

#define THREADS 4
#define OP_BOUND (32 * KIB) /* no operation below may need more (checked on each refusal) */

typedef struct worker {
    gr_pool *pool;
    int id;
    gr_graph *graphs[256];
    size_t n_graphs;
    size_t refused;
    size_t max_bound;
    int unexpected; /* a status other than OK / OUT_OF_MEMORY, or a refusal without a bound */
} worker;

static void *limited_worker(void *arg)
{
    worker *w = (worker *)arg;
    size_t i;
    gr_graph *g = NULL;
    for (i = 1; w->refused < 25 && i < 20000; i++) {
        char u[32];
        char v[32];
        gr_status s;
        if (g == NULL || (i % 100 == 0 && w->n_graphs < 256)) {
            /* graphs stay small, so that every operation is small */
            if (gr_graph_new_in_pool(false, w->pool, &g) != GR_STATUS_OK) {
                w->unexpected++;
                return NULL;
            }
            w->graphs[w->n_graphs++] = g;
        }
        snprintf(u, sizeof u, "t%d-%zu", w->id, i);
        snprintf(v, sizeof v, "t%d-%zu", w->id, i + 1);
        if (i % 7 == 0) {
            int64_t src[10];
            int64_t dst[10];
            size_t j;
            for (j = 0; j < 10; j++) {
                src[j] = (int64_t)(i * 100 + j);
                dst[j] = (int64_t)(i * 100 + j + 1);
            }
            s = gr_graph_add_edges_int(g, src, dst, 10, NULL, NULL, 0);
        } else {
            gr_buf name = buf_of("w");
            gr_attr_value value = v_f64(1.0);
            s = gr_graph_add_edge(g, SK(u), SK(v), &name, &value, 1);
        }
        if (s == GR_STATUS_OUT_OF_MEMORY) {
            size_t bound = needed_bytes(gr_last_error_message());
            w->refused++;
            if (bound == 0) {
                w->unexpected++;
            }
            if (bound > w->max_bound) {
                w->max_bound = bound;
            }
        } else if (s != GR_STATUS_OK) {
            w->unexpected++;
        }
    }
    return NULL;
}

static void test_threads_share_a_limited_pool(void)
{
    const uint64_t limit = MIB;
    const uint64_t slack = THREADS * OP_BOUND;
    gr_pool *pool = new_pool((int64_t)limit);
    worker *workers = (worker *)xmalloc(THREADS * sizeof(worker));
    pthread_t threads[THREADS];
    pool_stats s;
    size_t t;
    size_t i;
    size_t refused = 0;
    for (t = 0; t < THREADS; t++) {
        memset(&workers[t], 0, sizeof(worker));
        workers[t].pool = pool;
        workers[t].id = (int)t;
        CHECK_EQ(pthread_create(&threads[t], NULL, limited_worker, &workers[t]), 0);
    }
    for (t = 0; t < THREADS; t++) {
        CHECK_EQ(pthread_join(threads[t], NULL), 0);
    }
    for (t = 0; t < THREADS; t++) {
        CHECK_EQ(workers[t].unexpected, 0);
        CHECK(workers[t].max_bound <= OP_BOUND);
        refused += workers[t].refused;
    }
    CHECK(refused > 0); /* the pool did fill up */
    s = stats_of(pool);
    CHECK(s.usage <= limit + slack);
    CHECK(s.peak <= limit + slack);
    CHECK(s.usage + slack >= limit);
    /* Every graph is intact. */
    for (t = 0; t < THREADS; t++) {
        for (i = 0; i < workers[t].n_graphs; i++) {
            gr_keys *keys = NULL;
            CHECK_OK(gr_graph_nodes(workers[t].graphs[i], &keys));
            gr_keys_free(keys);
            gr_graph_free(workers[t].graphs[i]);
        }
    }
    CHECK(usage_of(pool) <= 4 * KIB);
    free(workers);
    gr_pool_free(pool);
}

typedef struct builder {
    gr_graph *g;
    int id;
} builder;

static void *build_worker(void *arg)
{
    builder *b = (builder *)arg;
    char prefix[16];
    size_t i;
    char key[32];
    char prev[32];
    snprintf(prefix, sizeof prefix, "t%d", b->id);
    for (i = 0; i < 300; i++) {
        gr_buf name = buf_of("v");
        gr_attr_value value = v_i64((int64_t)i);
        snprintf(key, sizeof key, "%s-%zu", prefix, i);
        if (gr_graph_add_node(b->g, SK(key), &name, &value, 1) != GR_STATUS_OK) {
            b->id = -1;
            return NULL;
        }
        if (i > 0 && gr_graph_add_edge(b->g, SK(prev), SK(key), NULL, NULL, 0) != GR_STATUS_OK) {
            b->id = -1;
            return NULL;
        }
        memcpy(prev, key, sizeof key);
    }
    return NULL;
}

static void test_threads_share_an_unlimited_pool_exactly(void)
{
    gr_pool *sequential = new_pool(-1);
    gr_pool *pool = new_pool(-1);
    builder builders[THREADS];
    pthread_t threads[THREADS];
    uint64_t expected;
    size_t t;
    for (t = 0; t < THREADS; t++) {
        builders[t].g = new_graph_in(sequential, false);
        builders[t].id = (int)t;
        build_worker(&builders[t]);
        CHECK_EQ(builders[t].id, (int)t);
    }
    expected = usage_of(sequential);
    for (t = 0; t < THREADS; t++) {
        gr_graph_free(builders[t].g);
        builders[t].g = new_graph_in(pool, false);
    }
    for (t = 0; t < THREADS; t++) {
        CHECK_EQ(pthread_create(&threads[t], NULL, build_worker, &builders[t]), 0);
    }
    for (t = 0; t < THREADS; t++) {
        CHECK_EQ(pthread_join(threads[t], NULL), 0);
        CHECK_EQ(builders[t].id, (int)t);
    }
    CHECK_EQ(usage_of(pool), expected);
    for (t = 0; t < THREADS; t++) {
        gr_graph_free(builders[t].g);
    }
    CHECK_EQ(usage_of(pool), 0);
    CHECK_EQ(usage_of(sequential), 0);
    gr_pool_free(sequential);
    gr_pool_free(pool);
}

/* ----- known bugs --------------------------------------------------------------------------- */

/* Runs first: the first edge batch of the process creates the worker threads' global
 * structures inside the pool's scope, and they stay counted for the pool. */
static void bug_first_edge_batch_charges_the_pool(void)
{
    gr_pool *pool = new_pool(-1);
    gr_graph *g = new_graph_in(pool, false);
    int64_t src[3] = {1, 2, 3};
    int64_t dst[3] = {2, 3, 4};
    uint64_t left;
    CHECK_OK(gr_graph_add_edges_int(g, src, dst, 3, NULL, NULL, 0));
    gr_graph_free(g);
    left = usage_of(pool);
    EXPECT(left == 0, "a pool whose only graph was freed still counts %llu bytes",
           (unsigned long long)left);
    gr_pool_free(pool);
}

static void bug_batch_incidence_lists_not_counted(void)
{
    gr_pool *pool = new_pool(-1);
    gr_graph *g = new_graph_in(pool, true);
    size_t n = 30000;
    int64_t *src = (int64_t *)xmalloc(n * sizeof(int64_t));
    int64_t *dst = (int64_t *)xmalloc(n * sizeof(int64_t));
    uint64_t usage;
    size_t mem;
    size_t i;
    for (i = 0; i < n; i++) {
        src[i] = (int64_t)(i % 1000);
        dst[i] = (int64_t)((i / 1000 + 1 + i) % 1000);
    }
    CHECK_OK(gr_graph_add_edges_int(g, src, dst, n, NULL, NULL, 0));
    usage = usage_of(pool);
    mem = mem_of(g);
    EXPECT(within((double)usage, (double)mem, 0.25),
           "30000 edges on 1000 nodes added in a batch: pool_usage %llu is %.1f%% of "
           "gr_graph_memory_usage %zu",
           (unsigned long long)usage, 100.0 * (double)usage / (double)mem, mem);
    gr_graph_free(g);
    gr_pool_free(pool);
    free(src);
    free(dst);
    check_snap_graph("wiki-Vote", true, 7115, 103689, false);
}

static void bug_values_set_alone_not_counted(void)
{
    gr_pool *pool = new_pool(-1);
    gr_graph *g = new_graph_in(pool, false);
    char *big = filled(MIB, 'v');
    gr_attr_value blob = v_bytes(big, MIB);
    uint64_t before;
    size_t mem_before;
    CHECK_OK(gr_graph_add_edge(g, SK("a"), SK("b"), NULL, NULL, 0));
    before = usage_of(pool);
    mem_before = mem_of(g);
    CHECK_OK(gr_graph_set_node_attr(g, SK("a"), "blob", 4, &blob));
    CHECK_OK(gr_graph_set_edge_attr(g, SK("a"), SK("b"), "blob", 4, &blob));
    CHECK(mem_of(g) - mem_before >= 2 * MIB);
    EXPECT(usage_of(pool) - before >= 2 * MIB,
           "two 1 MiB values set with gr_graph_set_node_attr / _set_edge_attr, but the pool "
           "grew by %llu bytes",
           (unsigned long long)(usage_of(pool) - before));
    gr_graph_free(g);
    gr_pool_free(pool);
    free(big);
}

static void bug_set_attr_needs_twice_the_room(void)
{
    int edge;
    for (edge = 0; edge < 2; edge++) {
        gr_pool *pool = new_pool(8 * (int64_t)MIB);
        gr_graph *g = new_graph_in(pool, false);
        gr_graph *ballast;
        char *big = filled(MIB, 'v');
        gr_attr_value blob = v_bytes(big, MIB);
        gr_status s;
        CHECK_OK(gr_graph_add_edge(g, IK(0), IK(1), NULL, NULL, 0));
        ballast = leave_room(pool, 3 * MIB / 2);
        s = edge ? gr_graph_set_edge_attr(g, IK(0), IK(1), "blob", 4, &blob)
                 : gr_graph_set_node_attr(g, IK(0), "blob", 4, &blob);
        EXPECT(s == GR_STATUS_OK, "a 1 MiB value with 1.5 MiB of room refused: %s",
               gr_last_error_message());
        gr_graph_free(ballast);
        gr_graph_free(g);
        gr_pool_free(pool);
        free(big);
    }
}

/* Either refused, or the pool is within its limit afterwards. */
static void expect_within_limit(gr_pool *pool, gr_status s, const char *what)
{
    pool_stats st = stats_of(pool);
    EXPECT(s == OOM || (s == GR_STATUS_OK && st.usage <= (uint64_t)st.limit),
           "%s: status %d, and the pool holds %llu bytes of its %lld-byte limit", what, (int)s,
           (unsigned long long)st.usage, (long long)st.limit);
}

static void bug_accepted_operations_go_over_the_limit(void)
{
    {
        /* 1000 int keys: the operation's bound is below the limit, its growth is not. */
        gr_pool *pool = new_pool(75000);
        gr_graph *g = new_graph_in(pool, false);
        int64_t *keys = int_range(0, 1000);
        gr_status s =
            gr_graph_add_nodes(g, NULL, keys, NULL, 0, NULL, 1000, NULL, 0, NULL, NULL, NULL, 0);
        expect_within_limit(pool, s, "gr_graph_add_nodes of 1000 int keys, limit 75000");
        gr_graph_free(g);
        gr_pool_free(pool);
        free(keys);
    }
    {
        /* A value of another kind turns an int column of 20000 into a mixed one. */
        gr_pool *pool = new_pool(16 * (int64_t)MIB);
        gr_graph *g = new_graph_in(pool, false);
        gr_graph *ballast;
        size_t n = 20000;
        int64_t *keys = int_range(0, n);
        gr_array *column = NULL;
        gr_attr_value s_value = v_str("s");
        CHECK_OK(
            gr_graph_add_nodes(g, NULL, keys, NULL, 0, NULL, n, NULL, 0, NULL, NULL, NULL, 0));
        CHECK_OK(gr_array_new(GR_ATTR_INT64, keys, NULL, n, &column));
        CHECK_OK(gr_graph_set_node_array(g, "x", 1, column));
        gr_array_free(column);
        ballast = leave_room(pool, 64 * KIB);
        expect_within_limit(pool, gr_graph_set_node_attr(g, IK(0), "x", 1, &s_value),
                            "a str value into an int column of 20000, 64 KiB of room");
        gr_graph_free(ballast);
        gr_graph_free(g);
        gr_pool_free(pool);
        free(keys);
    }
}

static void bug_refusing_charges_the_pool(void)
{
    gr_pool *pool = new_pool(0);
    gr_graph *g = new_graph_in(pool, false);
    int64_t *keys = int_range(0, 10000);
    pool_stats s;
    CHECK_ERR(gr_graph_add_node_int(g, 1), OOM, "add_node: ");
    CHECK_ERR(
        gr_graph_add_nodes(g, NULL, keys, NULL, 0, NULL, 10000, NULL, 0, NULL, NULL, NULL, 0),
        OOM, "add_nodes: ");
    s = stats_of(pool);
    CHECK_EQ(s.usage, 0);
    EXPECT(s.peak == 0,
           "a pool with limit 0 reports peak_usage %llu (total %llu) after refused operations",
           (unsigned long long)s.peak, (unsigned long long)s.total);
    gr_graph_free(g);
    gr_pool_free(pool);
    free(keys);
}

int main(void)
{
    bug_first_edge_batch_charges_the_pool(); /* first: see above */

    test_pool_new_and_stats();
    test_null_handling();
    test_usage_follows_the_graph();
    test_graphs_sharing_a_pool_add_up();
    test_copy_and_subgraph_count_for_the_pool();
    test_memory_stats();
    test_operations_over_the_limit_are_refused();
    test_limit_zero();
    test_pool_freed_while_graphs_use_it();
    test_snap_graph();
    test_threads_share_a_limited_pool();
    test_threads_share_an_unlimited_pool_exactly();

    bug_batch_incidence_lists_not_counted();
    bug_values_set_alone_not_counted();
    bug_set_attr_needs_twice_the_room();
    bug_accepted_operations_go_over_the_limit();
    bug_refusing_charges_the_pool();
    return CHECK_SUMMARY();
}
