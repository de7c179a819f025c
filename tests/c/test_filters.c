/*
 * test_filters.c: filters, profiling, memory figures and error messages through
 * include/groggy.h, used the way a C or C++ program would.
 *
 * Covers: gr_graph_filter_nodes / gr_graph_filter_edges with C predicates that use their
 * user_data (keys of both kinds, the attribute maps they see, results in graph order);
 * a predicate returning a non-zero status stops the filter with GR_STATUS_CALLBACK after
 * exactly that many calls, outputs untouched; NULL predicate, graph and outputs; a
 * predicate that changes the graph it filters gets GR_STATUS_INVALID_OPERATION (for every
 * kind of write) and the filter goes on and the graph is unchanged, while writes to another
 * graph work and the same thread may write again afterwards; reads inside a predicate
 * (has_node, degree, get_node_attr, node_count, nested callback and query filters);
 * gr_graph_filter_nodes_query / _edges_query (results, query_len not NUL-terminated,
 * malformed queries with "filter_nodes: " / "filter_edges: ", the position and a caret,
 * empty and non-UTF-8 queries); gr_graph_set_profiling / gr_graph_profile_stats (off by
 * default, exact counts for a known number of calls, failed calls counted, total >= max,
 * nanoseconds, off clears, on restarts from empty); gr_memory_stats (NULL outputs,
 * monotonic total, current <= peak <= total, a graph's memory held and released); exact
 * error messages of several operations.
 *
 * Checks that once caught library bugs (EXPECT, in check.h) run last and do not stop the
 * program: each failure is reported, and the program then exits non-zero.
 *
 * Valid C99 and C++17; see run.sh.
 */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_snapshot.h"

#define SENTINEL_KEYS ((gr_keys *)(uintptr_t)0x5e48)
#define SENTINEL_NAMES ((gr_string_list *)(uintptr_t)0x5e4a)
#define SENTINEL_ARRAY ((gr_array *)(uintptr_t)0x5e4b)
#define SENTINEL_U64 ((uint64_t)0x5e4c)

static const char IN_CALLBACK[] = "the graph cannot be changed from inside a callback running over it";

/* ----- helpers -------------------------------------------------------------------------- */

/* The last error message is exactly `expected`. */
#define CHECK_MESSAGE(expected) CHECK_STREQ(gr_last_error_message(), (expected))

/* Appends printf-style text to a fixed buffer (fails the test if it does not fit). */
static void append(char *out, size_t cap, const char *fmt, ...)
{
    size_t pos = strlen(out);
    va_list args;
    int n;
    va_start(args, fmt);
    n = vsnprintf(out + pos, cap - pos, fmt, args);
    va_end(args);
    if (n < 0 || (size_t)n >= cap - pos) {
        check_fail(__FILE__, __LINE__, "append: buffer of %zu bytes too small", cap);
    }
}

static void describe_key(char *out, size_t cap, int64_t k, const char *s, size_t len)
{
    if (s == NULL) {
        append(out, cap, "%lld", (long long)k);
    } else {
        append(out, cap, "'%.*s'", (int)len, s);
    }
}

/* The attribute map as "name=value;..." (graph_snapshot.h's value format). */
static void describe_map(char *out, size_t cap, const gr_attr_map *attrs)
{
    char buf[1024];
    format_map(attrs, buf, sizeof buf);
    append(out, cap, "{%s}", buf);
}

/* The int64 value of attribute `name` in a map; 0 with *found false when missing. */
static int64_t map_int(const gr_attr_map *attrs, const char *name, bool *found)
{
    size_t len = 0;
    const gr_buf *names = NULL;
    const gr_attr_value *values = NULL;
    size_t i;
    *found = false;
    if (gr_attr_map_entries(attrs, &len, &names, &values) != GR_STATUS_OK) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        if (names[i].len == strlen(name) && memcmp(names[i].ptr, name, names[i].len) == 0 &&
            values[i].tag == GR_ATTR_INT64) {
            *found = true;
            return values[i].data.i64;
        }
    }
    return 0;
}

/*
 * People: nodes 1 (age 35, club Blue), 2 (age 25, club Red), "s" (age Null), 3 (club
 * Blue, no age), "x" (age 41); edges 1 -> 2 (w 1.0), 2 -> "s" (w 2.5), "s" -> 3 (no
 * attributes), 3 -> "x" (w Null).
 */
static gr_graph *build_people(bool directed)
{
    gr_graph *g = NULL;
    gr_buf names[2];
    gr_attr_value values[2];
    gr_buf w = buf_of("w");
    gr_attr_value wv;
    names[0] = buf_of("age");
    names[1] = buf_of("club");
    CHECK_OK(gr_graph_new(directed, &g));
    values[0] = v_i64(35);
    values[1] = v_str("Blue");
    CHECK_OK(gr_graph_add_node(g, IK(1), names, values, 2));
    values[0] = v_i64(25);
    values[1] = v_str("Red");
    CHECK_OK(gr_graph_add_node(g, IK(2), names, values, 2));
    values[0] = v_null();
    CHECK_OK(gr_graph_add_node(g, SK("s"), names, values, 1));
    values[0] = v_str("Blue");
    CHECK_OK(gr_graph_add_node(g, IK(3), &names[1], values, 1));
    values[0] = v_i64(41);
    CHECK_OK(gr_graph_add_node(g, SK("x"), names, values, 1));
    wv = v_f64(1.0);
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), &w, &wv, 1));
    wv = v_f64(2.5);
    CHECK_OK(gr_graph_add_edge(g, IK(2), SK("s"), &w, &wv, 1));
    CHECK_OK(gr_graph_add_edge(g, SK("s"), IK(3), NULL, NULL, 0));
    wv = v_null();
    CHECK_OK(gr_graph_add_edge(g, IK(3), SK("x"), &w, &wv, 1));
    return g;
}

/* ----- predicates ----------------------------------------------------------------------- */

enum mode {
    MODE_AGE_OVER,  /* keep nodes whose int64 age is over `threshold` */
    MODE_WRITE,     /* try every kind of write on `g`; write to `other`; keep all */
    MODE_READ,      /* read `g` every way; keep nodes of degree >= 2 */
    MODE_KEEP_ALL
};

typedef struct ctx {
    enum mode mode;
    gr_graph *g;
    gr_graph *other;
    int64_t threshold;
    int calls;
    int stop_at;           /* 1-based call that returns stop_status; 0: never */
    gr_status stop_status;
    char seen[4096];       /* keys and attribute maps seen, in call order */
    int wrong;             /* unexpected outcomes inside the predicate */
    char wrong_what[512];
    int writes_refused;
    int other_writes;
    int nested_ok;
} ctx;

