/*
 * test_cancel.c: cancellation tokens: NULL handling, triggered before a call, triggered
 * from another thread while PageRank runs on a large graph, one token stopping two runs, with
 * the latency measured and printed, the graph usable afterwards.
 *
 * Checks that once caught library bugs (EXPECT, in check.h) run last and do not stop the
 * program: each failure is reported, and the program then exits non-zero.
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

#define SENTINEL_CANCEL ((gr_cancel *)(uintptr_t)0x5e4e)

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void sleep_ms(long ms)
{
    struct timespec t;
    t.tv_sec = ms / 1000;
    t.tv_nsec = (ms % 1000) * 1000000L;
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}

/* ----- cancellation ------------------------------------------------------------------------- */

static void test_cancel_tokens(void)
{
    gr_cancel *c = SENTINEL_CANCEL;
    gr_cancel *other = NULL;
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *arr = SENTINEL_ARRAY;
    static const int64_t e[] = {1, 2, 2, 3, 3, 1, 4, 5};
    gr_graph *g = graph_of(true, e, 4);
    gr_graph *h = graph_of(false, e, 4);
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    CHECK(before != NULL);
    set_w(g, 1, 2, "w", v_f64(0.5));
    take_snapshot(g, before);

    CHECK_ERR(gr_cancel_new(NULL), IA, "cancel_new: output cancel is NULL");
    CHECK_ERR(gr_cancel_trigger(NULL), IA, "cancel_trigger: cancel is NULL");
    gr_cancel_free(NULL); /* a no-op */
    CHECK_OK(gr_cancel_new(&c));
    CHECK(c != NULL && c != SENTINEL_CANCEL);
    CHECK_OK(gr_cancel_new(&other));
    CHECK(other != NULL && other != c);

    /* Not triggered: every algorithm runs. */
    CHECK_OK(pagerank(g, 0.85, 100, 1e-6, NULL, c, &keys, &arr));
    free_result(&keys, &arr);
    CHECK_OK(gr_graph_bfs(g, IK(1), -1, c, &keys));
    CHECK_KEYS(keys, "1,2,3");
    free_result(&keys, NULL);
    CHECK_OK(gr_graph_dfs(g, IK(1), -1, c, &keys));
    free_result(&keys, NULL);
    CHECK_OK(gr_graph_shortest_path(g, IK(1), IK(3), NULL, 0, c, &keys));
    free_result(&keys, NULL);
    CHECK_OK(gr_graph_shortest_path_lengths(g, IK(1), "w", 1, c, &keys, &arr));
    free_result(&keys, &arr);
    CHECK_OK(gr_graph_connected_components(g, c, &keys, &arr));
    free_result(&keys, &arr);
    CHECK_OK(gr_graph_strongly_connected_components(g, c, &keys, &arr));
    free_result(&keys, &arr);
    CHECK_OK(gr_graph_component_labels(g, c, &keys, &arr));
    free_result(&keys, &arr);

    /* Triggered before the call: CANCELLED at once, outputs untouched. Triggering twice is
     * fine, and the token stays triggered. */
    CHECK_OK(gr_cancel_trigger(c));
    CHECK_OK(gr_cancel_trigger(c));
    CHECK_ERR(gr_graph_bfs(g, IK(1), -1, c, &keys), GR_STATUS_CANCELLED, "bfs: cancelled");
    CHECK_STREQ(gr_last_error_message(), "bfs: cancelled");
    CHECK_ERR(gr_graph_bfs(h, IK(1), -1, c, &keys), GR_STATUS_CANCELLED, "bfs: cancelled");
    CHECK_ERR(gr_graph_connected_components(g, c, &keys, &arr), GR_STATUS_CANCELLED,
              "connected_components: cancelled");
    CHECK_ERR(gr_graph_connected_components(h, c, &keys, &arr), GR_STATUS_CANCELLED,
              "connected_components: cancelled");
    CHECK_ERR(gr_graph_component_labels(g, c, &keys, &arr), GR_STATUS_CANCELLED,
              "component_labels: cancelled");
    CHECK_ERR(pagerank(g, 0.85, 100, 1e-6, NULL, c, &keys, &arr), GR_STATUS_CANCELLED,
              "pagerank: cancelled");
    CHECK_ERR(pagerank(h, 0.85, 100, 1e-6, "w", c, &keys, &arr), GR_STATUS_CANCELLED,
              "pagerank: cancelled");
    CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(3), NULL, 0, c, &keys), GR_STATUS_CANCELLED,
              "shortest_path: cancelled");
    CHECK_ERR(gr_graph_shortest_path_lengths(g, IK(1), NULL, 0, c, &keys, &arr),
              GR_STATUS_CANCELLED, "shortest_path_lengths: cancelled");
    CHECK(keys == SENTINEL_KEYS);
    CHECK(arr == SENTINEL_ARRAY);
    /* Argument errors still come first. */
    CHECK_ERR(gr_graph_bfs(g, IK(42), -1, c, &keys), GR_STATUS_NODE_NOT_FOUND,
              "bfs: node 42 not found");
    CHECK_ERR(pagerank(g, 2.0, 100, 1e-6, NULL, c, &keys, &arr), IA, "alpha must be in");

    /* Other tokens and no token are not affected; the graph is usable and unchanged. */
    CHECK_OK(gr_graph_bfs(g, IK(1), -1, other, &keys));
    CHECK_KEYS(keys, "1,2,3");
    free_result(&keys, NULL);
    CHECK_OK(gr_graph_connected_components(g, NULL, &keys, &arr));
    CHECK_KEYS(keys, "1,2,3,4,5");
    CHECK_I64S(arr, "3,2");
    free_result(&keys, &arr);
    CHECK_OK(pagerank(g, 0.85, 100, 1e-6, NULL, NULL, &keys, &arr));
    free_result(&keys, &arr);
    CHECK_UNCHANGED(g, before);

    gr_cancel_free(c);
    gr_cancel_free(other);
    gr_graph_free(g);
    gr_graph_free(h);
    free(before);
}

