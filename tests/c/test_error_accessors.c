/*
 * test_error_accessors.c: gr_last_error_operation() and gr_last_error_os_code(), the parts
 * of the last error a program reads instead of parsing gr_last_error_message().
 *
 * Covers: "" and 0 before any failure on a thread; the operation after failing add_edge,
 * remove_node, remove_edge and degree (a lookup), always the message's prefix; the OS code
 * of gr_graph_load and gr_graph_read_edgelist for a missing file (ENOENT) and a folder
 * (EISDIR), of gr_graph_save into a missing folder (ENOENT); 0 for I/O failures the library
 * finds itself (a corrupt file, a malformed line) and for non-I/O errors; successful calls
 * leave all three as they were (like the message) and the next failure replaces all three
 * together; the pointers stay valid across successful calls; the values are per thread (a
 * second thread's failures change nothing on the first, and a new thread starts with "" and 0).
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static char work_dir[] = "/tmp/groggy-error-accessors-XXXXXX";

static const char *at(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", work_dir, name);
    return path;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    CHECK_EQ(fwrite(text, 1, strlen(text), f), strlen(text));
    CHECK_EQ(fclose(f), 0);
}

/* The operation is the message's prefix before ": ", as the message promises. */
static void check_operation(const char *expected)
{
    const char *message = gr_last_error_message();
    size_t n = strlen(expected);
    CHECK_STREQ(gr_last_error_operation(), expected);
    CHECK(strncmp(message, expected, n) == 0 && message[n] == ':' && message[n + 1] == ' ');
}

static gr_status load(const char *path, gr_graph **out)
{
    return gr_graph_load(path, strlen(path), out);
}

static gr_status read_edgelist(const char *path, gr_graph **out)
{
    return gr_graph_read_edgelist(path, strlen(path), NULL, NULL, out);
}

static void test_nothing_failed_yet(void)
{
    gr_graph *g = NULL;
    CHECK_STREQ(gr_last_error_message(), "");
    CHECK_STREQ(gr_last_error_operation(), "");
    CHECK_EQ(gr_last_error_os_code(), 0);
    CHECK_OK(gr_graph_new(false, &g));
    CHECK_STREQ(gr_last_error_operation(), "");
    CHECK_EQ(gr_last_error_os_code(), 0);
    gr_graph_free(g);
}

