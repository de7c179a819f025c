/*
 * test_stress.c: eight pthreads share one undirected graph for a few seconds. Four writers
 * add and remove nodes, edges and attributes; four readers run BFS, PageRank, components,
 * degrees and column reads. Nothing may crash, no status other than the expected
 * not-found ones may come back, and afterwards the graph's invariants must hold: the
 * degrees add up to twice the edge count, every edge's endpoints exist, and every column
 * has one entry per node.
 *
 * The run lasts STRESS_SECONDS (default 10), and longer if a thread has not yet run one
 * operation (valgrind runs one thread at a time, and a busy machine may starve one), up to
 * MAX_SECONDS.
 * Valid C99 and C++17.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime and nanosleep under -std=c99 */
#endif

#include <pthread.h>
#include <time.h>

#include "check.h"

#define KEYS 300
#define THREADS 8
#define MAX_SECONDS 300.0

typedef struct {
    gr_graph *g;
    unsigned seed;
    volatile int *stop;
    long operations;
    gr_status unexpected; /* the first status that should not have happened, or 0 */
    char message[256];
} worker;

static unsigned next_random(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 8) & 0xffffff;
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Records a status that is neither OK nor an expected not-found. */
static void note(worker *w, gr_status s)
{
    if (s == GR_STATUS_OK || s == GR_STATUS_NODE_NOT_FOUND || s == GR_STATUS_EDGE_NOT_FOUND ||
        s == GR_STATUS_ATTRIBUTE_NOT_FOUND) {
        return;
    }
    if (w->unexpected == 0) {
        w->unexpected = s;
        snprintf(w->message, sizeof w->message, "%s", gr_last_error_message());
    }
}

static void *writer_main(void *arg)
{
    worker *w = (worker *)arg;
    gr_buf name;
    gr_attr_value value;
    name.ptr = (const uint8_t *)"size";
    name.len = 4;
    value.tag = GR_ATTR_INT64;
    while (!*w->stop) {
        int64_t u = (int64_t)(next_random(&w->seed) % KEYS);
        int64_t v = (int64_t)(next_random(&w->seed) % KEYS);
        unsigned action = next_random(&w->seed) % 10;
        value.data.i64 = (int64_t)(next_random(&w->seed) % 100);
        if (action < 4) {
            note(w, gr_graph_add_edge(w->g, IK(u), IK(v), &name, &value, 1));
        } else if (action < 6) {
            note(w, gr_graph_remove_edge(w->g, IK(u), IK(v)));
        } else if (action < 7) {
            note(w, gr_graph_remove_node(w->g, IK(u)));
        } else if (action < 9) {
            note(w, gr_graph_add_node(w->g, IK(u), &name, &value, 1));
        } else {
            note(w, gr_graph_set_node_attr(w->g, IK(u), "size", 4, &value));
        }
        w->operations++;
    }
    return NULL;
}

static void *reader_main(void *arg)
{
    worker *w = (worker *)arg;
    while (!*w->stop) {
        int64_t u = (int64_t)(next_random(&w->seed) % KEYS);
        unsigned action = next_random(&w->seed) % 5;
        gr_keys *keys = NULL;
        gr_array *array = NULL;
        size_t degree = 0;
        if (action == 0) {
            note(w, gr_graph_bfs(w->g, IK(u), -1, NULL, &keys));
        } else if (action == 1) {
            gr_pagerank_options opts;
            note(w, gr_pagerank_options_init(&opts, GR_PAGERANK_OPTIONS_VERSION));
            opts.max_iter = 1000;
            note(w, gr_graph_pagerank(w->g, &opts, NULL, &keys, &array));
        } else if (action == 2) {
            note(w, gr_graph_connected_components(w->g, NULL, &keys, &array));
        } else if (action == 3) {
            note(w, gr_graph_degree(w->g, IK(u), &degree));
        } else {
            note(w, gr_graph_node_array(w->g, "size", 4, &array));
        }
        gr_keys_free(keys);
        gr_array_free(array);
        w->operations++;
    }
    return NULL;
}

