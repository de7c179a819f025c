/*
 * file_checks.h: the helpers shared by the file tests (test_edgelist_*.c,
 * test_native_files.c, test_native_damaged.c, test_file_paths.c, test_atomic_saves.c): a
 * fresh work folder per program, writing and reading files, calling the file functions, and
 * graphs holding every attribute kind. The helpers are static inline so that each program can
 * use any subset of them without unused-function warnings. Include after defining
 * _POSIX_C_SOURCE (mkdtemp, DIR, lstat).
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef GROGGY_TESTS_FILE_CHECKS_H
#define GROGGY_TESTS_FILE_CHECKS_H

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

/* Sentinels preset in output variables: a failing call must leave them as they are. */
#define SENTINEL_GRAPH ((gr_graph *)(uintptr_t)0x5e47)
#define NO_CANCEL ((const gr_cancel *)NULL)
#define NO_PROGRESS ((gr_progress_callback)NULL)

/* "日本" as UTF-8. */
#define NIHON "\xe6\x97\xa5\xe6\x9c\xac"

/* ----- precomputed gzip streams (Python: gzip.compress(body, mtime=0)) -------------------- */

/* "1 2\n2 3 0.5\n" */
static const unsigned char GZ_EDGES[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x33, 0x54, 0x30, 0xe2, 0x32, 0x52,
    0x30, 0x56, 0x30, 0xd0, 0x33, 0xe5, 0x02, 0x00, 0x30, 0x64, 0x8b, 0x40, 0x0c, 0x00, 0x00, 0x00};

/* ----- files and folders ------------------------------------------------------------------- */

static char work_dir[512];

/* Makes work_dir, a fresh folder under $TMPDIR (or /tmp) for one program's files; main
 * removes it with remove_tree before it returns. */
static inline void make_work_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(work_dir, sizeof work_dir, "%s/groggy-files-XXXXXX",
             tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
    CHECK(mkdtemp(work_dir) != NULL);
}

/* `work_dir/name`, in one of eight rotating buffers (so a call may use several). */
static inline const char *at(const char *name)
{
    static char bufs[8][1024];
    static int next = 0;
    char *out = bufs[next];
    next = (next + 1) % 8;
    snprintf(out, sizeof bufs[0], "%s/%s", work_dir, name);
    return out;
}

static inline void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (len > 0) {
        CHECK(fwrite(data, 1, len, f) == len);
    }
    CHECK(fclose(f) == 0);
}

static inline void write_text(const char *path, const char *text)
{
    write_file(path, text, strlen(text));
}

/* The whole file, malloc'ed (with a NUL after it); NULL when it cannot be read. */
static inline unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0;
    size_t n = 0;
    if (f == NULL) {
        *len = 0;
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            buf = (unsigned char *)realloc(buf, cap);
            CHECK(buf != NULL);
        }
        got = fread(buf + n, 1, 4096, f);
        n += got;
        if (got < 4096) {
            break;
        }
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Entries of a folder, "." and ".." aside. */
static inline int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    CHECK(d != NULL);
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            n++;
        }
    }
    closedir(d);
    return n;
}

/* Removes a folder and everything in it. */
static inline void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (d == NULL) {
        return;
    }
    while ((e = readdir(d)) != NULL) {
        char path[1024];
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            remove_tree(path);
        } else {
            unlink(path);
        }
    }
    closedir(d);
    rmdir(dir);
}

/* A fresh empty folder inside the work folder; its path goes to `out`. */
static inline void fresh_dir(const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s", at(name));
    remove_tree(out);
    CHECK(mkdir(out, 0700) == 0);
}

static inline int same_file(const char *a, const char *b)
{
    size_t la = 0;
    size_t lb = 0;
    unsigned char *da = read_file(a, &la);
    unsigned char *db = read_file(b, &lb);
    int same = da != NULL && db != NULL && la == lb && memcmp(da, db, la) == 0;
    free(da);
    free(db);
    return same;
}

static inline int file_is(const char *path, const void *data, size_t len)
{
    size_t n = 0;
    unsigned char *got = read_file(path, &n);
    int same = got != NULL && n == len && (len == 0 || memcmp(got, data, len) == 0);
    free(got);
    return same;
}

