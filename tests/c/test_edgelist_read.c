/*
 * test_edgelist_read.c: gr_graph_read_edgelist, used the way a C or C++ program would.
 * 
 * Covers: edge lists with whitespace, TAB, CRLF, a byte-order mark, comment and blank lines,
 * custom and no comment prefix, header lines, one-character delimiters (comma, TAB, a
 * multi-byte character) with trimmed fields and empty weights, gzip recognised by its magic
 * bytes (tiny precomputed gzip streams embedded below: named .txt, multi-member, truncated,
 * a malformed line inside), weights, GR_EDGELIST_KEYS_AUTO / INT / STR (int64 limits, a key
 * beyond int64), malformed lines (GR_STATUS_IO naming the file and the line), an endless
 * line (/dev/zero: GR_STATUS_IO past the 16 MiB line limit), missing files and folders, bad
 * arguments (key kind, delimiter, NULL paths, NULL outputs) with outputs untouched;
 * gr_edgelist_options (every field, through gr_edgelist_options_init: its defaults, NULL
 * options reading the same graph as the init'd struct, versions 0 and newer than the
 * library's refused by the init, which then writes nothing, and by gr_graph_read_edgelist,
 * which then writes no graph); the progress callback (values, monotonic, ending at 100%,
 * stopping the load with GR_STATUS_CALLBACK) and cancellation (a token triggered before the
 * call or from the callback).
 *
 * Checks that once caught library bugs (EXPECT, in check.h) run last and do not stop the
 * program: each failure is reported, and the program then exits non-zero.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "graph_snapshot.h"
#include "file_checks.h"

/* "3 4\n" (a second member) */
static const unsigned char GZ_MORE[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00,
                                        0x02, 0x03, 0x33, 0x56, 0x30, 0xe1, 0x02, 0x00,
                                        0x5a, 0xd4, 0x68, 0xa0, 0x04, 0x00, 0x00, 0x00};

/* "1 2\r\n# c\n\n3\n" (line 4 is malformed) */
static const unsigned char GZ_BAD_LINE[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x33, 0x54, 0x30, 0xe2, 0xe5, 0x52,
    0x56, 0x48, 0xe6, 0xe2, 0x32, 0xe6, 0x02, 0x00, 0x7f, 0x58, 0xb3, 0x2f, 0x0c, 0x00, 0x00, 0x00};

/* ----- progress callbacks ------------------------------------------------------------------ */

typedef struct progress_log {
    int calls;
    uint64_t first_done;
    uint64_t last_done;
    uint64_t total;
    int backwards;
    int total_changed;
    int stop_on_call;            /* return GR_STATUS_CALLBACK on this call (1-based; 0: never) */
    int calls_after_stop;        /* calls made after it asked to stop */
    const gr_cancel *trigger_on; /* trigger this token on the first call (NULL: none) */
} progress_log;

static void progress_reset(progress_log *log)
{
    memset(log, 0, sizeof *log);
}

static gr_status on_progress(void *user_data, uint64_t done, uint64_t total)
{
    progress_log *log = (progress_log *)user_data;
    log->calls++;
    if (log->calls == 1) {
        log->first_done = done;
        log->total = total;
    } else {
        if (done < log->last_done) {
            log->backwards++;
        }
        if (total != log->total) {
            log->total_changed++;
        }
    }
    log->last_done = done;
    if (log->stop_on_call > 0 && log->calls > log->stop_on_call) {
        log->calls_after_stop++;
    }
    if (log->trigger_on != NULL && log->calls == 1) {
        gr_cancel_trigger(log->trigger_on);
    }
    if (log->stop_on_call > 0 && log->calls >= log->stop_on_call) {
        return GR_STATUS_CALLBACK;
    }
    return GR_STATUS_OK;
}

/* A plain edge list of `lines` lines "i j w"; returns its size. */
static size_t write_big_list(const char *path, int lines)
{
    FILE *f = fopen(path, "wb");
    int i;
    long size;
    CHECK(f != NULL);
    for (i = 0; i < lines; i++) {
        fprintf(f, "%d %d %d.5\n", i % 5000, (i * 7 + 1 + i / 5000) % 5000, i % 10);
    }
    size = ftell(f);
    CHECK(fclose(f) == 0);
    return (size_t)size;
}