/* Sum of an int64 array's values. */
static int64_t array_sum(const gr_array *a)
{
    size_t len = 0;
    gr_attr_tag kind = 0;
    const void *data = NULL;
    int64_t total = 0;
    size_t i;
    CHECK_OK(gr_array_info(a, &len, &kind, &data));
    CHECK(kind == GR_ATTR_INT64 || len == 0);
    for (i = 0; i < len; i++) {
        total += ((const int64_t *)data)[i];
    }
    return total;
}

static void check_invariants(gr_graph *g)
{
    size_t nodes = 0, edges = 0, len = 0, i;
    gr_keys *keys = NULL, *sources = NULL, *targets = NULL;
    gr_array *degrees = NULL, *sizes = NULL;
    const int64_t *ints = NULL;
    const uint8_t *kinds = NULL, *str_data = NULL;
    const size_t *offsets = NULL;
    CHECK_OK(gr_graph_node_count(g, &nodes));
    CHECK_OK(gr_graph_edge_count(g, &edges));
    /* Degrees add up to twice the edge count (undirected; a self-loop counts twice). */
    CHECK_OK(gr_graph_degrees(g, &keys, &degrees));
    CHECK(array_sum(degrees) == (int64_t)(2 * edges));
    /* Every edge's endpoints exist. */
    CHECK_OK(gr_graph_edges(g, &sources, &targets));
    CHECK_OK(gr_keys_view(sources, &len, &ints, &kinds, &str_data, &offsets));
    CHECK(len == edges);
    for (i = 0; i < len; i++) {
        bool found = false;
        CHECK_OK(gr_graph_has_node(g, IK(ints[i]), &found));
        CHECK(found);
    }
    CHECK_OK(gr_keys_view(targets, &len, &ints, &kinds, &str_data, &offsets));
    for (i = 0; i < len; i++) {
        bool found = false;
        CHECK_OK(gr_graph_has_node(g, IK(ints[i]), &found));
        CHECK(found);
    }
    /* The column has one entry per node. */
    if (gr_graph_node_array(g, "size", 4, &sizes) == GR_STATUS_OK) {
        gr_attr_tag kind = 0;
        const void *data = NULL;
        CHECK_OK(gr_array_info(sizes, &len, &kind, &data));
        CHECK(len == nodes);
    }
    gr_keys_free(keys);
    gr_keys_free(sources);
    gr_keys_free(targets);
    gr_array_free(degrees);
    gr_array_free(sizes);
}

/* Whether every worker has finished at least one operation. */
static int all_have_run(const worker *workers)
{
    int t;
    for (t = 0; t < THREADS; t++) {
        if (((const volatile worker *)&workers[t])->operations == 0) {
            return 0;
        }
    }
    return 1;
}

int main(void)
{
    gr_graph *g = NULL;
    pthread_t threads[THREADS];
    worker workers[THREADS];
    volatile int stop = 0;
    const char *seconds_env = getenv("STRESS_SECONDS");
    double seconds = seconds_env != NULL ? atof(seconds_env) : 10.0;
    double start;
    int t;
    CHECK_OK(gr_graph_new(false, &g));
    for (t = 0; t < THREADS; t++) {
        memset(&workers[t], 0, sizeof workers[t]);
        workers[t].g = g;
        workers[t].seed = 7919u * (unsigned)(t + 1);
        workers[t].stop = &stop;
        CHECK(pthread_create(&threads[t], NULL, t < 4 ? writer_main : reader_main,
                             &workers[t]) == 0);
    }
    start = now_seconds();
    while ((now_seconds() - start < seconds || !all_have_run(workers)) &&
           now_seconds() - start < MAX_SECONDS) {
        struct timespec pause;
        pause.tv_sec = 0;
        pause.tv_nsec = 50 * 1000 * 1000;
        nanosleep(&pause, NULL);
    }
    stop = 1;
    for (t = 0; t < THREADS; t++) {
        CHECK(pthread_join(threads[t], NULL) == 0);
        if (workers[t].unexpected != 0) {
            check_fail(__FILE__, __LINE__, "thread %d got status %d: %s", t,
                       (int)workers[t].unexpected, workers[t].message);
        }
        CHECK(workers[t].operations > 0);
    }
    check_invariants(g);
    gr_graph_free(g);
    return CHECK_SUMMARY();
}