static void ctx_init(ctx *c, enum mode mode, gr_graph *g)
{
    memset(c, 0, sizeof *c);
    c->mode = mode;
    c->g = g;
}

static void ctx_wrong(ctx *c, const char *what)
{
    if (c->wrong == 0) {
        snprintf(c->wrong_what, sizeof c->wrong_what, "%s (last error \"%s\")", what,
                 gr_last_error_message());
    }
    c->wrong++;
}

/* A write to the graph being filtered must fail with INVALID_OPERATION naming `op`. */
static void expect_refused(ctx *c, gr_status s, const char *op)
{
    char want[256];
    snprintf(want, sizeof want, "%s: %s", op, IN_CALLBACK);
    if (s != GR_STATUS_INVALID_OPERATION || strcmp(gr_last_error_message(), want) != 0) {
        ctx_wrong(c, op);
    } else {
        c->writes_refused++;
    }
}

static gr_status inner_keep_all(void *user_data, int64_t k, const char *s, size_t len,
                                const gr_attr_map *attrs, bool *out_keep)
{
    int *count = (int *)user_data;
    (void)k;
    (void)s;
    (void)len;
    (void)attrs;
    (*count)++;
    *out_keep = true;
    return GR_STATUS_OK;
}

static void try_writes(ctx *c, int64_t k, const char *s, size_t len)
{
    gr_buf name = buf_of("age");
    gr_attr_value v = v_i64(99);
    gr_status st;
    static const int64_t ints[2] = {500, 501};
    expect_refused(c, gr_graph_add_node(c->g, IK(500), NULL, NULL, 0), "add_node");
    expect_refused(c, gr_graph_add_node_int(c->g, 501), "add_node");
    expect_refused(c, gr_graph_add_node(c->g, k, s, len, &name, &v, 1), "add_node");
    expect_refused(c, gr_graph_add_nodes(c->g, NULL, ints, NULL, 0, NULL, 2, NULL, 0, NULL,
                                         NULL, NULL, 0),
                   "add_nodes");
    expect_refused(c, gr_graph_set_node_attr(c->g, k, s, len, "age", 3, &v), "set_node_attr");
    expect_refused(c, gr_graph_remove_node_attr(c->g, k, s, len, "age", 3), "remove_node_attr");
    expect_refused(c, gr_graph_remove_node(c->g, k, s, len), "remove_node");
    expect_refused(c, gr_graph_add_edge(c->g, k, s, len, IK(502), NULL, NULL, 0), "add_edge");
    expect_refused(c, gr_graph_remove_edge(c->g, IK(1), IK(2)), "remove_edge");
    expect_refused(c, gr_graph_clear(c->g), "clear");
    /* Another graph may be written. */
    if (c->other != NULL) {
        st = gr_graph_add_node(c->other, k, s, len, &name, &v, 1);
        if (st != GR_STATUS_OK) {
            ctx_wrong(c, "write to another graph");
        } else {
            c->other_writes++;
        }
    }
}

static void do_reads(ctx *c, int64_t k, const char *s, size_t len, const gr_attr_map *attrs)
{
    bool found = false;
    size_t degree = 0;
    size_t count = 0;
    gr_attr_value v;
    gr_keys *keys = NULL;
    int inner_calls = 0;
    bool has_age = false;
    int64_t age = map_int(attrs, "age", &has_age);
    if (gr_graph_has_node(c->g, k, s, len, &found) != GR_STATUS_OK || !found) {
        ctx_wrong(c, "has_node");
    }
    if (gr_graph_degree(c->g, k, s, len, &degree) != GR_STATUS_OK || degree == 0) {
        ctx_wrong(c, "degree");
    }
    if (gr_graph_node_count(c->g, &count) != GR_STATUS_OK || count != 5) {
        ctx_wrong(c, "node_count");
    }
    memset(&v, 0, sizeof v);
    if (gr_graph_get_node_attr(c->g, k, s, len, "age", 3, &v, &found) != GR_STATUS_OK) {
        ctx_wrong(c, "get_node_attr");
    } else if (has_age && (!found || v.tag != GR_ATTR_INT64 || v.data.i64 != age)) {
        ctx_wrong(c, "get_node_attr value");
    }
    gr_attr_value_release(&v);
    /* Nested filters over the same graph: a callback one and a query. */
    if (gr_graph_filter_nodes(c->g, inner_keep_all, &inner_calls, &keys) != GR_STATUS_OK ||
        inner_calls != 5) {
        ctx_wrong(c, "nested filter_nodes");
    } else {
        c->nested_ok++;
    }
    gr_keys_free(keys);
    keys = NULL;
    if (gr_graph_filter_nodes_query(c->g, "club == 'Blue'", 14, &keys) != GR_STATUS_OK) {
        ctx_wrong(c, "nested filter_nodes_query");
    } else {
        size_t n = 0;
        const int64_t *ints = NULL;
        const uint8_t *kinds = NULL;
        const uint8_t *data = NULL;
        const size_t *offsets = NULL;
        if (gr_keys_view(keys, &n, &ints, &kinds, &data, &offsets) != GR_STATUS_OK || n != 2 ||
            ints[0] != 1 || ints[1] != 3) {
            ctx_wrong(c, "nested filter_nodes_query result");
        } else {
            c->nested_ok++;
        }
    }
    gr_keys_free(keys);
}

static gr_status node_pred(void *user_data, int64_t k, const char *s, size_t len,
                           const gr_attr_map *attrs, bool *out_keep)
{
    ctx *c = (ctx *)user_data;
    bool has_age = false;
    int64_t age;
    c->calls++;
    if (c->calls > 1) {
        append(c->seen, sizeof c->seen, " ");
    }
    describe_key(c->seen, sizeof c->seen, k, s, len);
    describe_map(c->seen, sizeof c->seen, attrs);
    if (s == NULL && len != 0) {
        ctx_wrong(c, "int key with a length");
    }
    if (c->stop_at != 0 && c->calls == c->stop_at) {
        *out_keep = true; /* ignored: the filter stops */
        return c->stop_status;
    }
    switch (c->mode) {
    case MODE_AGE_OVER:
        age = map_int(attrs, "age", &has_age);
        *out_keep = has_age && age > c->threshold;
        break;
    case MODE_WRITE:
        try_writes(c, k, s, len);
        *out_keep = true;
        break;
    case MODE_READ:
        do_reads(c, k, s, len, attrs);
        {
            size_t d = 0;
            *out_keep = gr_graph_degree(c->g, k, s, len, &d) == GR_STATUS_OK && d >= 2;
        }
        break;
    case MODE_KEEP_ALL:
    default:
        *out_keep = true;
        break;
    }
    return GR_STATUS_OK;
}

