/*
 * test_file_paths.c: paths that are not UTF-8 (byte 0xff) in every file function.
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

/* ===== paths that are not UTF-8 ================================================================= */

/* Linux file names are bytes: every file function takes a name with byte 0xff. */
static void test_paths_that_are_not_utf8(void)
{
    char dir[1024];
    char list[1100];
    char copy[1100];
    char native[1100];
    char missing[1100];
    gr_graph *g = NULL;
    gr_graph *h = NULL;
    bool is_native = true;

    fresh_dir("bytes-\xff", dir, sizeof dir);
    snprintf(list, sizeof list, "%s/edges-\xff\xfe.txt", dir);
    snprintf(copy, sizeof copy, "%s/copy-\xff.txt", dir);
    snprintf(native, sizeof native, "%s/\xff.groggy", dir);
    snprintf(missing, sizeof missing, "%s/missing-\xff.groggy", dir);

    write_text(list, "1 2 0.5\n2 3\n");
    g = must_read(list, true);
    CHECK_EQ(edge_count(g), 2);
    CHECK_OK(write_list(g, copy, ' '));
    CHECK(same_file(list, copy));
    h = must_read(copy, true);
    CHECK_SAME_GRAPH(h, g);
    gr_graph_free(h);
    h = NULL;
    CHECK_OK(save(g, native));
    CHECK_OK(gr_file_is_native(native, strlen(native), &is_native));
    CHECK(is_native);
    CHECK_OK(gr_file_is_native(list, strlen(list), &is_native));
    CHECK(!is_native);
    CHECK_OK(load(native, &h));
    CHECK_SAME_GRAPH(h, g);
    gr_graph_free(h);
    h = NULL;
    CHECK_EQ(count_entries(dir), 3);
    /* Errors show the bad byte as U+FFFD. */
    CHECK_ERR(load(missing, &h), GR_STATUS_IO, "missing-\xef\xbf\xbd.groggy");
    CHECK(h == NULL);
    gr_graph_free(g);
    remove_tree(dir);
}

int main(void)
{
    make_work_dir();

    test_paths_that_are_not_utf8();

    remove_tree(work_dir);
    return CHECK_SUMMARY();
}