/* ----- calls -------------------------------------------------------------------------------- */

/* Reads with every field of gr_edgelist_options given: the struct from
 * gr_edgelist_options_init with each field then set, so the calls below check that each is
 * honoured. */
static inline gr_status rd_raw(const char *path, size_t path_len, bool directed, const char *comments,
                        size_t comments_len, int32_t delimiter, int32_t keys, bool header,
                        gr_progress_callback progress, void *user_data, const gr_cancel *cancel,
                        gr_graph **out)
{
    gr_edgelist_options opts;
    CHECK_OK(gr_edgelist_options_init(&opts, GR_EDGELIST_OPTIONS_VERSION));
    opts.directed = directed;
    opts.comments = comments;
    opts.comments_len = comments_len;
    opts.delimiter = delimiter;
    opts.keys = keys;
    opts.header = header;
    opts.progress = progress;
    opts.user_data = user_data;
    return gr_graph_read_edgelist(path, path_len, &opts, cancel, out);
}

static inline gr_status rd_full(const char *path, bool directed, const char *comments, int32_t delimiter,
                         int32_t keys, bool header, gr_progress_callback progress, void *user_data,
                         const gr_cancel *cancel, gr_graph **out)
{
    return rd_raw(path, strlen(path), directed, comments, comments ? strlen(comments) : 0,
                  delimiter, keys, header, progress, user_data, cancel, out);
}

/* Reads with the defaults: "#" comments, whitespace, auto keys, no header. */
static inline gr_status rd(const char *path, bool directed, gr_graph **out)
{
    return rd_full(path, directed, "#", -1, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL,
                   out);
}

static inline gr_graph *must_read(const char *path, bool directed)
{
    gr_graph *g = NULL;
    CHECK_OK(rd(path, directed, &g));
    CHECK(g != NULL);
    return g;
}

static inline gr_status save(const gr_graph *g, const char *path)
{
    return gr_graph_save(g, path, strlen(path));
}

static inline gr_status load(const char *path, gr_graph **out)
{
    return gr_graph_load(path, strlen(path), out);
}

static inline gr_status write_list(const gr_graph *g, const char *path, uint32_t delimiter)
{
    return gr_graph_write_edgelist(g, path, strlen(path), delimiter);
}

static inline gr_graph *new_graph(bool directed)
{
    gr_graph *g = NULL;
    CHECK_OK(gr_graph_new(directed, &g));
    return g;
}

static inline bool is_directed(const gr_graph *g)
{
    bool d = false;
    CHECK_OK(gr_graph_is_directed(g, &d));
    return d;
}

/* The node keys, as CHECK_KEYS formats them. */
#define CHECK_NODES(g, expected)                  \
    do {                                          \
        gr_keys *nodes_ = NULL;                   \
        CHECK_OK(gr_graph_nodes((g), &nodes_));   \
        CHECK_KEYS(nodes_, (expected));           \
        gr_keys_free(nodes_);                     \
    } while (0)

/* The edges: sources and targets, as CHECK_KEYS formats them. */
#define CHECK_EDGES(g, sources, targets)                  \
    do {                                                  \
        gr_keys *src_ = NULL;                             \
        gr_keys *dst_ = NULL;                             \
        CHECK_OK(gr_graph_edges((g), &src_, &dst_));      \
        CHECK_KEYS(src_, (sources));                      \
        CHECK_KEYS(dst_, (targets));                      \
        gr_keys_free(src_);                               \
        gr_keys_free(dst_);                               \
    } while (0)

/* The edge attribute names, joined with ",". */
#define CHECK_EDGE_NAMES(g, expected)                      \
    do {                                                   \
        gr_string_list *names_ = NULL;                     \
        CHECK_OK(gr_graph_edge_attr_names((g), &names_));  \
        CHECK_STRING_LIST(names_, (expected));             \
        gr_string_list_free(names_);                       \
    } while (0)

/*
 * The "weight" column of every edge, as text: "1.5,null,-" where "null" is a null entry.
 * Fails unless it is a float64 array.
 */