static gr_status edge_pred(void *user_data, int64_t u, const char *us, size_t ul, int64_t v,
                           const char *vs, size_t vl, const gr_attr_map *attrs, bool *out_keep)
{
    ctx *c = (ctx *)user_data;
    c->calls++;
    if (c->calls > 1) {
        append(c->seen, sizeof c->seen, " ");
    }
    describe_key(c->seen, sizeof c->seen, u, us, ul);
    append(c->seen, sizeof c->seen, "->");
    describe_key(c->seen, sizeof c->seen, v, vs, vl);
    describe_map(c->seen, sizeof c->seen, attrs);
    if (c->stop_at != 0 && c->calls == c->stop_at) {
        return c->stop_status;
    }
    switch (c->mode) {
    case MODE_WRITE:
        try_writes(c, u, us, ul);
        expect_refused(c, gr_graph_remove_edge(c->g, u, us, ul, v, vs, vl), "remove_edge");
        {
            gr_attr_value val = v_f64(-1.0);
            expect_refused(c, gr_graph_set_edge_attr(c->g, u, us, ul, v, vs, vl, "w", 1, &val),
                           "set_edge_attr");
            expect_refused(c, gr_graph_remove_edge_attr(c->g, u, us, ul, v, vs, vl, "w", 1),
                           "remove_edge_attr");
        }
        *out_keep = true;
        break;
    case MODE_READ: {
        bool found = false;
        if (gr_graph_has_edge(c->g, u, us, ul, v, vs, vl, &found) != GR_STATUS_OK || !found) {
            ctx_wrong(c, "has_edge");
        }
        *out_keep = us == NULL; /* edges leaving an int key */
        break;
    }
    case MODE_AGE_OVER:
    case MODE_KEEP_ALL:
    default:
        *out_keep = true;
        break;
    }
    return GR_STATUS_OK;
}

/* ----- tests ---------------------------------------------------------------------------- */

static void test_node_filter_with_user_data(void)
{
    gr_graph *g = build_people(false);
    gr_keys *keys = NULL;
    ctx *c = (ctx *)malloc(sizeof(ctx));
    CHECK(c != NULL);
    ctx_init(c, MODE_AGE_OVER, g);
    c->threshold = 30;
    CHECK_OK(gr_graph_filter_nodes(g, node_pred, c, &keys));
    CHECK_KEYS(keys, "1,'x'");
    CHECK_EQ(c->calls, 5);
    CHECK_STREQ(c->seen, "1{age=i64:35;club=str:426c7565} 2{age=i64:25;club=str:526564} "
                         "'s'{age=null} 3{club=str:426c7565} 'x'{age=i64:41}");
    CHECK_EQ(c->wrong, 0);
    gr_keys_free(keys);

    /* Another threshold through the same predicate: user_data decides. */
    ctx_init(c, MODE_AGE_OVER, g);
    c->threshold = 0;
    CHECK_OK(gr_graph_filter_nodes(g, node_pred, c, &keys));
    CHECK_KEYS(keys, "1,2,'x'");
    gr_keys_free(keys);

    /* Nothing kept: an empty list. */
    ctx_init(c, MODE_AGE_OVER, g);
    c->threshold = 1000;
    CHECK_OK(gr_graph_filter_nodes(g, node_pred, c, &keys));
    CHECK_KEYS(keys, "");
    gr_keys_free(keys);

    /* Graph order after a removal and a re-add. */
    CHECK_OK(gr_graph_remove_node(g, IK(1)));
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    ctx_init(c, MODE_KEEP_ALL, g);
    CHECK_OK(gr_graph_filter_nodes(g, node_pred, c, &keys));
    CHECK_KEYS(keys, "2,'s',3,'x',1");
    CHECK_EQ(c->calls, 5);
    gr_keys_free(keys);
    free(c);
    gr_graph_free(g);

    /* The empty graph: the predicate is never called. */
    CHECK_OK(gr_graph_new(false, &g));
    c = (ctx *)malloc(sizeof(ctx));
    CHECK(c != NULL);
    ctx_init(c, MODE_KEEP_ALL, g);
    CHECK_OK(gr_graph_filter_nodes(g, node_pred, c, &keys));
    CHECK_KEYS(keys, "");
    CHECK_EQ(c->calls, 0);
    gr_keys_free(keys);
    free(c);
    gr_graph_free(g);
}

static void test_edge_filter_with_user_data(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        gr_graph *g = build_people(directed != 0);
        gr_keys *sources = NULL;
        gr_keys *targets = NULL;
        ctx *c = (ctx *)malloc(sizeof(ctx));
        CHECK(c != NULL);
        ctx_init(c, MODE_KEEP_ALL, g);
        CHECK_OK(gr_graph_filter_edges(g, edge_pred, c, &sources, &targets));
        CHECK_KEYS(sources, "1,2,'s',3");
        CHECK_KEYS(targets, "2,'s',3,'x'");
        CHECK_EQ(c->calls, 4);
        CHECK_STREQ(c->seen, "1->2{w=f64:1} 2->'s'{w=f64:2.5} 's'->3{} 3->'x'{w=null}");
        gr_keys_free(sources);
        gr_keys_free(targets);

        ctx_init(c, MODE_READ, g);
        CHECK_OK(gr_graph_filter_edges(g, edge_pred, c, &sources, &targets));
        CHECK_KEYS(sources, "1,2,3");
        CHECK_KEYS(targets, "2,'s','x'");
        CHECK_EQ(c->wrong, 0);
        gr_keys_free(sources);
        gr_keys_free(targets);
        free(c);
        gr_graph_free(g);
    }
}