/* ===== edge lists: reading ======================================================================= */

static void test_read_basic(void)
{
    const char *path = at("basic.txt");
    gr_graph *g;
    write_text(path, "# a comment\n1 2\r\n\n2\t3   4.5\r\n   # indented comment\n \t \n3 1\n1 4 -2e3");
    g = must_read(path, false);
    CHECK(!is_directed(g));
    CHECK_NODES(g, "1,2,3,4");
    CHECK_EDGES(g, "1,2,3,1", "2,3,1,4");
    CHECK_EDGE_NAMES(g, "weight");
    CHECK_WEIGHTS(g, "null,4.5,null,-2000");
    gr_graph_free(g);

    g = NULL;
    CHECK_OK(rd(path, true, &g));
    CHECK(is_directed(g));
    gr_graph_free(g);

    /* No third column: no weight column at all. */
    write_text(path, "\xef\xbb\xbf" "1 2\n2 3\n");
    g = must_read(path, false);
    CHECK_NODES(g, "1,2,3");
    CHECK_EDGE_NAMES(g, "");
    gr_graph_free(g);

    /* Duplicates update the first edge (undirected: its reverse too); self-loops. */
    write_text(path, "1 2 1.0\n2 1 5.0\n1 1\n");
    g = must_read(path, false);
    CHECK_EDGES(g, "1,1", "2,1");
    CHECK_WEIGHTS(g, "5,null");
    gr_graph_free(g);
    g = must_read(path, true);
    CHECK_EDGES(g, "1,2,1", "2,1,1");
    CHECK_WEIGHTS(g, "1,5,null");
    gr_graph_free(g);

    /* Special floats. */
    write_text(path, "1 2 inf\n2 3 -1e300\n3 4 1E3\n4 5 3\n");
    g = must_read(path, false);
    CHECK_WEIGHTS(g, "inf,-1.0000000000000001e+300,1000,3");
    gr_graph_free(g);

    /* Empty and comment-only files give empty graphs. */
    write_text(path, "");
    g = must_read(path, true);
    CHECK_EQ(node_count(g), 0);
    CHECK_EQ(edge_count(g), 0);
    CHECK(is_directed(g));
    gr_graph_free(g);
    write_text(path, "# only\n\n# comments\n");
    g = must_read(path, false);
    CHECK_EQ(node_count(g), 0);
    gr_graph_free(g);
}