static inline void weights_text(const gr_graph *g, char *out, size_t cap)
{
    gr_array *a = NULL;
    size_t len = 0;
    gr_attr_tag kind = -1;
    const void *data = NULL;
    const uint8_t *valid = NULL;
    size_t nulls = 0;
    size_t i;
    size_t pos = 0;
    CHECK_OK(gr_graph_edge_array(g, "weight", 6, &a));
    CHECK_OK(gr_array_info(a, &len, &kind, &data));
    CHECK_OK(gr_array_validity(a, &valid, &nulls));
    out[0] = '\0';
    if (kind == GR_ATTR_NULL) {
        for (i = 0; i < len; i++) {
            snapshot_append(out, cap, &pos, "%snull", i ? "," : "");
        }
        gr_array_free(a);
        return;
    }
    CHECK_EQ(kind, GR_ATTR_FLOAT64);
    for (i = 0; i < len; i++) {
        if (valid != NULL && !valid[i]) {
            snapshot_append(out, cap, &pos, "%snull", i ? "," : "");
        } else {
            snapshot_append(out, cap, &pos, "%s%.17g", i ? "," : "", ((const double *)data)[i]);
        }
    }
    gr_array_free(a);
}

#define CHECK_WEIGHTS(g, expected)                        \
    do {                                                  \
        char w_[1024];                                    \
        weights_text((g), w_, sizeof w_);                 \
        if (strcmp(w_, (expected)) != 0) {                \
            check_fail(__FILE__, __LINE__, "weights [%s] != [%s]", w_, (expected)); \
        }                                                 \
        check_pass();                                     \
    } while (0)

/* The last error message contains every fragment given (a NULL-terminated list). */
static inline void check_message_at(const char *file, int line, const char *first, ...)
{
    va_list args;
    const char *fragment = first;
    const char *message = gr_last_error_message();
    va_start(args, first);
    while (fragment != NULL) {
        if (message == NULL || strstr(message, fragment) == NULL) {
            va_end(args);
            check_fail(file, line, "the message \"%s\" does not contain \"%s\"",
                       message ? message : "(NULL)", fragment);
        }
        fragment = va_arg(args, const char *);
    }
    va_end(args);
    check_pass();
}

#define CHECK_MESSAGE(...) check_message_at(__FILE__, __LINE__, __VA_ARGS__, (const char *)NULL)

/* ----- building graphs ----------------------------------------------------------------------- */

static inline void add_node_with(gr_graph *g, int64_t k, const char *ks, size_t kl, const char *const *names,
                          const gr_attr_value *values, size_t n)
{
    gr_buf bufs[16];
    size_t i;
    CHECK(n <= 16);
    for (i = 0; i < n; i++) {
        bufs[i] = buf_of(names[i]);
    }
    CHECK_OK(gr_graph_add_node(g, k, ks, kl, bufs, values, n));
}

static inline void set_edge(gr_graph *g, int64_t u, const char *us, size_t ul, int64_t v, const char *vs,
                     size_t vl, const char *name, gr_attr_value value)
{
    CHECK_OK(gr_graph_set_edge_attr(g, u, us, ul, v, vs, vl, name, strlen(name), &value));
}