static void test_stopping_the_filter(void)
{
    gr_graph *g = build_people(true);
    gr_keys *keys = SENTINEL_KEYS;
    gr_keys *sources = SENTINEL_KEYS;
    gr_keys *targets = SENTINEL_KEYS;
    ctx *c = (ctx *)malloc(sizeof(ctx));
    int stop;
    CHECK(c != NULL);
    for (stop = 1; stop <= 5; stop++) {
        ctx_init(c, MODE_KEEP_ALL, g);
        c->stop_at = stop;
        c->stop_status = 99;
        CHECK_ERR(gr_graph_filter_nodes(g, node_pred, c, &keys), GR_STATUS_CALLBACK,
                  "filter_nodes: ");
        CHECK_MESSAGE("filter_nodes: the predicate stopped the filter with status 99");
        CHECK_EQ(c->calls, stop);
        CHECK(keys == SENTINEL_KEYS);
    }
    /* Any non-OK status stops it, a library status too. */
    ctx_init(c, MODE_KEEP_ALL, g);
    c->stop_at = 2;
    c->stop_status = GR_STATUS_NODE_NOT_FOUND;
    CHECK_ERR(gr_graph_filter_nodes(g, node_pred, c, &keys), GR_STATUS_CALLBACK,
              "filter_nodes: the predicate stopped the filter");
    CHECK_EQ(c->calls, 2);
    ctx_init(c, MODE_KEEP_ALL, g);
    c->stop_at = 1;
    c->stop_status = -1;
    CHECK_ERR(gr_graph_filter_nodes(g, node_pred, c, &keys), GR_STATUS_CALLBACK,
              "filter_nodes: ");
    CHECK_EQ(c->calls, 1);

    for (stop = 1; stop <= 4; stop++) {
        ctx_init(c, MODE_KEEP_ALL, g);
        c->stop_at = stop;
        c->stop_status = 7;
        CHECK_ERR(gr_graph_filter_edges(g, edge_pred, c, &sources, &targets),
                  GR_STATUS_CALLBACK, "filter_edges: ");
        CHECK_MESSAGE("filter_edges: the predicate stopped the filter with status 7");
        CHECK_EQ(c->calls, stop);
        CHECK(sources == SENTINEL_KEYS);
        CHECK(targets == SENTINEL_KEYS);
    }
    /* The graph still works normally afterwards, writes included. */
    CHECK_OK(gr_graph_add_node(g, IK(77), NULL, NULL, 0));
    ctx_init(c, MODE_KEEP_ALL, g);
    CHECK_OK(gr_graph_filter_nodes(g, node_pred, c, &keys));
    CHECK_EQ(c->calls, 6);
    gr_keys_free(keys);
    free(c);
    gr_graph_free(g);
}

static void test_bad_arguments(void)
{
    gr_graph *g = build_people(false);
    gr_keys *keys = SENTINEL_KEYS;
    gr_keys *sources = SENTINEL_KEYS;
    gr_keys *targets = SENTINEL_KEYS;
    ctx c;
    ctx_init(&c, MODE_KEEP_ALL, g);
    CHECK_ERR(gr_graph_filter_nodes(g, NULL, &c, &keys), GR_STATUS_INVALID_ARGUMENT,
              "filter_nodes: ");
    CHECK_MESSAGE("filter_nodes: predicate is NULL");
    CHECK_ERR(gr_graph_filter_edges(g, NULL, &c, &sources, &targets), GR_STATUS_INVALID_ARGUMENT,
              "filter_edges: ");
    CHECK_MESSAGE("filter_edges: predicate is NULL");
    CHECK_ERR(gr_graph_filter_nodes(NULL, node_pred, &c, &keys), GR_STATUS_INVALID_ARGUMENT,
              "filter_nodes: graph is NULL");
    CHECK_ERR(gr_graph_filter_nodes(g, node_pred, &c, NULL), GR_STATUS_INVALID_ARGUMENT,
              "filter_nodes: output keys is NULL");
    CHECK_ERR(gr_graph_filter_edges(g, edge_pred, &c, &sources, NULL),
              GR_STATUS_INVALID_ARGUMENT, "filter_edges: output targets is NULL");
    CHECK_ERR(gr_graph_filter_nodes_query(g, NULL, 3, &keys), GR_STATUS_INVALID_ARGUMENT,
              "filter_nodes: ");
    CHECK_ERR(gr_graph_filter_nodes_query(NULL, "a == 1", 6, &keys), GR_STATUS_INVALID_ARGUMENT,
              "filter_nodes: graph is NULL");
    CHECK_ERR(gr_graph_filter_edges_query(g, "a == 1", 6, NULL, &targets),
              GR_STATUS_INVALID_ARGUMENT, "filter_edges: output sources is NULL");
    /* Nothing was called, nothing was written. */
    CHECK_EQ(c.calls, 0);
    CHECK(keys == SENTINEL_KEYS);
    CHECK(sources == SENTINEL_KEYS);
    CHECK(targets == SENTINEL_KEYS);
    /* A NULL user_data is passed through as it is. */
    {
        int count = 0;
        CHECK_OK(gr_graph_filter_nodes(g, inner_keep_all, &count, &keys));
        CHECK_EQ(count, 5);
        gr_keys_free(keys);
    }
    gr_graph_free(g);
}

static void test_writes_inside_a_predicate(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        gr_graph *g = build_people(directed != 0);
        gr_graph *other = NULL;
        gr_keys *keys = NULL;
        gr_keys *sources = NULL;
        gr_keys *targets = NULL;
        snapshot *before = (snapshot *)malloc(sizeof(snapshot));
        ctx *c = (ctx *)malloc(sizeof(ctx));
        size_t n = 0;
        CHECK(before != NULL && c != NULL);
        CHECK_OK(gr_graph_new(false, &other));
        take_snapshot(g, before);

        ctx_init(c, MODE_WRITE, g);
        c->other = other;
        CHECK_OK(gr_graph_filter_nodes(g, node_pred, c, &keys));
        CHECK_KEYS(keys, "1,2,'s',3,'x'");
        CHECK_EQ(c->calls, 5);
        if (c->wrong != 0) {
            check_fail(__FILE__, __LINE__, "inside the predicate: %s", c->wrong_what);
        }
        CHECK_EQ(c->writes_refused, 5 * 10);
        CHECK_EQ(c->other_writes, 5);
        CHECK_UNCHANGED(g, before);
        CHECK_OK(gr_graph_node_count(other, &n));
        CHECK_EQ(n, 5);
        gr_keys_free(keys);

        ctx_init(c, MODE_WRITE, g);
        CHECK_OK(gr_graph_filter_edges(g, edge_pred, c, &sources, &targets));
        CHECK_KEYS(sources, "1,2,'s',3");
        if (c->wrong != 0) {
            check_fail(__FILE__, __LINE__, "inside the edge predicate: %s", c->wrong_what);
        }
        CHECK_EQ(c->writes_refused, 4 * 13);
        CHECK_UNCHANGED(g, before);
        gr_keys_free(sources);
        gr_keys_free(targets);

        /* After the filter, the same thread may write again. */
        CHECK_OK(gr_graph_add_node(g, IK(500), NULL, NULL, 0));
        CHECK_OK(gr_graph_remove_node(g, IK(500)));
        CHECK_UNCHANGED(g, before);
        free(before);
        free(c);
        gr_graph_free(other);
        gr_graph_free(g);
    }
}

/* A write inside a predicate that reports its failure: the filter stops with CALLBACK. */
static gr_status write_then_fail(void *user_data, int64_t k, const char *s, size_t len,
                                 const gr_attr_map *attrs, bool *out_keep)
{
    gr_graph *g = (gr_graph *)user_data;
    (void)attrs;
    (void)out_keep;
    return gr_graph_remove_node(g, k, s, len);
}