/* A PageRank run on another thread that only a token can stop (tol 0, max_iter huge). */
typedef struct pagerank_job {
    const gr_graph *g;
    const gr_cancel *cancel;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int done;
    gr_status status;
    char message[256];
    double started;
    double finished;
    gr_keys *keys;
    gr_array *scores;
} pagerank_job;

static void *pagerank_job_main(void *arg)
{
    pagerank_job *j = (pagerank_job *)arg;
    gr_status s;
    pthread_mutex_lock(&j->lock);
    j->started = now_seconds();
    pthread_mutex_unlock(&j->lock);
    s = pagerank(j->g, 0.85, SIZE_MAX, 0.0, NULL, j->cancel, &j->keys, &j->scores);
    j->finished = now_seconds();
    snprintf(j->message, sizeof j->message, "%s", gr_last_error_message());
    pthread_mutex_lock(&j->lock);
    j->status = s;
    j->done = 1;
    pthread_cond_signal(&j->cond);
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

/* Whether the job's thread has started (and is about to call pagerank). */
static int job_started(pagerank_job *j)
{
    int started;
    pthread_mutex_lock(&j->lock);
    started = j->started > 0.0;
    pthread_mutex_unlock(&j->lock);
    return started;
}

static int job_done(pagerank_job *j)
{
    int done;
    pthread_mutex_lock(&j->lock);
    done = j->done;
    pthread_mutex_unlock(&j->lock);
    return done;
}

/* Waits up to `seconds` for the job to finish; whether it did. */
static int job_wait(pagerank_job *j, double seconds)
{
    struct timespec deadline;
    int done;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += (time_t)seconds;
    pthread_mutex_lock(&j->lock);
    while (!j->done) {
        if (pthread_cond_timedwait(&j->cond, &j->lock, &deadline) == ETIMEDOUT) {
            break;
        }
    }
    done = j->done;
    pthread_mutex_unlock(&j->lock);
    return done;
}

/* Starts `n_jobs` (1 or 2) jobs sharing one token, triggers it after `delay_ms`, and
 * returns the longest latency from the trigger to a call's return (in seconds). Every job
 * must return CANCELLED with its outputs untouched. */
static double cancel_running_pagerank(const gr_graph *g, int n_jobs, long delay_ms,
                                      int *was_running)
{
    pagerank_job jobs[2];
    pthread_t threads[2];
    gr_cancel *c = NULL;
    double triggered;
    double latency = 0.0;
    int t;
    CHECK(n_jobs >= 1 && n_jobs <= 2);
    CHECK_OK(gr_cancel_new(&c));
    for (t = 0; t < n_jobs; t++) {
        pagerank_job *j = &jobs[t];
        memset(j, 0, sizeof *j);
        j->g = g;
        j->cancel = c;
        j->status = -1;
        j->keys = SENTINEL_KEYS;
        j->scores = SENTINEL_ARRAY;
        CHECK_EQ(pthread_mutex_init(&j->lock, NULL), 0);
        CHECK_EQ(pthread_cond_init(&j->cond, NULL), 0);
        CHECK_EQ(pthread_create(&threads[t], NULL, pagerank_job_main, j), 0);
    }
    /* A loaded machine may start the threads late: wait for them (at most a minute),
     * so the trigger really comes while the computation runs. */
    for (t = 0; t < n_jobs; t++) {
        int waited = 0;
        while (!job_started(&jobs[t]) && waited < 60000) {
            sleep_ms(1);
            waited++;
        }
    }
    sleep_ms(delay_ms);
    *was_running = 1;
    for (t = 0; t < n_jobs; t++) {
        *was_running = *was_running && !job_done(&jobs[t]);
    }
    triggered = now_seconds();
    CHECK_OK(gr_cancel_trigger(c));
    for (t = 0; t < n_jobs; t++) {
        pagerank_job *j = &jobs[t];
        if (!job_wait(j, 120.0)) {
            check_fail(__FILE__, __LINE__, "pagerank still running 120 s after its token was "
                                           "triggered");
        }
        CHECK_EQ(pthread_join(threads[t], NULL), 0);
        CHECK_EQ(j->status, GR_STATUS_CANCELLED);
        CHECK_STREQ(j->message, "pagerank: cancelled");
        CHECK(j->keys == SENTINEL_KEYS);
        CHECK(j->scores == SENTINEL_ARRAY);
        CHECK(j->started <= triggered);
        CHECK_EQ(pthread_mutex_destroy(&j->lock), 0);
        CHECK_EQ(pthread_cond_destroy(&j->cond), 0);
        if (j->finished - triggered > latency) {
            latency = j->finished - triggered;
        }
    }
    gr_cancel_free(c);
    return latency;
}

/* Sized for valgrind (about 30x slower), where one PageRank iteration takes ~0.05 s and a
 * snapshot ~1.5 s; natively (debug) ~2 ms and ~50 ms. */
enum { BIG_N = 10000, BIG_M = 100000 };

static double measured_latency = -1.0;
static double measured_cold_latency = -1.0;
static double measured_build = -1.0;
static double measured_cold_pretriggered = -1.0;

static void test_cancel_large(void)
{
    int64_t *src = (int64_t *)malloc(BIG_M * sizeof(int64_t));
    int64_t *dst = (int64_t *)malloc(BIG_M * sizeof(int64_t));
    uint64_t x = 88172645463325252ull;
    size_t i;
    gr_graph *g = new_graph(true);
    gr_cancel *c = NULL;
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *arr = SENTINEL_ARRAY;
    size_t count = 0;
    int was_running = 0;
    double t0;
    CHECK(src != NULL && dst != NULL);
    for (i = 0; i < BIG_M; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        src[i] = (int64_t)(i % BIG_N);
        dst[i] = (int64_t)(x % BIG_N);
    }
    CHECK_OK(gr_graph_add_edges_int(g, src, dst, BIG_M, NULL, NULL, 0));
    CHECK_OK(gr_graph_node_count(g, &count));
    CHECK_EQ(count, BIG_N);
    CHECK_OK(gr_cancel_new(&c));
    CHECK_OK(gr_cancel_trigger(c));

    /* The first call after a change takes a snapshot of the graph: a BFS of depth 0 is
     * little else. */
    t0 = now_seconds();
    CHECK_OK(gr_graph_bfs(g, IK(0), 0, NULL, &keys));
    measured_build = now_seconds() - t0;
    CHECK_KEYS(keys, "0");
    free_result(&keys, NULL);
    /* A token triggered before the call, on a changed graph: CANCELLED, but only after the
     * new snapshot is taken (see bug_cancel_during_snapshot). */
    CHECK_OK(gr_graph_add_edge(g, IK(0), IK(BIG_N), NULL, NULL, 0));
    t0 = now_seconds();
    CHECK_ERR(gr_graph_bfs(g, IK(0), -1, c, &keys), GR_STATUS_CANCELLED, "bfs: cancelled");
    measured_cold_pretriggered = now_seconds() - t0;
    printf("snapshot of %d nodes / %d edges: %.1f ms; BFS with a triggered token right after "
           "a change: %.1f ms\n",
           BIG_N, BIG_M, measured_build * 1e3, measured_cold_pretriggered * 1e3);
    fflush(stdout);
    /* With the snapshot taken: at once, even for the algorithms that look at the token
     * every 4096 steps only. */
    t0 = now_seconds();
    CHECK_ERR(gr_graph_bfs(g, IK(0), -1, c, &keys), GR_STATUS_CANCELLED, "bfs: cancelled");
    CHECK_ERR(gr_graph_connected_components(g, c, &keys, &arr), GR_STATUS_CANCELLED,
              "connected_components: cancelled");
    CHECK_ERR(gr_graph_component_labels(g, c, &keys, &arr), GR_STATUS_CANCELLED,
              "component_labels: cancelled");
    CHECK_ERR(gr_graph_dfs(g, IK(0), -1, c, &keys), GR_STATUS_CANCELLED, "dfs: cancelled");
    CHECK_ERR(gr_graph_strongly_connected_components(g, c, &keys, &arr), GR_STATUS_CANCELLED,
              "strongly_connected_components: cancelled");
    CHECK(now_seconds() - t0 < 0.5);
    CHECK(keys == SENTINEL_KEYS);
    CHECK(arr == SENTINEL_ARRAY);

    /* Triggered from this thread ~100 ms into PageRank on another, with the snapshot taken
     * (by an untriggered call) so that the token is checked between iterations. */
    CHECK_OK(gr_graph_bfs(g, IK(0), 0, NULL, &keys));
    free_result(&keys, NULL);
    measured_latency = cancel_running_pagerank(g, 1, 100, &was_running);
    printf("cancellation latency (snapshot taken): %.1f ms\n", measured_latency * 1e3);
    fflush(stdout);
    CHECK(was_running);
    CHECK(measured_latency >= 0.0);
    CHECK(measured_latency < 0.5);
    /* Two runs sharing one token: one trigger stops both. */
    {
        double both = cancel_running_pagerank(g, 2, 100, &was_running);
        printf("cancellation latency (two runs, one token): %.1f ms\n", both * 1e3);
        fflush(stdout);
        CHECK(was_running);
        CHECK(both < 0.5);
    }

    /* The same right after a change, when the call must first take a new snapshot
     * (reported, not checked: see bug_cancel_during_snapshot). */
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(BIG_N), NULL, NULL, 0));
    measured_cold_latency = cancel_running_pagerank(g, 1, 100, &was_running);
    printf("cancellation latency (new snapshot needed): %.1f ms%s\n",
           measured_cold_latency * 1e3, was_running ? "" : " (finished before the trigger?)");
    fflush(stdout);
    CHECK(was_running);

    /* The graph is still usable; the token stays triggered. */
    CHECK_OK(gr_graph_add_edge(g, IK(BIG_N), IK(BIG_N + 1), NULL, NULL, 0));
    CHECK_OK(gr_graph_node_count(g, &count));
    CHECK_EQ(count, BIG_N + 2);
    CHECK_OK(gr_graph_edge_count(g, &count));
    CHECK(count > BIG_M / 2 && count <= BIG_M + 3);
    CHECK_OK(gr_graph_bfs(g, IK(BIG_N), -1, NULL, &keys));
    CHECK_KEYS(keys, "10000,10001");
    free_result(&keys, NULL);
    CHECK_OK(gr_graph_connected_components(g, NULL, &keys, &arr));
    CHECK_EQ(keys_len(keys), BIG_N + 2);
    free_result(&keys, &arr);
    CHECK_ERR(gr_graph_bfs(g, IK(0), 1, c, &keys), GR_STATUS_CANCELLED, "bfs: cancelled");
    CHECK_ERR(pagerank(g, 0.85, 100, 1e-6, NULL, c, &keys, &arr), GR_STATUS_CANCELLED,
              "pagerank: cancelled");

    gr_cancel_free(c);
    gr_graph_free(g);
    free(src);
    free(dst);
}

