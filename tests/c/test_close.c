/*
 * test_close.c: gr_graph_close. A graph closed while other threads run calls on it (or from
 * inside a callback running over it) is freed only when the last call in flight returns;
 * the calls running finish on the graph they started with, every later call fails with
 * GR_STATUS_INVALID_OPERATION and "the graph is closed", and gr_graph_free releases the
 * handle. Valgrind (run.sh) checks that nothing is read after it was freed and nothing
 * leaks. Valid C99 and C++17.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* nanosleep under -std=c99 */
#endif

#include <pthread.h>
#include <time.h>

#include "check.h"

#define READERS 4
#define NODES 2000

typedef struct {
    gr_graph *g;
    long calls;             /* calls that succeeded */
    gr_status final_status; /* the status that ended the loop */
    char message[256];
} reader;

/* Runs PageRank, a copy and a column read until the graph is closed under it. */
static void *reader_main(void *arg)
{
    reader *r = (reader *)arg;
    for (;;) {
        gr_keys *keys = NULL;
        gr_array *scores = NULL;
        gr_graph *copy = NULL;
        gr_status s = gr_graph_pagerank(r->g, NULL, NULL, &keys, &scores);
        if (s == GR_STATUS_OK) {
            gr_keys_free(keys);
            gr_array_free(scores);
            s = gr_graph_copy(r->g, &copy);
        }
        if (s == GR_STATUS_OK) {
            gr_graph_free(copy);
            r->calls++;
            continue;
        }
        r->final_status = s;
        snprintf(r->message, sizeof r->message, "%s", gr_last_error_message());
        return NULL;
    }
}

static void sleep_ms(long ms)
{
    struct timespec t;
    t.tv_sec = ms / 1000;
    t.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&t, NULL);
}

static size_t keys_len(const gr_keys *keys)
{
    size_t len = 0;
    const int64_t *ints;
    const uint8_t *kinds, *str_data;
    const size_t *offsets;
    CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &str_data, &offsets));
    return len;
}

static gr_graph *ring(int n)
{
    gr_graph *g = NULL;
    CHECK_OK(gr_graph_new(false, &g));
    for (int i = 0; i < n; i++) {
        CHECK_OK(gr_graph_add_edge(g, i, NULL, 0, (i + 1) % n, NULL, 0, NULL, NULL, 0));
    }
    return g;
}

static void test_close_while_threads_run_calls(void)
{
    gr_graph *g = ring(NODES);
    pthread_t threads[READERS];
    reader readers[READERS];
    for (int i = 0; i < READERS; i++) {
        readers[i].g = g;
        readers[i].calls = 0;
        readers[i].final_status = GR_STATUS_OK;
        readers[i].message[0] = '\0';
        CHECK_EQ(pthread_create(&threads[i], NULL, reader_main, &readers[i]), 0);
    }
    sleep_ms(200);
    gr_graph_close(g); /* never waits for the readers */
    for (int i = 0; i < READERS; i++) {
        CHECK_EQ(pthread_join(threads[i], NULL), 0);
        CHECK_EQ(readers[i].final_status, GR_STATUS_INVALID_OPERATION);
        CHECK(strstr(readers[i].message, "the graph is closed") != NULL);
    }
    gr_graph_free(g);
}

static void test_calls_after_close(void)
{
    gr_graph *g = ring(10);
    bool closed = true;
    size_t count = 0;
    CHECK_OK(gr_graph_is_closed(g, &closed));
    CHECK(!closed);
    gr_graph_close(g);
    gr_graph_close(g); /* twice is fine */
    gr_graph_close(NULL);
    CHECK_OK(gr_graph_is_closed(g, &closed));
    CHECK(closed);
    CHECK_ERR(gr_graph_node_count(g, &count), GR_STATUS_INVALID_OPERATION,
              "node_count: the graph is closed");
    CHECK_ERR(gr_graph_add_node(g, IK(1), NULL, NULL, 0), GR_STATUS_INVALID_OPERATION,
              "add_node: the graph is closed");
    CHECK_EQ(count, 0); /* outputs are written only on success */
    gr_graph_free(g);
    gr_graph_free(NULL);
}

/* A predicate that closes the graph it runs over (user_data), halfway through. */
static gr_status closing_predicate(void *user_data, int64_t key_int, const char *key_str,
                                   size_t key_len, const gr_attr_map *attrs, bool *out_keep)
{
    (void)key_str;
    (void)key_len;
    (void)attrs;
    if (key_int == 5) {
        gr_graph_close((gr_graph *)user_data);
    }
    *out_keep = key_int % 2 == 0;
    return GR_STATUS_OK;
}

static void test_close_from_inside_a_callback(void)
{
    gr_graph *g = ring(10);
    gr_keys *kept = NULL;
    size_t count = 0;
    /* The filter finishes on the graph it started with; then the graph is gone. */
    CHECK_OK(gr_graph_filter_nodes(g, closing_predicate, g, &kept));
    CHECK_EQ(keys_len(kept), 5);
    gr_keys_free(kept);
    CHECK_ERR(gr_graph_edge_count(g, &count), GR_STATUS_INVALID_OPERATION, "closed");
    gr_graph_free(g);
}

static void test_results_outlive_a_closed_graph(void)
{
    gr_graph *g = ring(10);
    gr_keys *keys = NULL;
    gr_array *scores = NULL;
    size_t len = 0;
    CHECK_OK(gr_graph_pagerank(g, NULL, NULL, &keys, &scores));
    gr_graph_close(g);
    gr_graph_free(g);
    gr_attr_tag kind;
    const void *data;
    CHECK_EQ(keys_len(keys), 10);
    CHECK_OK(gr_array_info(scores, &len, &kind, &data));
    CHECK_EQ(len, 10);
    CHECK_EQ(kind, GR_ATTR_FLOAT64);
    gr_keys_free(keys);
    gr_array_free(scores);
}

int main(void)
{
    test_calls_after_close();
    test_close_from_inside_a_callback();
    test_results_outlive_a_closed_graph();
    test_close_while_threads_run_calls();
    return CHECK_SUMMARY();
}