static void test_write_failure_passed_on_by_the_predicate(void)
{
    gr_graph *g = build_people(false);
    gr_keys *keys = SENTINEL_KEYS;
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    CHECK(before != NULL);
    take_snapshot(g, before);
    CHECK_ERR(gr_graph_filter_nodes(g, write_then_fail, g, &keys), GR_STATUS_CALLBACK,
              "filter_nodes: the predicate stopped the filter with status 3");
    CHECK(keys == SENTINEL_KEYS);
    CHECK_UNCHANGED(g, before);
    free(before);
    gr_graph_free(g);
}

static void test_reads_inside_a_predicate(void)
{
    gr_graph *g = build_people(false);
    gr_keys *keys = NULL;
    ctx *c = (ctx *)malloc(sizeof(ctx));
    CHECK(c != NULL);
    ctx_init(c, MODE_READ, g);
    CHECK_OK(gr_graph_filter_nodes(g, node_pred, c, &keys));
    if (c->wrong != 0) {
        check_fail(__FILE__, __LINE__, "inside the predicate: %s", c->wrong_what);
    }
    CHECK_EQ(c->calls, 5);
    CHECK_EQ(c->nested_ok, 10);
    /* Undirected path 1 - 2 - s - 3 - x: the inner nodes have degree 2. */
    CHECK_KEYS(keys, "2,'s',3");
    gr_keys_free(keys);
    free(c);
    gr_graph_free(g);
}

static void check_query(const gr_graph *g, const char *query, const char *expected)
{
    gr_keys *keys = NULL;
    gr_status s = gr_graph_filter_nodes_query(g, query, strlen(query), &keys);
    if (s != GR_STATUS_OK) {
        check_fail(__FILE__, __LINE__, "query \"%s\": status %d", query, (int)s);
    }
    {
        char got[1024];
        keys_format_at(__FILE__, __LINE__, keys, got, sizeof got);
        if (strcmp(got, expected) != 0) {
            check_fail(__FILE__, __LINE__, "query \"%s\": [%s] != [%s]", query, got, expected);
        }
    }
    check_pass();
    gr_keys_free(keys);
}

static void test_queries(void)
{
    gr_graph *g = build_people(true);
    gr_keys *keys = SENTINEL_KEYS;
    gr_keys *sources = NULL;
    gr_keys *targets = NULL;
    check_query(g, "age > 30", "1,'x'");
    check_query(g, "age > 30 AND club == 'Blue'", "1");
    check_query(g, "NOT age > 30", "2,'s',3");
    check_query(g, "has(age)", "1,2,'s','x'");
    check_query(g, "NOT has(age) OR age != 35", "2,3,'x'");
    check_query(g, "club == \"Blue\" or age < 30", "1,2,3");
    check_query(g, "(club == 'Blue' OR age < 30) AND NOT age == 35", "2,3");
    check_query(g, "club == 'Blue' OR age < 30 AND age > 26", "1,3");
    check_query(g, "age >= 25.0 AND age <= 35", "1,2");
    check_query(g, "-1 < age", "1,2,'x'");
    check_query(g, "age == true OR club > 5", "");
    check_query(g, "nothing == 1", "");

    /* query_len bounds the query: the text need not be NUL-terminated. */
    CHECK_OK(gr_graph_filter_nodes_query(g, "age > 30 AND club == 'Blue'", 8, &keys));
    CHECK_KEYS(keys, "1,'x'");
    gr_keys_free(keys);

    CHECK_OK(gr_graph_filter_edges_query(g, "w > 1", 5, &sources, &targets));
    CHECK_KEYS(sources, "2");
    CHECK_KEYS(targets, "'s'");
    gr_keys_free(sources);
    gr_keys_free(targets);
    CHECK_OK(gr_graph_filter_edges_query(g, "NOT w > 1", 9, &sources, &targets));
    CHECK_KEYS(sources, "1,'s',3");
    CHECK_KEYS(targets, "2,3,'x'");
    gr_keys_free(sources);
    gr_keys_free(targets);
    CHECK_OK(gr_graph_filter_edges_query(g, "has(w)", 6, &sources, &targets));
    CHECK_KEYS(sources, "1,2,3");
    gr_keys_free(sources);
    gr_keys_free(targets);
    gr_graph_free(g);
}

static void test_malformed_queries(void)
{
    static const struct {
        const char *query;
        const char *message; /* after "filter_nodes: " */
    } cases[] = {
        {"age > 30 AND )",
         "unexpected ')' at position 13 in query:\nage > 30 AND )\n             ^"},
        {"age >",
         "expected a value (string, number, true or false) after '>', but the query ends at "
         "position 5 in query:\nage >\n     ^"},
        {"age = 30",
         "unknown operator '=' (did you mean '=='?) at position 4 in query:\nage = 30\n    ^"},
        {"(age > 1", "unclosed '(' at position 0 in query:\n(age > 1\n^"},
        {"club == 'Blue", "unterminated string at position 8 in query:\nclub == 'Blue\n        ^"},
        {"age > 1.2.3", "bad number '1.2.3' at position 6 in query:\nage > 1.2.3\n      ^"},
        {"has()", "has() needs an attribute name at position 4 in query:\nhas()\n    ^"},
        {"age > 1 ; x",
         "unexpected character ';' at position 8 in query:\nage > 1 ; x\n        ^"},
    };
    gr_graph *g = build_people(false);
    gr_keys *keys = SENTINEL_KEYS;
    gr_keys *sources = SENTINEL_KEYS;
    gr_keys *targets = SENTINEL_KEYS;
    size_t i;
    char want[512];
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *q = cases[i].query;
        CHECK_ERR(gr_graph_filter_nodes_query(g, q, strlen(q), &keys), GR_STATUS_INVALID_ARGUMENT,
                  "filter_nodes: ");
        snprintf(want, sizeof want, "filter_nodes: %s", cases[i].message);
        CHECK_MESSAGE(want);
        CHECK(strstr(gr_last_error_message(), "position") != NULL);
        CHECK_ERR(gr_graph_filter_edges_query(g, q, strlen(q), &sources, &targets),
                  GR_STATUS_INVALID_ARGUMENT, "filter_edges: ");
        snprintf(want, sizeof want, "filter_edges: %s", cases[i].message);
        CHECK_MESSAGE(want);
    }
    /* Cut short by query_len: "age > 30 AND" ends after AND. */
    CHECK_ERR(gr_graph_filter_nodes_query(g, "age > 30 AND club == 'x'", 12, &keys),
              GR_STATUS_INVALID_ARGUMENT, "filter_nodes: ");
    CHECK_MESSAGE("filter_nodes: expected a condition after 'AND', but the query ends at "
                  "position 12 in query:\nage > 30 AND\n            ^");
    CHECK_ERR(gr_graph_filter_nodes_query(g, "", 0, &keys), GR_STATUS_INVALID_ARGUMENT,
              "filter_nodes: ");
    CHECK_MESSAGE("filter_nodes: empty query");
    CHECK_ERR(gr_graph_filter_nodes_query(g, "a == '\xff'", 8, &keys), GR_STATUS_INVALID_ARGUMENT,
              "filter_nodes: query is not valid UTF-8");
    CHECK(keys == SENTINEL_KEYS);
    CHECK(sources == SENTINEL_KEYS);
    CHECK(targets == SENTINEL_KEYS);
    gr_graph_free(g);
}