/* ----- known bugs --------------------------------------------------------------------------- */

/*
 * A token triggered before the call: gr_graph_bfs, _connected_components, _component_labels,
 * _pagerank and the unweighted shortest paths return GR_STATUS_CANCELLED, but gr_graph_dfs,
 * gr_graph_strongly_connected_components and the weighted (Dijkstra) shortest paths only
 * look at the token every 4096 steps, starting at step 4096, so on a small graph they
 * ignore it and return OK with a result; so does gr_graph_bfs with depth_limit 0 (its
 * loop, where the token is checked, does not run).
 */
static void bug_pretriggered_token_ignored(void)
{
    static const int64_t e[] = {1, 2, 2, 3, 3, 1};
    gr_graph *g = graph_of(true, e, 3);
    gr_cancel *c = NULL;
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *arr = SENTINEL_ARRAY;
    gr_status s;
    CHECK_OK(gr_cancel_new(&c));
    CHECK_OK(gr_cancel_trigger(c));
    s = gr_graph_bfs(g, IK(1), 0, c, &keys);
    EXPECT(s == GR_STATUS_CANCELLED && keys == SENTINEL_KEYS,
           "gr_graph_bfs with depth_limit 0 and a triggered token: status %d, expected "
           "CANCELLED as with depth_limit -1",
           (int)s);
    free_result(&keys, NULL);
    s = gr_graph_dfs(g, IK(1), -1, c, &keys);
    EXPECT(s == GR_STATUS_CANCELLED && keys == SENTINEL_KEYS,
           "gr_graph_dfs with a triggered token: status %d, expected CANCELLED as gr_graph_bfs",
           (int)s);
    free_result(&keys, NULL);
    s = gr_graph_strongly_connected_components(g, c, &keys, &arr);
    EXPECT(s == GR_STATUS_CANCELLED && keys == SENTINEL_KEYS,
           "gr_graph_strongly_connected_components with a triggered token: status %d, expected "
           "CANCELLED as gr_graph_connected_components",
           (int)s);
    free_result(&keys, &arr);
    s = gr_graph_shortest_path(g, IK(1), IK(3), "w", 1, c, &keys);
    EXPECT(s == GR_STATUS_CANCELLED && keys == SENTINEL_KEYS,
           "weighted gr_graph_shortest_path with a triggered token: status %d, expected "
           "CANCELLED as unweighted",
           (int)s);
    free_result(&keys, NULL);
    s = gr_graph_shortest_path_lengths(g, IK(1), "w", 1, c, &keys, &arr);
    EXPECT(s == GR_STATUS_CANCELLED && keys == SENTINEL_KEYS,
           "weighted gr_graph_shortest_path_lengths with a triggered token: status %d, expected "
           "CANCELLED as unweighted",
           (int)s);
    free_result(&keys, &arr);
    gr_cancel_free(c);
    gr_graph_free(g);
}

