/*
 * test_atomic_saves.c: atomic saves: a missing folder, a folder as target, a FIFO refused
 * and left a FIFO, a write failing midway under RLIMIT_FSIZE leaving the previous file byte
 * for byte, no temporary files left behind, the replaced file's permissions kept.
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

/* ===== atomic saves ============================================================================== */

/* A graph whose native file and edge list both take well over 8 KiB. */
static gr_graph *big_graph(void)
{
    gr_graph *g = new_graph(false);
    int64_t i;
    for (i = 0; i < 3000; i++) {
        CHECK_OK(gr_graph_add_edge(g, IK(i), IK((i * 13 + 5) % 3000), NULL, NULL, 0));
        set_edge(g, IK(i), IK((i * 13 + 5) % 3000), "weight", v_f64((double)i / 7.0));
    }
    return g;
}

static void test_atomic_saves(void)
{
    char dir[1024];
    char target[1100];
    char text_target[1100];
    char missing[1100];
    unsigned char *before;
    unsigned char *text_before;
    size_t before_len = 0;
    size_t text_len = 0;
    gr_graph *small = rich_graph(true);
    gr_graph *big = big_graph();
    gr_graph *h = NULL;
    struct rlimit old_limit;
    struct rlimit limit;
    struct stat st;
    void (*old_handler)(int);
    gr_status save_status;
    gr_status write_status;

    fresh_dir("atomic", dir, sizeof dir);
    snprintf(target, sizeof target, "%s/g.groggy", dir);
    snprintf(text_target, sizeof text_target, "%s/g.txt", dir);
    snprintf(missing, sizeof missing, "%s/missing/g.groggy", dir);

    /* Into a missing folder: an I/O error naming the file, and nothing created. */
    CHECK_ERR(save(small, missing), GR_STATUS_IO, missing);
    CHECK_MESSAGE("save: cannot save");
    CHECK_EQ(count_entries(dir), 0);
    /* Over a folder: refused, the folder untouched, no temporary file left. */
    CHECK(mkdir(at("atomic/folder"), 0700) == 0);
    write_text(at("atomic/folder/inside"), "x");
    CHECK_ERR(save(small, at("atomic/folder")), GR_STATUS_IO, "folder");
    CHECK_EQ(count_entries(dir), 1);
    CHECK_EQ(count_entries(at("atomic/folder")), 1);
    remove_tree(at("atomic/folder"));
    /* Over a FIFO: refused, and it stays a FIFO (it is never replaced by a regular file). */
    CHECK(mkfifo(at("atomic/pipe"), 0600) == 0);
    CHECK_ERR(save(small, at("atomic/pipe")), GR_STATUS_IO, "FIFO");
    CHECK_ERR(write_list(small, at("atomic/pipe"), ' '), GR_STATUS_IO, "FIFO");
    CHECK(lstat(at("atomic/pipe"), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    CHECK_EQ(count_entries(dir), 1);
    CHECK_EQ(unlink(at("atomic/pipe")), 0);
    /* NULL graph, bad paths. */
    CHECK_ERR(save(NULL, target), GR_STATUS_INVALID_ARGUMENT, "graph");
    CHECK_ERR(gr_graph_save(small, NULL, 5), GR_STATUS_INVALID_ARGUMENT, "path");
    CHECK_ERR(gr_graph_save(small, "", 0), GR_STATUS_IO, "save");
    CHECK_EQ(count_entries(dir), 0);

    /* A previous file, replaced by a good save, keeps its permissions. */
    CHECK_OK(save(big, target));
    CHECK(chmod(target, 0640) == 0);
    CHECK_OK(save(small, target));
    CHECK(stat(target, &st) == 0);
    CHECK_EQ(st.st_mode & 0777, 0640);
    {
        gr_graph *line = new_graph(false);
        CHECK_OK(gr_graph_add_edge(line, IK(1), IK(2), NULL, NULL, 0));
        CHECK_OK(write_list(line, text_target, ' '));
        gr_graph_free(line);
    }
    CHECK_EQ(count_entries(dir), 2);
    before = read_file(target, &before_len);
    text_before = read_file(text_target, &text_len);
    CHECK(before != NULL && before_len < 4096);
    CHECK(text_before != NULL && text_len == 4);

    /* A write that fails midway (the file size limit is hit): the previous files are kept
     * byte for byte, and no temporary file is left behind. */
    old_handler = signal(SIGXFSZ, SIG_IGN);
    CHECK(getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
    limit = old_limit;
    limit.rlim_cur = 4096;
    CHECK(setrlimit(RLIMIT_FSIZE, &limit) == 0);
    save_status = save(big, target);
    write_status = write_list(big, text_target, ' ');
    CHECK(setrlimit(RLIMIT_FSIZE, &old_limit) == 0);
    signal(SIGXFSZ, old_handler);
    CHECK_EQ(save_status, GR_STATUS_IO);
    CHECK_EQ(write_status, GR_STATUS_IO);
    CHECK(file_is(target, before, before_len));
    CHECK(file_is(text_target, text_before, text_len));
    CHECK_EQ(count_entries(dir), 2);
    CHECK_OK(load(target, &h));
    CHECK_SAME_GRAPH(h, small);
    gr_graph_free(h);
    h = NULL;

    /* Without the limit the same saves succeed. */
    CHECK_OK(save(big, target));
    CHECK_OK(load(target, &h));
    CHECK_EQ(node_count(h), node_count(big));
    CHECK_EQ(edge_count(h), edge_count(big));
    CHECK_OK(save(h, at("atomic/copy.groggy")));
    CHECK(same_file(target, at("atomic/copy.groggy")));
    CHECK_EQ(unlink(at("atomic/copy.groggy")), 0);
    gr_graph_free(h);
    CHECK_OK(write_list(big, text_target, ' '));
    CHECK_EQ(count_entries(dir), 2);

    /* Through a symlink: the link stays a link, its target is replaced. */
    CHECK(symlink("g.groggy", at("atomic/link.groggy")) == 0);
    CHECK_OK(save(small, at("atomic/link.groggy")));
    CHECK(lstat(at("atomic/link.groggy"), &st) == 0);
    CHECK(S_ISLNK(st.st_mode));
    h = NULL;
    CHECK_OK(load(target, &h));
    CHECK_SAME_GRAPH(h, small);
    gr_graph_free(h);
    CHECK_EQ(count_entries(dir), 3);

    free(before);
    free(text_before);
    gr_graph_free(small);
    gr_graph_free(big);
}

int main(void)
{
    make_work_dir();

    test_atomic_saves();

    remove_tree(work_dir);
    return CHECK_SUMMARY();
}