/* ----- profiling ---------------------------------------------------------------------- */

typedef struct profile {
    size_t n;
    char names[1024];
    int64_t counts[64];
    int64_t total_ns[64];
    int64_t max_ns[64];
} profile;

static void read_array(const gr_array *a, size_t n, int64_t *out)
{
    size_t len = 99;
    gr_attr_tag kind = -1;
    const void *data = NULL;
    size_t i;
    CHECK_OK(gr_array_info(a, &len, &kind, &data));
    CHECK_EQ(len, n);
    if (n > 0) {
        CHECK_EQ(kind, GR_ATTR_INT64);
        CHECK(data != NULL);
        for (i = 0; i < n; i++) {
            out[i] = ((const int64_t *)data)[i];
        }
    }
}

static void read_profile(const gr_graph *g, profile *p)
{
    gr_string_list *names = NULL;
    gr_array *counts = NULL;
    gr_array *total = NULL;
    gr_array *longest = NULL;
    const gr_buf *items = NULL;
    memset(p, 0, sizeof *p);
    CHECK_OK(gr_graph_profile_stats(g, &names, &counts, &total, &longest));
    CHECK_OK(gr_string_list_entries(names, &p->n, &items));
    CHECK(p->n < 64);
    format_string_list(names, p->names, sizeof p->names);
    read_array(counts, p->n, p->counts);
    read_array(total, p->n, p->total_ns);
    read_array(longest, p->n, p->max_ns);
    gr_string_list_free(names);
    gr_array_free(counts);
    gr_array_free(total);
    gr_array_free(longest);
}

/* "name=count,name=count" in the library's (sorted) order. */
static void profile_counts(const profile *p, char *out, size_t cap)
{
    char names[1024];
    char *save = names;
    size_t i;
    out[0] = '\0';
    memcpy(names, p->names, sizeof names);
    for (i = 0; i < p->n; i++) {
        char *comma = strchr(save, ',');
        if (comma != NULL) {
            *comma = '\0';
        }
        append(out, cap, "%s%s=%lld", i ? "," : "", save, (long long)p->counts[i]);
        save = comma != NULL ? comma + 1 : save + strlen(save);
    }
}

#define CHECK_PROFILE(g, expected)                                                 \
    do {                                                                           \
        profile check_p_;                                                          \
        char check_c_[1024];                                                       \
        read_profile((g), &check_p_);                                              \
        profile_counts(&check_p_, check_c_, sizeof check_c_);                      \
        if (strcmp(check_c_, (expected)) != 0) {                                   \
            check_fail(__FILE__, __LINE__, "profile [%s] != [%s]", check_c_,       \
                       (expected));                                                \
        }                                                                          \
        check_pass();                                                              \
    } while (0)

static gr_status slow_pred(void *user_data, int64_t k, const char *s, size_t len,
                           const gr_attr_map *attrs, bool *out_keep)
{
    volatile unsigned long *spin = (unsigned long *)user_data;
    unsigned long i;
    (void)k;
    (void)s;
    (void)len;
    (void)attrs;
    for (i = 0; i < 200000; i++) {
        (*spin)++;
    }
    *out_keep = true;
    return GR_STATUS_OK;
}