/*
 * Every algorithm first takes a snapshot of the graph (Csr::build, O(nodes + edges)) when
 * the graph changed since the last one, without looking at the token: a token triggered
 * before the call, or while the snapshot is built, is seen only once the snapshot is
 * complete. Measured in test_cancel_large: a BFS with a token triggered before the call
 * takes as long as building the snapshot (rather than returning at once), and PageRank
 * cancelled 100 ms after it started on a changed graph returns only after the snapshot.
 */
static void bug_cancel_during_snapshot(void)
{
    EXPECT(measured_build > 0.0 && measured_cold_pretriggered >= 0.0 &&
               measured_cold_pretriggered < measured_build / 4,
           "gr_graph_bfs with a token triggered before the call took %.1f ms to return "
           "CANCELLED on a changed %d-node / %d-edge graph, as long as taking the snapshot "
           "(%.1f ms); PageRank triggered 100 ms in returned %.1f ms after the trigger on a "
           "changed graph, %.1f ms with the snapshot taken",
           measured_cold_pretriggered * 1e3, BIG_N, BIG_M, measured_build * 1e3,
           measured_cold_latency * 1e3, measured_latency * 1e3);
}

int main(void)
{
    test_cancel_tokens();
    test_cancel_large();

    bug_pretriggered_token_ignored();
    bug_cancel_during_snapshot();
    return CHECK_SUMMARY();
}