static void test_read_comments_header_delimiters(void)
{
    const char *path = at("opts.txt");
    gr_graph *g = NULL;

    write_text(path, "% skipped\n%%also skipped\n#a #b\n");
    CHECK_OK(rd_full(path, false, "%", -1, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_NODES(g, "'#a','#b'");
    gr_graph_free(g);
    g = NULL;
    /* No comment prefix at all: NULL with length 0, or "" */
    write_text(path, "#a #b\n");
    CHECK_OK(rd_raw(path, strlen(path), false, NULL, 0, -1, GR_EDGELIST_KEYS_AUTO, false,
                    NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_NODES(g, "'#a','#b'");
    gr_graph_free(g);
    g = NULL;
    CHECK_OK(rd_full(path, false, "", -1, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_EQ(edge_count(g), 1);
    gr_graph_free(g);
    g = NULL;
    write_text(path, "// x y z w\n1 2\n");
    CHECK_OK(rd_full(path, false, "//", -1, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_EDGES(g, "1", "2");
    gr_graph_free(g);
    g = NULL;

    /* A header: the first line that is neither blank nor a comment. */
    write_text(path, "# by hand\n\nsource,target,weight\n1,2,0.5\n");
    CHECK_OK(rd_full(path, false, "#", ',', GR_EDGELIST_KEYS_AUTO, true, NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_NODES(g, "1,2");
    CHECK_WEIGHTS(g, "0.5");
    gr_graph_free(g);
    g = SENTINEL_GRAPH;
    CHECK_ERR(rd_full(path, false, "#", ',', GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL, &g),
              GR_STATUS_IO, "opts.txt:3:");
    CHECK(g == SENTINEL_GRAPH);
    g = NULL;

    /* A comma: each field trimmed, an empty third field is a null weight. */
    write_text(path, " a , b , 1.5 \nb,c,\nc,a\nd e,f g,2\n");
    CHECK_OK(rd_full(path, false, "#", ',', GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_NODES(g, "'a','b','c','d e','f g'");
    CHECK_EDGES(g, "'a','b','c','d e'", "'b','c','a','f g'");
    CHECK_WEIGHTS(g, "1.5,null,null,2");
    gr_graph_free(g);
    g = NULL;
    /* TAB: spaces belong to the keys. */
    write_text(path, "new york\tparis\t3\n");
    CHECK_OK(rd_full(path, false, "#", '\t', GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_NODES(g, "'new york','paris'");
    gr_graph_free(g);
    g = NULL;
    /* A character of two UTF-8 bytes: U+00A7 (section sign). */
    write_text(path, "a\xc2\xa7" "b\xc2\xa7" "2\n");
    CHECK_OK(rd_full(path, false, "#", 0xA7, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_NODES(g, "'a','b'");
    CHECK_WEIGHTS(g, "2");
    gr_graph_free(g);
    g = NULL;
    /* Ints with a delimiter. */
    write_text(path, "1,2\n3,4,7\n");
    CHECK_OK(rd_full(path, false, "#", ',', GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_NODES(g, "1,2,3,4");
    CHECK_WEIGHTS(g, "null,7");
    gr_graph_free(g);
}

static void test_read_keys(void)
{
    const char *path = at("keys.txt");
    gr_graph *g = NULL;

    write_text(path, "007 +8\n-1 9223372036854775807\n-9223372036854775808 7\n");
    CHECK_OK(rd(path, false, &g));
    CHECK_NODES(g, "7,8,-1,9223372036854775807,-9223372036854775808");
    gr_graph_free(g);
    g = NULL;
    CHECK_OK(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_INT, false, NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_EQ(node_count(g), 5);
    gr_graph_free(g);
    g = NULL;
    CHECK_OK(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_STR, false, NO_PROGRESS, NULL, NO_CANCEL, &g));
    CHECK_NODES(g, "'007','+8','-1','9223372036854775807','-9223372036854775808','7'");
    gr_graph_free(g);
    g = NULL;

    /* One key that is not an int64: every key is a string. */
    write_text(path, "1 2\n2 9223372036854775808\n");
    CHECK_OK(rd(path, false, &g));
    CHECK_NODES(g, "'1','2','9223372036854775808'");
    gr_graph_free(g);
    g = SENTINEL_GRAPH;
    CHECK_ERR(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_INT, false, NO_PROGRESS, NULL, NO_CANCEL, &g),
              GR_STATUS_IO, "keys.txt:2:");
    CHECK(g == SENTINEL_GRAPH);
    g = NULL;
    write_text(path, "1 2\n2 a\n" NIHON " 1\n");
    CHECK_OK(rd(path, false, &g));
    CHECK_NODES(g, "'1','2','a','" NIHON "'");
    gr_graph_free(g);
    g = SENTINEL_GRAPH;
    CHECK_ERR(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_INT, false, NO_PROGRESS, NULL, NO_CANCEL, &g),
              GR_STATUS_IO, "keys.txt:2: node key \"a\" is not a 64-bit integer");
    CHECK(g == SENTINEL_GRAPH);

    /* Bad key kinds and delimiters are invalid arguments. */
    CHECK_ERR(rd_full(path, false, "#", -1, 3, false, NO_PROGRESS, NULL, NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT, "key kind");
    CHECK_ERR(rd_full(path, false, "#", -1, -1, false, NO_PROGRESS, NULL, NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT, "key kind");
    CHECK_ERR(rd_full(path, false, "#", 0xD800, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL,
                      &g),
              GR_STATUS_INVALID_ARGUMENT, "delimiter");
    CHECK_ERR(rd_full(path, false, "#", 0x110000, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL,
                      NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT, "delimiter");
    CHECK_ERR(rd_full(path, false, "#", '\n', GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL,
                      &g),
              GR_STATUS_INVALID_ARGUMENT, "line break");
    CHECK_ERR(rd_raw(path, strlen(path), false, "\xff", 1, -1, GR_EDGELIST_KEYS_AUTO, false,
                     NO_PROGRESS, NULL, NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT, "comments");
    CHECK(g == SENTINEL_GRAPH);
}

static void test_read_gzip(void)
{
    const char *gz_txt = at("compressed.txt");
    const char *plain_gz = at("plain.gz");
    unsigned char two[sizeof GZ_EDGES + sizeof GZ_MORE];
    gr_graph *g = NULL;
    size_t n;

    /* Recognised by content, whatever the name. */
    write_file(gz_txt, GZ_EDGES, sizeof GZ_EDGES);
    g = must_read(gz_txt, false);
    CHECK_NODES(g, "1,2,3");
    CHECK_EDGES(g, "1,2", "2,3");
    CHECK_WEIGHTS(g, "null,0.5");
    gr_graph_free(g);
    write_text(plain_gz, "1 2\n2 3 0.5\n");
    g = must_read(plain_gz, false);
    CHECK_WEIGHTS(g, "null,0.5");
    gr_graph_free(g);

    /* Several gzip members one after the other. */
    memcpy(two, GZ_EDGES, sizeof GZ_EDGES);
    memcpy(two + sizeof GZ_EDGES, GZ_MORE, sizeof GZ_MORE);
    write_file(gz_txt, two, sizeof two);
    g = must_read(gz_txt, true);
    CHECK_EDGES(g, "1,2,3", "2,3,4");
    gr_graph_free(g);

    /* A malformed line inside gzip: its line number. */
    write_file(gz_txt, GZ_BAD_LINE, sizeof GZ_BAD_LINE);
    g = SENTINEL_GRAPH;
    CHECK_ERR(rd(gz_txt, false, &g), GR_STATUS_IO, "compressed.txt:4:");
    CHECK_MESSAGE("1 field");

    /* Every truncation of a gzip stream (past the magic bytes) is an I/O error. */
    for (n = 2; n < sizeof GZ_EDGES; n++) {
        write_file(gz_txt, GZ_EDGES, n);
        CHECK_ERR(rd(gz_txt, false, &g), GR_STATUS_IO, "compressed.txt");
    }
    /* A damaged stream too (a flipped byte in the deflate data or the CRC trailer). */
    memcpy(two, GZ_EDGES, sizeof GZ_EDGES);
    two[sizeof GZ_EDGES - 6] ^= 0xFF;
    write_file(gz_txt, two, sizeof GZ_EDGES);
    CHECK_ERR(rd(gz_txt, false, &g), GR_STATUS_IO, "compressed.txt");
    CHECK(g == SENTINEL_GRAPH);
}

typedef struct malformed_case {
    const char *content;
    int32_t delimiter;
    int32_t keys;
    const char *line;
    const char *fragment;
} malformed_case;

static void test_read_malformed_lines(void)
{
    static const malformed_case cases[] = {
        {"1 2\n\n3\n", -1, GR_EDGELIST_KEYS_AUTO, ":3:", "1 field"},
        {"1 2 3 4\n", -1, GR_EDGELIST_KEYS_AUTO, ":1:", "more than 3 fields"},
        {"# c\n\n1 2\n1 2 heavy\n", -1, GR_EDGELIST_KEYS_AUTO, ":4:", "weight \"heavy\" is not a number"},
        {"1 2 0x10\n", -1, GR_EDGELIST_KEYS_AUTO, ":1:", "not a number"},
        {"a,,1\n", ',', GR_EDGELIST_KEYS_AUTO, ":1:", "empty node key"},
        {"a,b,c,d\n", ',', GR_EDGELIST_KEYS_AUTO, ":1:", "more than 3 fields"},
        {"1 2\n\xff 1\n", -1, GR_EDGELIST_KEYS_AUTO, ":2:", "not valid UTF-8"},
        {"1 2\n\xff 1\n", -1, GR_EDGELIST_KEYS_STR, ":2:", "not valid UTF-8"},
        {"1 2\n1 y\n", -1, GR_EDGELIST_KEYS_INT, ":2:", "not a 64-bit integer"},
        {"1\r\n", -1, GR_EDGELIST_KEYS_AUTO, ":1:", "1 field"},
    };
    const char *path = at("malformed.txt");
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gr_graph *g = SENTINEL_GRAPH;
        char where[1100];
        write_text(path, cases[i].content);
        snprintf(where, sizeof where, "%s%s", path, cases[i].line);
        CHECK_ERR(rd_full(path, false, "#", cases[i].delimiter, cases[i].keys, false, NO_PROGRESS,
                          NULL, NO_CANCEL, &g),
                  GR_STATUS_IO, where);
        CHECK_MESSAGE("read_edgelist: ", cases[i].fragment);
        CHECK(g == SENTINEL_GRAPH);
    }
}

static void test_read_bad_paths_and_arguments(void)
{
    gr_graph *g = SENTINEL_GRAPH;
    const char *missing = at("nowhere/edges.txt");
    const char *ok_path = at("fine.txt");
    write_text(ok_path, "1 2\n");

    CHECK_ERR(rd(missing, false, &g), GR_STATUS_IO, missing);
    CHECK_MESSAGE("read_edgelist: ");
    CHECK_ERR(rd(work_dir, false, &g), GR_STATUS_IO, work_dir);
    CHECK_ERR(rd_raw("", 0, false, "#", 1, -1, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS,
                     NULL, NO_CANCEL, &g),
              GR_STATUS_IO, "read_edgelist");
    CHECK_ERR(rd_raw(NULL, 4, false, "#", 1, -1, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS,
                     NULL, NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT, "path");
    /* A path that is not UTF-8 is a path like any other (here: a missing one), shown with
     * U+FFFD in the message. */
    CHECK_ERR(rd_raw("\xff.txt", 5, false, "#", 1, -1, GR_EDGELIST_KEYS_AUTO, false,
                     NO_PROGRESS, NULL, NO_CANCEL, &g),
              GR_STATUS_IO, "\xef\xbf\xbd.txt");
    CHECK_ERR(rd_raw(ok_path, strlen(ok_path), false, NULL, 3, -1, GR_EDGELIST_KEYS_AUTO,
                     false, NO_PROGRESS, NULL, NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT, "comments");
    CHECK_ERR(rd(ok_path, false, NULL), GR_STATUS_INVALID_ARGUMENT, "NULL");
    CHECK(g == SENTINEL_GRAPH);
    /* Only `path_len` bytes are the path. */
    g = NULL;
    CHECK_OK(rd_raw(ok_path, strlen(ok_path), false, "#", 1, -1, GR_EDGELIST_KEYS_AUTO,
                    false, NO_PROGRESS, NULL, NO_CANCEL, &g));
    gr_graph_free(g);
    {
        char longer[1200];
        snprintf(longer, sizeof longer, "%sXYZ", ok_path);
        g = NULL;
        CHECK_OK(rd_raw(longer, strlen(ok_path), false, "#", 1, -1, GR_EDGELIST_KEYS_AUTO,
                        false, NO_PROGRESS, NULL, NO_CANCEL, &g));
        CHECK_EQ(edge_count(g), 1);
        gr_graph_free(g);
    }
}

/* An endless line (/dev/zero, only read) is refused once it passes the 16 MiB line limit: an
 * error naming the file and the line, not an abort once memory runs out. */
static void test_read_endless_line(void)
{
    gr_graph *g = SENTINEL_GRAPH;
    CHECK_ERR(rd("/dev/zero", false, &g), GR_STATUS_IO,
              "/dev/zero:1: line longer than 16777216 bytes");
    CHECK(g == SENTINEL_GRAPH);
    /* Also when the token is triggered first: cancelled before anything is read. */
    {
        gr_cancel *cancel = NULL;
        CHECK_OK(gr_cancel_new(&cancel));
        CHECK_OK(gr_cancel_trigger(cancel));
        CHECK_ERR(rd_full("/dev/zero", false, "#", -1, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL,
                          cancel, &g),
                  GR_STATUS_CANCELLED, "cancel");
        CHECK(g == SENTINEL_GRAPH);
        gr_cancel_free(cancel);
    }
}

static void test_edgelist_options(void)
{
    const char *path = at("options.txt");
    gr_edgelist_options opts;
    gr_edgelist_options copy;
    gr_graph *g = SENTINEL_GRAPH;
    gr_graph *g2 = NULL;
    static const uint32_t bad_versions[3] = {0, GR_EDGELIST_OPTIONS_VERSION + 1, UINT32_MAX};
    size_t i;
    /* Each default shows: the comment skipped, "2 1" the same undirected edge as "1 2",
     * the first line not taken for a header, int keys. */
    write_text(path, "# c\n1 2\n2 1\n3 4\n");

    /* The init fills every field, whatever the struct held. */
    memset(&opts, 0xAB, sizeof opts);
    CHECK_OK(gr_edgelist_options_init(&opts, GR_EDGELIST_OPTIONS_VERSION));
    CHECK_EQ(opts.version, GR_EDGELIST_OPTIONS_VERSION);
    CHECK(!opts.directed);
    CHECK_BYTES(opts.comments, opts.comments_len, "#", 1);
    CHECK_EQ(opts.delimiter, -1);
    CHECK_EQ(opts.keys, GR_EDGELIST_KEYS_AUTO);
    CHECK(!opts.header);
    CHECK(opts.progress == NULL);
    CHECK(opts.user_data == NULL);

    /* NULL options are the defaults: the same graph as the init'd struct reads. */
    CHECK_OK(gr_graph_read_edgelist(path, strlen(path), NULL, NO_CANCEL, &g));
    CHECK(!is_directed(g));
    CHECK_NODES(g, "1,2,3,4");
    CHECK_EDGES(g, "1,3", "2,4");
    CHECK_OK(gr_graph_read_edgelist(path, strlen(path), &opts, NO_CANCEL, &g2));
    CHECK_SAME_GRAPH(g2, g);
    gr_graph_free(g2);
    gr_graph_free(g);
    g = SENTINEL_GRAPH;

    /* A version this library does not know: refused by the init, which writes nothing, and
     * by the reader, which writes no graph. */
    for (i = 0; i < 3; i++) {
        char expected[128];
        memset(&opts, 0x5C, sizeof opts);
        memcpy(&copy, &opts, sizeof opts);
        snprintf(expected, sizeof expected, "edgelist_options_init: options version %lu",
                 (unsigned long)bad_versions[i]);
        CHECK_ERR(gr_edgelist_options_init(&opts, bad_versions[i]), GR_STATUS_INVALID_ARGUMENT,
                  expected);
        CHECK_STREQ(gr_last_error_operation(), "edgelist_options_init");
        CHECK(memcmp(&opts, &copy, sizeof opts) == 0);

        CHECK_OK(gr_edgelist_options_init(&opts, GR_EDGELIST_OPTIONS_VERSION));
        opts.version = bad_versions[i];
        snprintf(expected, sizeof expected, "read_edgelist: options version %lu",
                 (unsigned long)bad_versions[i]);
        CHECK_ERR(gr_graph_read_edgelist(path, strlen(path), &opts, NO_CANCEL, &g),
                  GR_STATUS_INVALID_ARGUMENT, expected);
        CHECK_STREQ(gr_last_error_operation(), "read_edgelist");
        CHECK(g == SENTINEL_GRAPH);
    }
    opts.version = 0;
    CHECK_ERR(gr_graph_read_edgelist(path, strlen(path), &opts, NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT,
              "read_edgelist: options version 0: the options were not initialised (call "
              "gr_edgelist_options_init(opts, version) first)");
    CHECK_ERR(gr_edgelist_options_init(NULL, GR_EDGELIST_OPTIONS_VERSION),
              GR_STATUS_INVALID_ARGUMENT, "edgelist_options_init: options is NULL");
    CHECK(g == SENTINEL_GRAPH);
}

static void test_read_progress_and_cancel(void)
{
    const char *path = at("big.txt");
    size_t size = write_big_list(path, 15000);
    progress_log log;
    gr_graph *g = NULL;
    gr_cancel *cancel = NULL;

    progress_reset(&log);
    CHECK_OK(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_AUTO, false, on_progress, &log, NO_CANCEL, &g));
    CHECK_EQ(node_count(g), 5000);
    CHECK(edge_count(g) > 5000 && edge_count(g) <= 15000);
    gr_graph_free(g);
    g = NULL;
    CHECK(log.calls >= 10);
    CHECK_EQ(log.total, size);
    CHECK_EQ(log.last_done, size);
    CHECK_EQ(log.backwards, 0);
    CHECK_EQ(log.total_changed, 0);
    CHECK(log.first_done <= size);

    /* Gzip: reported against the compressed size, ending at 100%. */
    write_file(at("tiny.gz"), GZ_EDGES, sizeof GZ_EDGES);
    progress_reset(&log);
    CHECK_OK(rd_full(at("tiny.gz"), false, "#", -1, GR_EDGELIST_KEYS_AUTO, false, on_progress, &log,
                     NO_CANCEL, &g));
    gr_graph_free(g);
    g = NULL;
    CHECK(log.calls >= 1);
    CHECK_EQ(log.total, sizeof GZ_EDGES);
    CHECK_EQ(log.last_done, sizeof GZ_EDGES);

    /* A file whose last key is a string is read twice: progress never goes back. */
    {
        FILE *f = fopen(path, "ab");
        CHECK(f != NULL);
        fputs("a b\n", f);
        CHECK(fclose(f) == 0);
    }
    progress_reset(&log);
    CHECK_OK(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_AUTO, false, on_progress, &log, NO_CANCEL, &g));
    CHECK_EQ(log.backwards, 0);
    CHECK_EQ(log.last_done, size + 4);
    {
        bool has = false;
        CHECK_OK(gr_graph_has_node(g, SK("a"), &has));
        CHECK(has);
    }
    gr_graph_free(g);

    /* The callback stops the load. */
    progress_reset(&log);
    log.stop_on_call = 1;
    g = SENTINEL_GRAPH;
    CHECK_ERR(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_AUTO, false, on_progress, &log, NO_CANCEL, &g),
              GR_STATUS_CALLBACK, "read_edgelist");
    CHECK(g == SENTINEL_GRAPH);
    CHECK(log.calls >= 1);
    progress_reset(&log);
    log.stop_on_call = 3;
    CHECK_ERR(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_AUTO, false, on_progress, &log, NO_CANCEL, &g),
              GR_STATUS_CALLBACK, "read_edgelist");
    CHECK(g == SENTINEL_GRAPH);
    CHECK(log.calls >= 3);

    /* A token triggered before the call cancels it. */
    CHECK_OK(gr_cancel_new(&cancel));
    CHECK_OK(gr_cancel_trigger(cancel));
    CHECK_ERR(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, cancel, &g),
              GR_STATUS_CANCELLED, "read_edgelist");
    CHECK(g == SENTINEL_GRAPH);
    gr_cancel_free(cancel);
    cancel = NULL;

    /* A token triggered while it reads (here, from the progress callback). */
    CHECK_OK(gr_cancel_new(&cancel));
    progress_reset(&log);
    log.trigger_on = cancel;
    CHECK_ERR(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_AUTO, false, on_progress, &log, cancel, &g),
              GR_STATUS_CANCELLED, "read_edgelist");
    CHECK(g == SENTINEL_GRAPH);
    gr_cancel_free(cancel);

    /* An untriggered token changes nothing. */
    CHECK_OK(gr_cancel_new(&cancel));
    g = NULL;
    CHECK_OK(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, cancel, &g));
    gr_graph_free(g);
    gr_cancel_free(cancel);
}

/* A progress callback that returns a failure status stops the load: it is not called again,
 * and the read stops there (not at the next cancellation check, 65,536 lines later). */
static void bug_progress_called_after_it_asked_to_stop(void)
{
    const char *path = at("stop.txt");
    progress_log log;
    gr_graph *g = SENTINEL_GRAPH;
    write_big_list(path, 15000);
    progress_reset(&log);
    log.stop_on_call = 1;
    CHECK_ERR(rd_full(path, false, "#", -1, GR_EDGELIST_KEYS_AUTO, false, on_progress, &log, NO_CANCEL, &g),
              GR_STATUS_CALLBACK, "progress callback");
    CHECK(g == SENTINEL_GRAPH);
    EXPECT(log.calls_after_stop == 0,
           "the progress callback returned GR_STATUS_CALLBACK on its first call, and was "
           "called %d more times (up to done == %llu of %llu: the whole file was read)",
           log.calls_after_stop, (unsigned long long)log.last_done,
           (unsigned long long)log.total);
}

int main(void)
{
    make_work_dir();

    test_read_basic();
    test_read_comments_header_delimiters();
    test_read_keys();
    test_read_gzip();
    test_read_malformed_lines();
    test_read_bad_paths_and_arguments();
    test_read_endless_line();
    test_edgelist_options();
    test_read_progress_and_cancel();

    bug_progress_called_after_it_asked_to_stop();

    remove_tree(work_dir);
    return CHECK_SUMMARY();
}