static void test_profiling(void)
{
    gr_graph *g = build_people(false);
    gr_keys *keys = NULL;
    size_t d = 0;
    bool found = false;
    int i;
    profile *p = (profile *)malloc(sizeof(profile));
    CHECK(p != NULL);

    /* Off by default: empty figures, whatever ran. */
    CHECK_OK(gr_graph_has_node(g, IK(1), &found));
    read_profile(g, p);
    CHECK_EQ(p->n, 0);
    CHECK_STREQ(p->names, "");

    CHECK_OK(gr_graph_set_profiling(g, true));
    CHECK_OK(gr_graph_set_profiling(g, true)); /* twice: still on, nothing lost */
    CHECK_PROFILE(g, "");
    for (i = 0; i < 6; i++) {
        CHECK_OK(gr_graph_add_node(g, IK(100 + i), NULL, NULL, 0));
    }
    CHECK_OK(gr_graph_add_node_int(g, 200)); /* the fast path counts as add_node */
    for (i = 0; i < 4; i++) {
        CHECK_OK(gr_graph_has_node(g, IK(i), &found));
    }
    CHECK_OK(gr_graph_has_node_int(g, 1, &found));
    for (i = 0; i < 3; i++) {
        CHECK_OK(gr_graph_degree(g, IK(1), &d));
    }
    CHECK_ERR(gr_graph_degree(g, SK("nope"), &d), GR_STATUS_NODE_NOT_FOUND,
              "degree: node 'nope' not found"); /* failed calls count */
    CHECK_OK(gr_graph_filter_nodes_query(g, "age > 1", 7, &keys));
    gr_keys_free(keys); /* not a graph operation */
    {
        unsigned long spin = 0;
        CHECK_OK(gr_graph_filter_nodes(g, slow_pred, &spin, &keys));
        gr_keys_free(keys);
        CHECK(spin > 0);
    }
    CHECK_PROFILE(g, "add_node=7,degree=4,filter_nodes=2,has_node=5");
    read_profile(g, p);
    CHECK_STREQ(p->names, "add_node,degree,filter_nodes,has_node");
    for (i = 0; i < (int)p->n; i++) {
        CHECK(p->max_ns[i] > 0);
        CHECK(p->max_ns[i] <= p->total_ns[i]);
        CHECK(p->total_ns[i] <= p->counts[i] * p->max_ns[i]);
        CHECK(p->total_ns[i] < (int64_t)60 * 1000 * 1000 * 1000);
    }
    /* Reading the figures is not itself counted. */
    CHECK_PROFILE(g, "add_node=7,degree=4,filter_nodes=2,has_node=5");

    /* Off: empty; on again: starts from empty. */
    CHECK_OK(gr_graph_set_profiling(g, false));
    CHECK_OK(gr_graph_degree(g, IK(1), &d));
    CHECK_PROFILE(g, "");
    CHECK_OK(gr_graph_set_profiling(g, false));
    CHECK_OK(gr_graph_set_profiling(g, true));
    CHECK_PROFILE(g, "");
    CHECK_OK(gr_graph_degree(g, IK(1), &d));
    CHECK_PROFILE(g, "degree=1");

    /* gr_graph_size, which bindings call for themselves, is not recorded. */
    {
        size_t nodes = 0;
        size_t edges = 0;
        size_t node_count = 0;
        size_t edge_count = 0;
        CHECK_OK(gr_graph_size(g, &nodes, &edges));
        CHECK_PROFILE(g, "degree=1");
        CHECK_OK(gr_graph_node_count(g, &node_count));
        CHECK_OK(gr_graph_edge_count(g, &edge_count));
        CHECK_EQ(nodes, node_count);
        CHECK_EQ(edges, edge_count);
        CHECK(nodes > 0);
        CHECK_PROFILE(g, "degree=1,edge_count=1,node_count=1");
        nodes = edges = 77;
        CHECK_ERR(gr_graph_size(NULL, &nodes, &edges), GR_STATUS_INVALID_ARGUMENT,
                  "size: graph is NULL");
        CHECK_ERR(gr_graph_size(g, NULL, &edges), GR_STATUS_INVALID_ARGUMENT,
                  "size: output nodes is NULL");
        CHECK_ERR(gr_graph_size(g, &nodes, NULL), GR_STATUS_INVALID_ARGUMENT,
                  "size: output edges is NULL");
        CHECK(nodes == 77 && edges == 77);
        CHECK_OK(gr_graph_set_profiling(g, false));
        CHECK_OK(gr_graph_set_profiling(g, true));
        CHECK_OK(gr_graph_degree(g, IK(1), &d));
    }

    /* Another graph has its own figures. */
    {
        gr_graph *h = NULL;
        CHECK_OK(gr_graph_new(true, &h));
        CHECK_OK(gr_graph_add_node(h, IK(1), NULL, NULL, 0));
        CHECK_PROFILE(h, "");
        CHECK_OK(gr_graph_set_profiling(h, true));
        CHECK_OK(gr_graph_add_node(h, IK(2), NULL, NULL, 0));
        CHECK_PROFILE(h, "add_node=1");
        CHECK_PROFILE(g, "degree=1");
        gr_graph_free(h); /* freed while profiling */
    }
    CHECK_OK(gr_graph_degree(g, IK(1), &d));
    CHECK_PROFILE(g, "degree=2");

    /* Bad arguments. */
    {
        gr_string_list *names = SENTINEL_NAMES;
        gr_array *a = SENTINEL_ARRAY;
        gr_array *b = SENTINEL_ARRAY;
        gr_array *c = SENTINEL_ARRAY;
        CHECK_ERR(gr_graph_set_profiling(NULL, true), GR_STATUS_INVALID_ARGUMENT,
                  "set_profiling: graph is NULL");
        CHECK_ERR(gr_graph_profile_stats(NULL, &names, &a, &b, &c), GR_STATUS_INVALID_ARGUMENT,
                  "profile_stats: graph is NULL");
        CHECK_ERR(gr_graph_profile_stats(g, &names, &a, &b, NULL), GR_STATUS_INVALID_ARGUMENT,
                  "profile_stats: output max_ns is NULL");
        CHECK(names == SENTINEL_NAMES && a == SENTINEL_ARRAY && b == SENTINEL_ARRAY &&
              c == SENTINEL_ARRAY);
    }
    CHECK_OK(gr_graph_set_profiling(g, false));
    free(p);
    gr_graph_free(g);
}

/* ----- memory ------------------------------------------------------------------------- */

static void test_memory_stats(void)
{
    uint64_t total = 0;
    uint64_t current = 0;
    uint64_t peak = 0;
    uint64_t t2 = 0;
    uint64_t c2 = 0;
    uint64_t p2 = 0;
    uint64_t t3 = 0;
    uint64_t c3 = 0;
    uint64_t p3 = 0;
    uint64_t x = SENTINEL_U64;
    gr_graph *g = NULL;
    int i;
    char key[32];
    gr_buf name = buf_of("label");
    gr_attr_value value = v_str("a label of some length, forty bytes long");
    uint64_t held = 5000 * (uint64_t)value.data.buf.len;

    CHECK_OK(gr_memory_stats(&total, &current, &peak));
    CHECK(current <= peak);
    CHECK(peak <= total);

    CHECK_OK(gr_graph_new(false, &g));
    for (i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "node-%d", i);
        CHECK_OK(gr_graph_add_node(g, SK(key), &name, &value, 1));
    }
    CHECK_OK(gr_memory_stats(&t2, &c2, &p2));
    CHECK_EQ(value.data.buf.len, 40);
    CHECK(t2 >= total + held);
    CHECK(c2 >= current + held);
    CHECK(p2 >= c2);
    CHECK(p2 >= peak);
    CHECK(p2 <= t2);

    gr_graph_free(g);
    CHECK_OK(gr_memory_stats(&t3, &c3, &p3));
    CHECK(t3 >= t2);                          /* total never goes down */
    CHECK(p3 >= p2);                          /* nor does the peak */
    CHECK(c3 + (c2 - current) / 2 <= c2);     /* most of the graph's memory was returned */
    CHECK(c3 <= p3);

    /* Many calls: the total is monotonic. */
    for (i = 0; i < 50; i++) {
        gr_graph *h = NULL;
        CHECK_OK(gr_graph_new(i % 2 == 0, &h));
        CHECK_OK(gr_graph_add_node(h, IK(i), &name, &value, 1));
        CHECK_OK(gr_memory_stats(&t2, &c2, &p2));
        CHECK(t2 >= t3);
        CHECK(c2 <= p2 && p2 <= t2);
        t3 = t2;
        gr_graph_free(h);
    }

    /* NULL outputs: nothing written. */
    CHECK_ERR(gr_memory_stats(NULL, &x, &x), GR_STATUS_INVALID_ARGUMENT,
              "memory_stats: output total_allocated is NULL");
    CHECK_ERR(gr_memory_stats(&x, NULL, &x), GR_STATUS_INVALID_ARGUMENT,
              "memory_stats: output current is NULL");
    CHECK_ERR(gr_memory_stats(&x, &x, NULL), GR_STATUS_INVALID_ARGUMENT,
              "memory_stats: output peak is NULL");
    CHECK_EQ(x, SENTINEL_U64);
}

/* ----- error messages ----------------------------------------------------------------- */

static gr_status pagerank(const gr_graph *g, double alpha, gr_keys **keys, gr_array **scores)
{
    gr_pagerank_options opts;
    gr_status status = gr_pagerank_options_init(&opts, GR_PAGERANK_OPTIONS_VERSION);
    if (status != GR_STATUS_OK) {
        return status;
    }
    opts.alpha = alpha;
    return gr_graph_pagerank(g, &opts, NULL, keys, scores);
}