static void test_operations(void)
{
    gr_graph *g = NULL;
    size_t degree = 0;
    CHECK_OK(gr_graph_new(false, &g));
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0));

    CHECK_ERR(gr_graph_add_edge(NULL, IK(1), IK(2), NULL, NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "add_edge: ");
    check_operation("add_edge");
    CHECK_EQ(gr_last_error_os_code(), 0);

    CHECK_ERR(gr_graph_add_edge(g, SKN("\xff", 1), IK(2), NULL, NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "UTF-8");
    check_operation("add_edge");

    CHECK_ERR(gr_graph_remove_node(g, SK("gone")), GR_STATUS_NODE_NOT_FOUND, "'gone'");
    check_operation("remove_node");
    CHECK_EQ(gr_last_error_os_code(), 0);

    CHECK_ERR(gr_graph_remove_edge(g, IK(1), IK(3)), GR_STATUS_EDGE_NOT_FOUND, "(1, 3)");
    check_operation("remove_edge");

    CHECK_ERR(gr_graph_degree(g, IK(404), &degree), GR_STATUS_NODE_NOT_FOUND, "404");
    check_operation("degree");
    CHECK_EQ(gr_last_error_os_code(), 0);
    gr_graph_free(g);
}

static void test_os_codes(void)
{
    gr_graph *out = NULL;
    gr_graph *g = NULL;

    /* Missing files: ENOENT, from the system's own error. */
    CHECK_ERR(load(at("missing.groggy"), &out), GR_STATUS_IO, "missing.groggy");
    check_operation("load");
    CHECK_EQ(gr_last_error_os_code(), ENOENT);
    CHECK_ERR(read_edgelist(at("missing.txt"), &out), GR_STATUS_IO, "missing.txt");
    check_operation("read_edgelist");
    CHECK_EQ(gr_last_error_os_code(), ENOENT);

    /* A folder where a file belongs: EISDIR. */
    CHECK_ERR(load(work_dir, &out), GR_STATUS_IO, "directory");
    check_operation("load");
    CHECK_EQ(gr_last_error_os_code(), EISDIR);
    CHECK_ERR(read_edgelist(work_dir, &out), GR_STATUS_IO, work_dir);
    check_operation("read_edgelist");
    CHECK_EQ(gr_last_error_os_code(), EISDIR);

    /* Saving into a folder that does not exist. */
    CHECK_OK(gr_graph_new(false, &g));
    {
        const char *path = at("no-such-folder/g.groggy");
        CHECK_ERR(gr_graph_save(g, path, strlen(path)), GR_STATUS_IO, "no-such-folder");
        check_operation("save");
        CHECK_EQ(gr_last_error_os_code(), ENOENT);
    }
    gr_graph_free(g);

    /* I/O failures the library finds itself carry no OS code. */
    write_file(at("corrupt.groggy"), "not a graph");
    CHECK_ERR(load(at("corrupt.groggy"), &out), GR_STATUS_IO, "corrupt.groggy");
    CHECK_EQ(gr_last_error_os_code(), 0);
    CHECK_ERR(load(at("missing.groggy"), &out), GR_STATUS_IO, "missing.groggy");
    CHECK_EQ(gr_last_error_os_code(), ENOENT);
    write_file(at("bad.txt"), "1 2 3 4 5\n");
    CHECK_ERR(read_edgelist(at("bad.txt"), &out), GR_STATUS_IO, "bad.txt:1");
    check_operation("read_edgelist");
    CHECK_EQ(gr_last_error_os_code(), 0);
    CHECK(out == NULL);

    /* A non-I/O failure after an I/O one resets the code to 0. */
    CHECK_ERR(load(at("missing.groggy"), &out), GR_STATUS_IO, "missing.groggy");
    CHECK_EQ(gr_last_error_os_code(), ENOENT);
    CHECK_ERR(gr_graph_new(false, NULL), GR_STATUS_INVALID_ARGUMENT, "NULL");
    CHECK_EQ(gr_last_error_os_code(), 0);
    CHECK(strcmp(gr_last_error_operation(), "load") != 0);
}

static void test_success_keeps_the_last_failure(void)
{
    gr_graph *g = NULL;
    gr_graph *out = NULL;
    const char *operation;
    size_t n = 0;
    CHECK_OK(gr_graph_new(false, &g));
    CHECK_ERR(read_edgelist(at("missing.txt"), &out), GR_STATUS_IO, "missing.txt");
    operation = gr_last_error_operation();
    /* Successful calls leave all three alone, and the pointer stays valid. */
    CHECK_OK(gr_graph_node_count(g, &n));
    CHECK_OK(gr_graph_add_node(g, IK(9), NULL, NULL, 0));
    CHECK_STREQ(operation, "read_edgelist");
    CHECK_STREQ(gr_last_error_operation(), "read_edgelist");
    CHECK_EQ(gr_last_error_os_code(), ENOENT);
    CHECK(strstr(gr_last_error_message(), "missing.txt") != NULL);
    /* The next failure replaces all three together. */
    CHECK_ERR(gr_graph_remove_node(g, IK(404)), GR_STATUS_NODE_NOT_FOUND, "404");
    check_operation("remove_node");
    CHECK_EQ(gr_last_error_os_code(), 0);
    gr_graph_free(g);
}

/* ----- threads ---------------------------------------------------------------------------- */

typedef struct thread_report {
    char initial_operation[64];
    int initial_os_code;
    char operation[64];
    int os_code;
} thread_report;

static void *other_thread(void *arg)
{
    thread_report *report = (thread_report *)arg;
    gr_graph *out = NULL;
    snprintf(report->initial_operation, sizeof report->initial_operation, "%s",
             gr_last_error_operation());
    report->initial_os_code = gr_last_error_os_code();
    (void)load(work_dir, &out); /* EISDIR on this thread only */
    snprintf(report->operation, sizeof report->operation, "%s", gr_last_error_operation());
    report->os_code = gr_last_error_os_code();
    return NULL;
}

static void test_per_thread(void)
{
    pthread_t thread;
    thread_report report;
    gr_graph *out = NULL;
    memset(&report, 0, sizeof report);
    CHECK_ERR(read_edgelist(at("missing.txt"), &out), GR_STATUS_IO, "missing.txt");
    CHECK_EQ(pthread_create(&thread, NULL, other_thread, &report), 0);
    CHECK_EQ(pthread_join(thread, NULL), 0);
    /* The other thread started clean, and its failure stayed its own. */
    CHECK_STREQ(report.initial_operation, "");
    CHECK_EQ(report.initial_os_code, 0);
    CHECK_STREQ(report.operation, "load");
    CHECK_EQ(report.os_code, EISDIR);
    check_operation("read_edgelist");
    CHECK_EQ(gr_last_error_os_code(), ENOENT);
}

int main(void)
{
    CHECK(mkdtemp(work_dir) != NULL);
    test_nothing_failed_yet();
    test_operations();
    test_os_codes();
    test_success_keeps_the_last_failure();
    test_per_thread();
    unlink(at("corrupt.groggy"));
    unlink(at("bad.txt"));
    rmdir(work_dir);
    return CHECK_SUMMARY();
}