static inline float f32_bits(uint32_t bits)
{
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static inline double f64_bits(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static const char BYTES_WITH_NUL[] = "\x00\xff\x89GROGGY\n";
static const char STR_WITH_NUL[] = NIHON "\x00\xc3\xa9";

/*
 * A graph with every attribute kind, Null and absent values, mixed columns, empty strings and
 * bytes, an empty string key and one with a NUL byte, int and string keys of the same text,
 * NaN payloads, and removed nodes and edges.
 */
static inline gr_graph *rich_graph(bool directed)
{
    gr_graph *g = new_graph(directed);
    {
        const char *names[] = {"n", "b", "i8", "i16", "i32", "i64", "f32", "f64", "s", "by", "mix"};
        gr_attr_value values[11];
        values[0] = v_null();
        values[1] = v_bool(true);
        values[2] = v_i8(-128);
        values[3] = v_i16(-32768);
        values[4] = v_i32(2147483647);
        values[5] = v_i64(INT64_MIN);
        values[6] = v_f32(0.1f);
        values[7] = v_f64(f64_bits(0x8000000000000000ull)); /* -0.0 */
        values[8] = v_strn("", 0);
        values[9] = v_bytes("", 0);
        values[10] = v_i64(1);
        add_node_with(g, IK(1), names, values, 11);
    }
    {
        const char *names[] = {"b", "s", "by", "mix", "f32", "f64"};
        gr_attr_value values[6];
        values[0] = v_bool(false);
        values[1] = v_strn(STR_WITH_NUL, sizeof STR_WITH_NUL - 1);
        values[2] = v_bytes(BYTES_WITH_NUL, sizeof BYTES_WITH_NUL - 1);
        values[3] = v_str("x");
        values[4] = v_f32(f32_bits(0x7FC12345u));              /* NaN with a payload */
        values[5] = v_f64(f64_bits(0x7FF80000DEADBEEFull)); /* NaN with a payload */
        add_node_with(g, SK("1"), names, values, 6);
    }
    {
        const char *names[] = {"mix", "f64", "f32", "i8"};
        gr_attr_value values[4];
        values[0] = v_bytes("z", 1);
        values[1] = v_f64(f64_bits(1)); /* the smallest subnormal */
        values[2] = v_f32(f32_bits(1));
        values[3] = v_i8(127);
        add_node_with(g, IK(2), names, values, 4);
    }
    {
        const char *names[] = {"doomed"};
        gr_attr_value values[1];
        values[0] = v_i64(1);
        add_node_with(g, IK(4), names, values, 1);
    }
    {
        const char *names[] = {"mix", "s"};
        gr_attr_value values[2];
        values[0] = v_null();
        values[1] = v_str("tab\there\nnewline");
        add_node_with(g, IK(3), names, values, 2);
    }
    {
        const char *names[] = {"mix", "i64", "f64"};
        gr_attr_value values[3];
        values[0] = v_f32(2.5f);
        values[1] = v_i64(INT64_MAX);
        values[2] = v_f64(f64_bits(0xFFF0000000000000ull)); /* -inf */
        add_node_with(g, SKN("", 0), names, values, 3);
    }
    {
        const char *names[] = {"mix"};
        gr_attr_value values[1];
        values[0] = v_i16(-2);
        add_node_with(g, SKN("a\0b", 3), names, values, 1);
    }
    CHECK_OK(gr_graph_add_node(g, IK(-7), NULL, NULL, 0));
    CHECK_OK(gr_graph_remove_node(g, IK(4)));

    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("1"), NULL, NULL, 0));
    set_edge(g, IK(1), SK("1"), "w", v_f64(1.5));
    set_edge(g, IK(1), SK("1"), "tag", v_str("a"));
    set_edge(g, IK(1), SK("1"), "weight", v_f64(0.25));
    CHECK_OK(gr_graph_add_edge(g, SK("1"), IK(2), NULL, NULL, 0));
    set_edge(g, SK("1"), IK(2), "w", v_null());
    CHECK_OK(gr_graph_add_edge(g, IK(2), IK(-7), NULL, NULL, 0));
    set_edge(g, IK(2), IK(-7), "tag", v_bytes("q", 1));
    set_edge(g, IK(2), IK(-7), "weight", v_f64(f64_bits(0x7FF0000000000000ull)));
    CHECK_OK(gr_graph_add_edge(g, IK(-7), IK(1), NULL, NULL, 0));
    set_edge(g, IK(-7), IK(1), "gone", v_bool(true));
    CHECK_OK(gr_graph_add_edge(g, IK(3), IK(3), NULL, NULL, 0));
    set_edge(g, IK(3), IK(3), "w", v_i16(4));
    set_edge(g, IK(3), IK(3), "tag", v_strn("", 0));
    CHECK_OK(gr_graph_add_edge(g, SKN("", 0), IK(1), NULL, NULL, 0));
    set_edge(g, SKN("", 0), IK(1), "weight", v_f64(-1e300));
    CHECK_OK(gr_graph_add_edge(g, SKN("a\0b", 3), SKN("", 0), NULL, NULL, 0));
    CHECK_OK(gr_graph_remove_edge(g, IK(-7), IK(1)));
    return g;
}

#endif /* GROGGY_TESTS_FILE_CHECKS_H */