static void test_error_messages(void)
{
    gr_graph *g = build_people(true);
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *scores = SENTINEL_ARRAY;
    size_t d = 0;
    gr_attr_value bad;

    CHECK_ERR(gr_graph_remove_node(g, SK("x2")), GR_STATUS_NODE_NOT_FOUND, "remove_node: ");
    CHECK_MESSAGE("remove_node: node 'x2' not found");
    CHECK_OK(gr_graph_remove_node(g, SK("x")));
    CHECK_ERR(gr_graph_remove_node(g, SK("x")), GR_STATUS_NODE_NOT_FOUND, "remove_node: ");
    CHECK_MESSAGE("remove_node: node 'x' not found");
    CHECK_ERR(gr_graph_remove_node(g, IK(-12)), GR_STATUS_NODE_NOT_FOUND, "remove_node: ");
    CHECK_MESSAGE("remove_node: node -12 not found");
    CHECK_ERR(pagerank(g, 1.5, &keys, &scores), GR_STATUS_INVALID_ARGUMENT, "pagerank: ");
    CHECK_MESSAGE("pagerank: alpha must be in (0, 1), got 1.5");
    CHECK_ERR(pagerank(g, 0.0, &keys, &scores), GR_STATUS_INVALID_ARGUMENT, "pagerank: ");
    CHECK_MESSAGE("pagerank: alpha must be in (0, 1), got 0");
    CHECK_ERR(pagerank(g, -0.5, &keys, &scores), GR_STATUS_INVALID_ARGUMENT, "pagerank: ");
    CHECK_MESSAGE("pagerank: alpha must be in (0, 1), got -0.5");
    CHECK(keys == SENTINEL_KEYS && scores == SENTINEL_ARRAY);
    CHECK_ERR(gr_graph_remove_edge(g, IK(1), SK("zz")), GR_STATUS_EDGE_NOT_FOUND,
              "remove_edge: ");
    CHECK_MESSAGE("remove_edge: edge (1, 'zz') not found");
    CHECK_ERR(gr_graph_remove_edge(g, IK(2), IK(1)), GR_STATUS_EDGE_NOT_FOUND, "remove_edge: ");
    CHECK_MESSAGE("remove_edge: edge (2, 1) not found");
    CHECK_ERR(gr_graph_degree(g, SK("q"), &d), GR_STATUS_NODE_NOT_FOUND, "degree: ");
    CHECK_MESSAGE("degree: node 'q' not found");
    CHECK_ERR(gr_graph_add_edge(NULL, IK(1), IK(2), NULL, NULL, 0), GR_STATUS_INVALID_ARGUMENT,
              "add_edge: ");
    CHECK_MESSAGE("add_edge: graph is NULL");
    CHECK_ERR(gr_graph_add_edge(g, SKN("\xff", 1), IK(2), NULL, NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "add_edge: ");
    bad = v_i64(1);
    bad.tag = 99;
    {
        gr_buf n = buf_of("w");
        CHECK_ERR(gr_graph_add_edge(g, IK(1), IK(2), &n, &bad, 1), GR_STATUS_INVALID_ARGUMENT,
                  "add_edge: ");
        CHECK(strstr(gr_last_error_message(), "99") != NULL);
    }
    CHECK_ERR(gr_graph_filter_nodes(g, NULL, NULL, &keys), GR_STATUS_INVALID_ARGUMENT,
              "filter_nodes: predicate is NULL");
    /* The message of the last failure stays until the next failure. */
    CHECK_OK(gr_graph_degree(g, IK(1), &d));
    CHECK_MESSAGE("filter_nodes: predicate is NULL");
    gr_graph_free(g);
}

/* ----- suspected bugs: run last, reported without stopping ----------------------------- */

static gr_status read_other(void *user_data, int64_t k, const char *s, size_t len,
                            const gr_attr_map *attrs, bool *out_keep)
{
    const gr_graph *other = (const gr_graph *)user_data;
    (void)attrs;
    return gr_graph_has_node(other, k, s, len, out_keep);
}

static gr_status read_self(void *user_data, int64_t k, const char *s, size_t len,
                           const gr_attr_map *attrs, bool *out_keep)
{
    size_t d = 0;
    (void)attrs;
    *out_keep = true;
    return gr_graph_degree((const gr_graph *)user_data, k, s, len, &d);
}

static void test_profiling_of_calls_made_by_predicates(void)
{
    gr_graph *plain = build_people(false);
    gr_graph *watched = build_people(false);
    gr_keys *keys = NULL;
    profile *p = (profile *)malloc(sizeof(profile));
    char counts[1024];
    CHECK(p != NULL);

    /* A filter over an unprofiled graph whose predicate reads a profiled one: the profiled
     * graph's figures must show only its own operations (has_node), never filter_nodes. */
    CHECK_OK(gr_graph_set_profiling(watched, true));
    CHECK_OK(gr_graph_filter_nodes(plain, read_other, watched, &keys));
    CHECK_KEYS(keys, "1,2,'s',3,'x'");
    gr_keys_free(keys);
    read_profile(watched, p);
    profile_counts(p, counts, sizeof counts);
    EXPECT(strstr(counts, "filter_nodes") == NULL,
           "filter_nodes over another graph was recorded in this graph's profile: [%s]",
           counts);
    EXPECT(strcmp(counts, "has_node=5") == 0,
           "a predicate's 5 has_node calls: profile [%s], expected [has_node=5]", counts);

    /* Calls made from inside a predicate cross the ABI too: counted. */
    CHECK_OK(gr_graph_set_profiling(watched, false));
    CHECK_OK(gr_graph_set_profiling(watched, true));
    CHECK_OK(gr_graph_filter_nodes(watched, read_self, watched, &keys));
    gr_keys_free(keys);
    read_profile(watched, p);
    profile_counts(p, counts, sizeof counts);
    EXPECT(strcmp(counts, "degree=5,filter_nodes=1") == 0,
           "a filter whose predicate calls degree 5 times: profile [%s], expected "
           "[degree=5,filter_nodes=1]",
           counts);
    free(p);
    gr_graph_free(plain);
    gr_graph_free(watched);
}

int main(void)
{
    test_node_filter_with_user_data();
    test_edge_filter_with_user_data();
    test_stopping_the_filter();
    test_bad_arguments();
    test_writes_inside_a_predicate();
    test_write_failure_passed_on_by_the_predicate();
    test_reads_inside_a_predicate();
    test_queries();
    test_malformed_queries();
    test_profiling();
    test_memory_stats();
    test_error_messages();
    test_profiling_of_calls_made_by_predicates();
    return CHECK_SUMMARY();
}
