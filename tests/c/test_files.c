/*
 * test_files.c: the file functions of include/groggy.h (gr_graph_read_edgelist,
 * gr_graph_write_edgelist, gr_graph_save, gr_graph_load, gr_file_is_native), used the way a
 * C or C++ program would.
 *
 * Covers: edge lists with whitespace, TAB, CRLF, a byte-order mark, comment and blank lines,
 * custom and no comment prefix, header lines, one-character delimiters (comma, TAB, a
 * multi-byte character) with trimmed fields and empty weights, gzip recognised by its magic
 * bytes (tiny precomputed gzip streams embedded below: named .txt, multi-member, truncated,
 * a malformed line inside), weights, GR_EDGELIST_KEYS_AUTO / INT / STR (int64 limits, a key beyond
 * int64), malformed lines (GR_STATUS_IO naming the file and the line), an endless line
 * (/dev/zero: GR_STATUS_IO past the 16 MiB line limit), missing files and
 * folders, bad arguments (key kind, delimiter, NULL paths, NULL outputs) with
 * outputs untouched; gr_edgelist_options (every field, through gr_edgelist_options_init:
 * its defaults, NULL options reading the same graph as the init'd struct, versions 0 and
 * newer than the library's refused by the init, which then writes nothing, and by
 * gr_graph_read_edgelist, which then writes no graph); the progress callback (values, monotonic, ending at 100%, stopping the
 * load with GR_STATUS_CALLBACK) and cancellation (a token triggered before the call or from
 * the callback); gr_graph_write_edgelist text, round trips with three delimiters, keys it
 * refuses with the previous file kept, bad delimiters; gr_graph_save / gr_graph_load of every
 * attribute kind (Float32 and Float64 bit patterns with NaN payloads, Bytes with NUL, empty
 * strings and keys, Null and absent, mixed columns, int and string keys of the same text,
 * removed nodes and edges) compared with CHECK_SAME_GRAPH, column kinds that behave the same
 * after loading, byte-identical re-saves; damaged files (every truncation, every byte
 * flipped, inflated section lengths and counts with valid checksums, future and zero
 * versions, wrong magic, trailing bytes, empty, missing, a folder) all GR_STATUS_IO with a
 * message; gr_file_is_native; paths that are not UTF-8 (byte 0xff) in every function;
 * atomic saves (a missing folder, a folder as target, a FIFO refused and left a FIFO, a write
 * failing midway under RLIMIT_FSIZE leaving the previous file byte for byte, no temporary
 * files left behind, the replaced file's permissions kept).
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

/* "3 4\n" (a second member) */
static const unsigned char GZ_MORE[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00,
                                        0x02, 0x03, 0x33, 0x56, 0x30, 0xe1, 0x02, 0x00,
                                        0x5a, 0xd4, 0x68, 0xa0, 0x04, 0x00, 0x00, 0x00};

/* "1 2\r\n# c\n\n3\n" (line 4 is malformed) */
static const unsigned char GZ_BAD_LINE[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x33, 0x54, 0x30, 0xe2, 0xe5, 0x52,
    0x56, 0x48, 0xe6, 0xe2, 0x32, 0xe6, 0x02, 0x00, 0x7f, 0x58, 0xb3, 0x2f, 0x0c, 0x00, 0x00, 0x00};

/* ----- files and folders ------------------------------------------------------------------- */

static char work_dir[512];

/* `work_dir/name`, in one of eight rotating buffers (so a call may use several). */
static const char *at(const char *name)
{
    static char bufs[8][1024];
    static int next = 0;
    char *out = bufs[next];
    next = (next + 1) % 8;
    snprintf(out, sizeof bufs[0], "%s/%s", work_dir, name);
    return out;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (len > 0) {
        CHECK(fwrite(data, 1, len, f) == len);
    }
    CHECK(fclose(f) == 0);
}

static void write_text(const char *path, const char *text)
{
    write_file(path, text, strlen(text));
}

/* The whole file, malloc'ed (with a NUL after it); NULL when it cannot be read. */
static unsigned char *read_file(const char *path, size_t *len)
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

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Entries of a folder, "." and ".." aside. */
static int count_entries(const char *dir)
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
static void remove_tree(const char *dir)
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
static void fresh_dir(const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s", at(name));
    remove_tree(out);
    CHECK(mkdir(out, 0700) == 0);
}

static int same_file(const char *a, const char *b)
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

static int file_is(const char *path, const void *data, size_t len)
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
static gr_status rd_raw(const char *path, size_t path_len, bool directed, const char *comments,
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

static gr_status rd_full(const char *path, bool directed, const char *comments, int32_t delimiter,
                         int32_t keys, bool header, gr_progress_callback progress, void *user_data,
                         const gr_cancel *cancel, gr_graph **out)
{
    return rd_raw(path, strlen(path), directed, comments, comments ? strlen(comments) : 0,
                  delimiter, keys, header, progress, user_data, cancel, out);
}

/* Reads with the defaults: "#" comments, whitespace, auto keys, no header. */
static gr_status rd(const char *path, bool directed, gr_graph **out)
{
    return rd_full(path, directed, "#", -1, GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL, NO_CANCEL,
                   out);
}

static gr_graph *must_read(const char *path, bool directed)
{
    gr_graph *g = NULL;
    CHECK_OK(rd(path, directed, &g));
    CHECK(g != NULL);
    return g;
}

static gr_status save(const gr_graph *g, const char *path)
{
    return gr_graph_save(g, path, strlen(path));
}

static gr_status load(const char *path, gr_graph **out)
{
    return gr_graph_load(path, strlen(path), out);
}

static gr_status write_list(const gr_graph *g, const char *path, uint32_t delimiter)
{
    return gr_graph_write_edgelist(g, path, strlen(path), delimiter);
}

static gr_graph *new_graph(bool directed)
{
    gr_graph *g = NULL;
    CHECK_OK(gr_graph_new(directed, &g));
    return g;
}

static bool is_directed(const gr_graph *g)
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
static void weights_text(const gr_graph *g, char *out, size_t cap)
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
static void check_message_at(const char *file, int line, const char *first, ...)
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

/* ----- CRC-32 (IEEE), to build damaged files whose checksums are right ---------------------- */

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    size_t i;
    int k;
    for (i = 0; i < n; i++) {
        crc ^= p[i];
        for (k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

static void put_u32(unsigned char *p, uint32_t x)
{
    int i;
    for (i = 0; i < 4; i++) {
        p[i] = (unsigned char)(x >> (8 * i));
    }
}

static void put_u64(unsigned char *p, uint64_t x)
{
    int i;
    for (i = 0; i < 8; i++) {
        p[i] = (unsigned char)(x >> (8 * i));
    }
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t x = 0;
    int i;
    for (i = 7; i >= 0; i--) {
        x = (x << 8) | p[i];
    }
    return x;
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Offsets of the four section headers of a native file (header: 20 bytes; section header:
 * tag, u64 length, u32 CRC). */
static void section_offsets(const unsigned char *data, size_t len, size_t offsets[4])
{
    size_t pos = 20;
    int i;
    for (i = 0; i < 4; i++) {
        CHECK(pos + 16 <= len);
        offsets[i] = pos;
        pos += 16 + (size_t)get_u64(data + pos + 4);
    }
    CHECK_EQ(pos, len);
}

/* Recomputes the CRC of the section whose header is at `off`. */
static void fix_section_crc(unsigned char *data, size_t off)
{
    size_t len = (size_t)get_u64(data + off + 4);
    put_u32(data + off + 12, crc32_of(data + off + 16, len));
}

/* ----- building graphs ----------------------------------------------------------------------- */

static void add_node_with(gr_graph *g, int64_t k, const char *ks, size_t kl, const char *const *names,
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

static void set_edge(gr_graph *g, int64_t u, const char *us, size_t ul, int64_t v, const char *vs,
                     size_t vl, const char *name, gr_attr_value value)
{
    CHECK_OK(gr_graph_set_edge_attr(g, u, us, ul, v, vs, vl, name, strlen(name), &value));
}

static float f32_bits(uint32_t bits)
{
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static double f64_bits(uint64_t bits)
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
static gr_graph *rich_graph(bool directed)
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

/* The kind of a node (or edge) column as an array, or -1 when no node (edge) has it. */
static int column_kind(const gr_graph *g, bool edges, const char *name)
{
    gr_array *a = NULL;
    size_t len = 0;
    gr_attr_tag kind = -1;
    const void *data = NULL;
    gr_status s = edges ? gr_graph_edge_array(g, name, strlen(name), &a)
                        : gr_graph_node_array(g, name, strlen(name), &a);
    if (s == GR_STATUS_ATTRIBUTE_NOT_FOUND) {
        return -1;
    }
    CHECK_OK(s);
    CHECK_OK(gr_array_info(a, &len, &kind, &data));
    gr_array_free(a);
    return (int)kind;
}

static const char *const NODE_COLUMNS[] = {"n",  "b",  "i8", "i16", "i32",   "i64",
                                           "f32", "f64", "s",  "by",  "mix", "doomed"};
static const char *const EDGE_COLUMNS[] = {"w", "tag", "weight", "gone"};

/* Same graph, and every column of the same kind. */
static void check_same_graph_and_kinds(const gr_graph *actual, const gr_graph *expected)
{
    size_t i;
    CHECK_SAME_GRAPH(actual, expected);
    CHECK_EQ(is_directed(actual), is_directed(expected));
    for (i = 0; i < sizeof NODE_COLUMNS / sizeof NODE_COLUMNS[0]; i++) {
        CHECK_EQ(column_kind(actual, false, NODE_COLUMNS[i]),
                 column_kind(expected, false, NODE_COLUMNS[i]));
    }
    for (i = 0; i < sizeof EDGE_COLUMNS / sizeof EDGE_COLUMNS[0]; i++) {
        CHECK_EQ(column_kind(actual, true, EDGE_COLUMNS[i]),
                 column_kind(expected, true, EDGE_COLUMNS[i]));
    }
}

/* The node attribute `name` of a key is exactly `expected` (bit for bit). */
static void check_node_value(const gr_graph *g, int64_t k, const char *ks, size_t kl,
                             const char *name, gr_attr_value expected)
{
    gr_attr_value got = v_null();
    bool found = false;
    CHECK_OK(gr_graph_get_node_attr(g, k, ks, kl, name, strlen(name), &got, &found));
    CHECK(found);
    CHECK_VALUE(&got, &expected);
    gr_attr_value_release(&got);
}

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

/* ===== edge lists: writing ======================================================================= */

static void test_write_edgelist(void)
{
    static const char expected[] =
        "1 2 0.1\n2 3\n3 3 1e300\n-5 2 NaN\n4 5 -inf\n6 7 -0.0\n8 9 7\n";
    /* Read back, every weight is a float64. */
    static const char expected_back[] =
        "1 2 0.1\n2 3\n3 3 1e300\n-5 2 NaN\n4 5 -inf\n6 7 -0.0\n8 9 7.0\n";
    const char *path = at("out.txt");
    gr_graph *g = new_graph(false);
    gr_graph *back;
    gr_graph *again;
    char *csv;
    size_t i;

    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0));
    set_edge(g, IK(1), IK(2), "weight", v_f64(0.1));
    CHECK_OK(gr_graph_add_edge(g, IK(2), IK(3), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(3), IK(3), NULL, NULL, 0));
    set_edge(g, IK(3), IK(3), "weight", v_f64(1e300));
    CHECK_OK(gr_graph_add_edge(g, IK(-5), IK(2), NULL, NULL, 0));
    set_edge(g, IK(-5), IK(2), "weight", v_f64(f64_bits(0x7FF8000000000000ull)));
    CHECK_OK(gr_graph_add_edge(g, IK(4), IK(5), NULL, NULL, 0));
    set_edge(g, IK(4), IK(5), "weight", v_f64(f64_bits(0xFFF0000000000000ull)));
    CHECK_OK(gr_graph_add_edge(g, IK(6), IK(7), NULL, NULL, 0));
    set_edge(g, IK(6), IK(7), "weight", v_f64(f64_bits(0x8000000000000000ull)));
    CHECK_OK(gr_graph_add_edge(g, IK(8), IK(9), NULL, NULL, 0));
    set_edge(g, IK(8), IK(9), "weight", v_i64(7));
    set_edge(g, IK(8), IK(9), "color", v_str("red")); /* not written */

    CHECK_OK(write_list(g, path, ' '));
    CHECK(file_is(path, expected, strlen(expected)));
    back = must_read(path, false);
    CHECK_NODES(back, "1,2,3,-5,4,5,6,7,8,9");
    CHECK_EDGES(back, "1,2,3,-5,4,6,8", "2,3,3,2,5,7,9");
    CHECK_WEIGHTS(back, "0.10000000000000001,null,1.0000000000000001e+300,nan,-inf,-0,7");
    CHECK_EDGE_NAMES(back, "weight");

    /* Writing what was read gives the same file, and reading it the same graph. */
    CHECK_OK(write_list(back, at("again.txt"), ' '));
    CHECK(file_is(at("again.txt"), expected_back, strlen(expected_back)));
    again = must_read(at("again.txt"), false);
    CHECK_SAME_GRAPH(again, back);
    CHECK_OK(write_list(again, at("again2.txt"), ' '));
    CHECK(same_file(at("again.txt"), at("again2.txt")));
    gr_graph_free(again);

    /* Other delimiters. */
    CHECK_OK(write_list(back, at("out.csv"), ','));
    csv = (char *)malloc(sizeof expected_back);
    CHECK(csv != NULL);
    memcpy(csv, expected_back, sizeof expected_back);
    for (i = 0; csv[i] != '\0'; i++) {
        if (csv[i] == ' ') {
            csv[i] = ',';
        }
    }
    CHECK(file_is(at("out.csv"), csv, strlen(csv)));
    free(csv);
    again = NULL;
    CHECK_OK(rd_full(at("out.csv"), false, "#", ',', GR_EDGELIST_KEYS_AUTO, false, NO_PROGRESS, NULL,
                     NO_CANCEL, &again));
    CHECK_SAME_GRAPH(again, back);
    gr_graph_free(again);
    CHECK_OK(write_list(back, at("out.tsv"), '\t'));
    again = must_read(at("out.tsv"), false);
    CHECK_SAME_GRAPH(again, back);
    gr_graph_free(again);
    gr_graph_free(back);

    /* A node without edges (or out of the edges' order) is kept on a line of its own. */
    CHECK_OK(gr_graph_add_node(g, IK(100), NULL, NULL, 0));
    CHECK_OK(write_list(g, at("nodes.txt"), ' '));
    back = must_read(at("nodes.txt"), false);
    CHECK_NODES(back, "1,2,3,-5,4,5,6,7,8,9,100");
    CHECK_EDGES(back, "1,2,3,-5,4,6,8", "2,3,3,2,5,7,9");
    gr_graph_free(back);
    {
        /* The node lines come first, in node order. */
        static const char first[] = "# groggy: node 1\n# groggy: node 2\n";
        char head[sizeof first];
        FILE *f = fopen(at("nodes.txt"), "rb");
        CHECK(f != NULL);
        if (f != NULL) {
            CHECK(fread(head, 1, sizeof first - 1, f) == sizeof first - 1);
            CHECK(memcmp(head, first, sizeof first - 1) == 0);
            fclose(f);
        }
    }
    gr_graph_free(g);

    /* String keys, directed. */
    g = new_graph(true);
    CHECK_OK(gr_graph_add_edge(g, SK("a"), SK("b"), NULL, NULL, 0));
    set_edge(g, SK("a"), SK("b"), "weight", v_f32(0.5f));
    CHECK_OK(gr_graph_add_edge(g, SK("b"), SK("a"), NULL, NULL, 0));
    set_edge(g, SK("b"), SK("a"), "weight", v_i8(3));
    CHECK_OK(gr_graph_add_edge(g, SK(NIHON), SK("x"), NULL, NULL, 0));
    set_edge(g, SK(NIHON), SK("x"), "weight", v_null());
    CHECK_OK(write_list(g, path, ' '));
    CHECK(file_is(path, "a b 0.5\nb a 3\n" NIHON " x\n", strlen("a b 0.5\nb a 3\n" NIHON " x\n")));
    back = must_read(path, true);
    CHECK_NODES(back, "'a','b','" NIHON "','x'");
    CHECK_EDGES(back, "'a','b','" NIHON "'", "'b','a','x'");
    CHECK_WEIGHTS(back, "0.5,3,null");
    gr_graph_free(back);
    gr_graph_free(g);

    /* The empty graph: an empty file. */
    g = new_graph(false);
    CHECK_OK(write_list(g, path, ' '));
    CHECK(file_is(path, "", 0));
    gr_graph_free(g);
}

static void test_write_edgelist_refusals(void)
{
    static const char *const bad_keys[] = {"a b", "", "#x", "\xef\xbb\xbfx", "a,b", "a\nb", "a\tb"};
    static const uint32_t bad_delimiters[] = {'-', '+', '.', 'a', '1', '#', '\n', '\r'};
    char dir[1024];
    char keep[1100];
    char fresh[1100];
    gr_graph *g;
    size_t i;
    fresh_dir("refusals", dir, sizeof dir);
    snprintf(keep, sizeof keep, "%s/keep.txt", dir);
    snprintf(fresh, sizeof fresh, "%s/fresh.txt", dir);
    write_text(keep, "previous content\n");

    for (i = 0; i < sizeof bad_keys / sizeof bad_keys[0]; i++) {
        g = new_graph(false);
        CHECK_OK(gr_graph_add_edge(g, SK("ok"), SK("fine"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, SK(bad_keys[i]), SK("ok"), NULL, NULL, 0));
        CHECK_ERR(write_list(g, keep, ','), GR_STATUS_INVALID_ARGUMENT, "cannot write node key");
        CHECK(file_is(keep, "previous content\n", 17));
        CHECK_ERR(write_list(g, fresh, ','), GR_STATUS_INVALID_ARGUMENT, "faithfully");
        CHECK(!exists(fresh));
        CHECK_EQ(count_entries(dir), 1);
        gr_graph_free(g);
    }
    /* A key with the delimiter is fine with another delimiter. */
    g = new_graph(false);
    CHECK_OK(gr_graph_add_edge(g, SK("a,b"), SK("c"), NULL, NULL, 0));
    CHECK_OK(write_list(g, fresh, ' '));
    CHECK(file_is(fresh, "a,b c\n", 6));
    gr_graph_free(g);
    CHECK_EQ(unlink(fresh), 0);

    /* Int and string keys mixed. */
    g = new_graph(false);
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("1"), NULL, NULL, 0));
    CHECK_ERR(write_list(g, keep, ' '), GR_STATUS_INVALID_ARGUMENT, "mix ints and strings");
    CHECK(file_is(keep, "previous content\n", 17));
    /* A weight that is not a number. */
    {
        gr_graph *heavy = new_graph(false);
        CHECK_OK(gr_graph_add_edge(heavy, SK("a"), SK("b"), NULL, NULL, 0));
        set_edge(heavy, SK("a"), SK("b"), "weight", v_str("heavy"));
        CHECK_ERR(write_list(heavy, keep, ' '), GR_STATUS_INVALID_ARGUMENT,
                  "edge ('a', 'b') has a str weight");
        CHECK(file_is(keep, "previous content\n", 17));
        gr_graph_free(heavy);
    }

    /* Bad delimiters. */
    for (i = 0; i < sizeof bad_delimiters / sizeof bad_delimiters[0]; i++) {
        CHECK_ERR(write_list(g, fresh, bad_delimiters[i]), GR_STATUS_INVALID_ARGUMENT,
                  "delimiter");
    }
    CHECK_ERR(write_list(g, fresh, 0xD800), GR_STATUS_INVALID_ARGUMENT, "delimiter");
    CHECK_ERR(write_list(g, fresh, 0x110000), GR_STATUS_INVALID_ARGUMENT, "delimiter");
    CHECK(!exists(fresh));
    gr_graph_free(g);

    /* NULL graph, bad paths, a missing folder. */
    CHECK_ERR(write_list(NULL, fresh, ' '), GR_STATUS_INVALID_ARGUMENT, "graph");
    g = new_graph(false);
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0));
    CHECK_ERR(gr_graph_write_edgelist(g, NULL, 3, ' '), GR_STATUS_INVALID_ARGUMENT, "path");
    CHECK_ERR(write_list(g, at("refusals/missing/e.txt"), ' '), GR_STATUS_IO, "missing");
    CHECK(!exists(at("refusals/missing")));
    CHECK_EQ(count_entries(dir), 1);
    /* Replacing a file. */
    CHECK_OK(write_list(g, keep, ' '));
    CHECK(file_is(keep, "1 2\n", 4));
    CHECK_EQ(count_entries(dir), 1);
    gr_graph_free(g);
}

/* ===== native format ============================================================================ */

static void test_save_load_round_trip(void)
{
    const char *path = at("rich.groggy");
    int directed;
    for (directed = 0; directed < 2; directed++) {
        gr_graph *g = rich_graph(directed != 0);
        gr_graph *h = SENTINEL_GRAPH;
        bool found = true;
        gr_attr_value got = v_null();
        CHECK_OK(save(g, path));
        CHECK_OK(load(path, &h));
        CHECK(h != SENTINEL_GRAPH && h != NULL);
        check_same_graph_and_kinds(h, g);
        CHECK_EQ(node_count(h), 7);
        CHECK_EQ(edge_count(h), 6);
        CHECK_NODES(h, "1,'1',2,3,'','a\\0b',-7");
        /* Bit patterns the snapshot's text cannot show. */
        check_node_value(h, SK("1"), "f32", v_f32(f32_bits(0x7FC12345u)));
        check_node_value(h, SK("1"), "f64", v_f64(f64_bits(0x7FF80000DEADBEEFull)));
        check_node_value(h, IK(1), "f64", v_f64(f64_bits(0x8000000000000000ull)));
        check_node_value(h, IK(2), "f32", v_f32(f32_bits(1)));
        check_node_value(h, IK(2), "f64", v_f64(f64_bits(1)));
        check_node_value(h, IK(1), "f32", v_f32(0.1f));
        check_node_value(h, SK("1"), "by", v_bytes(BYTES_WITH_NUL, sizeof BYTES_WITH_NUL - 1));
        check_node_value(h, SK("1"), "s", v_strn(STR_WITH_NUL, sizeof STR_WITH_NUL - 1));
        check_node_value(h, IK(1), "s", v_strn("", 0));
        check_node_value(h, IK(1), "by", v_bytes("", 0));
        check_node_value(h, IK(1), "n", v_null());
        check_node_value(h, IK(3), "mix", v_null());
        check_node_value(h, SKN("", 0), "mix", v_f32(2.5f));
        check_node_value(h, SKN("a\0b", 3), "mix", v_i16(-2));
        check_node_value(h, IK(1), "i64", v_i64(INT64_MIN));
        /* Absent stays absent. */
        CHECK_OK(gr_graph_get_node_attr(h, IK(2), "s", 1, &got, &found));
        CHECK(!found);
        CHECK_EQ(column_kind(h, false, "mix"), GR_ATTR_MIXED);
        CHECK_EQ(column_kind(h, false, "n"), GR_ATTR_NULL);
        CHECK_EQ(column_kind(h, false, "f32"), GR_ATTR_FLOAT32);
        CHECK_EQ(column_kind(h, false, "i8"), GR_ATTR_INT8);
        CHECK_EQ(column_kind(h, true, "w"), GR_ATTR_MIXED);
        {
            bool has = true;
            CHECK_OK(gr_graph_has_node(h, IK(4), &has));
            CHECK(!has);
            CHECK_OK(gr_graph_has_edge(h, IK(-7), IK(1), &has));
            CHECK(!has);
        }
        /* Saved again: the same bytes. */
        CHECK_OK(save(h, at("rich-again.groggy")));
        CHECK(same_file(path, at("rich-again.groggy")));

        /* The same later writes do the same thing to both. */
        {
            gr_graph *both[2];
            int i;
            both[0] = g;
            both[1] = h;
            for (i = 0; i < 2; i++) {
                const char *names[] = {"i8", "f32", "mix", "s", "n", "doomed"};
                gr_attr_value values[6];
                values[0] = v_i8(5);
                values[1] = v_f32(1.25f);
                values[2] = v_bool(true);
                values[3] = v_str("new");
                values[4] = v_null();
                values[5] = v_str("back");
                add_node_with(both[i], IK(100), names, values, 6);
                values[0] = v_i64(300);
                values[1] = v_i32(1);
                values[2] = v_null();
                add_node_with(both[i], IK(101), names, values, 3);
                CHECK_OK(gr_graph_add_edge(both[i], IK(100), IK(101), NULL, NULL, 0));
                set_edge(both[i], IK(100), IK(101), "w", v_f64(2.5));
                set_edge(both[i], IK(100), IK(101), "gone", v_i8(1));
                CHECK_OK(gr_graph_remove_node(both[i], IK(3)));
            }
            check_same_graph_and_kinds(h, g);
        }
        gr_graph_free(h);
        gr_graph_free(g);
    }
}

static void test_save_load_small_graphs(void)
{
    const char *path = at("small.groggy");
    int directed;
    for (directed = 0; directed < 2; directed++) {
        gr_graph *g = new_graph(directed != 0);
        gr_graph *h = NULL;
        int64_t i;
        CHECK_OK(save(g, path));
        CHECK_OK(load(path, &h));
        CHECK_EQ(node_count(h), 0);
        CHECK_EQ(is_directed(h), directed != 0);
        gr_graph_free(h);
        h = NULL;
        /* Nodes only, in a shuffled order; then a chain with removals. */
        CHECK_OK(gr_graph_add_node(g, SK("b"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, IK(2), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, SK("a"), NULL, NULL, 0));
        CHECK_OK(save(g, path));
        CHECK_OK(load(path, &h));
        CHECK_SAME_GRAPH(h, g);
        gr_graph_free(h);
        h = NULL;
        for (i = 0; i < 60; i++) {
            CHECK_OK(gr_graph_add_edge(g, IK(i), IK(i + 1), NULL, NULL, 0));
        }
        for (i = 0; i < 60; i += 3) {
            CHECK_OK(gr_graph_remove_node(g, IK(i)));
        }
        CHECK_OK(gr_graph_remove_edge(g, IK(4), IK(5)));
        CHECK_OK(gr_graph_add_edge(g, IK(0), IK(59), NULL, NULL, 0));
        CHECK_OK(save(g, path));
        CHECK_OK(load(path, &h));
        CHECK_SAME_GRAPH(h, g);
        /* The loaded graph works like any other. */
        {
            gr_keys *order = NULL;
            CHECK_OK(gr_graph_bfs(h, IK(0), -1, NO_CANCEL, &order));
            gr_keys_free(order);
            CHECK_OK(gr_graph_add_edge(h, IK(0), SK("b"), NULL, NULL, 0));
        }
        gr_graph_free(h);
        gr_graph_free(g);
    }
}

static void test_edge_list_to_native_and_back(void)
{
    gr_graph *g;
    gr_graph *h = NULL;
    gr_graph *back;
    write_text(at("w.txt"), "a b 1.5\nb c\nc a 2\n");
    g = must_read(at("w.txt"), false);
    CHECK_OK(save(g, at("w.groggy")));
    CHECK_OK(load(at("w.groggy"), &h));
    CHECK_SAME_GRAPH(h, g);
    CHECK_OK(write_list(h, at("w-back.txt"), ' '));
    CHECK(file_is(at("w-back.txt"), "a b 1.5\nb c\nc a 2.0\n", 20));
    back = must_read(at("w-back.txt"), false);
    CHECK_SAME_GRAPH(back, g);
    gr_graph_free(back);
    gr_graph_free(h);
    gr_graph_free(g);
}

static void test_is_native(void)
{
    bool native = false;
    gr_graph *g = new_graph(true);
    CHECK_OK(save(g, at("n.groggy")));
    gr_graph_free(g);
    CHECK_OK(gr_file_is_native(at("n.groggy"), strlen(at("n.groggy")), &native));
    CHECK(native);
    write_file(at("magic-only"), "\x89GROGGY\n", 8);
    CHECK_OK(gr_file_is_native(at("magic-only"), strlen(at("magic-only")), &native));
    CHECK(native);
    write_file(at("short"), "\x89GROGGY", 7);
    CHECK_OK(gr_file_is_native(at("short"), strlen(at("short")), &native));
    CHECK(!native);
    native = true;
    write_file(at("empty"), "", 0);
    CHECK_OK(gr_file_is_native(at("empty"), strlen(at("empty")), &native));
    CHECK(!native);
    native = true;
    write_file(at("gz"), GZ_EDGES, sizeof GZ_EDGES);
    CHECK_OK(gr_file_is_native(at("gz"), strlen(at("gz")), &native));
    CHECK(!native);
    native = true;
    write_text(at("list.groggy"), "1 2\n");
    CHECK_OK(gr_file_is_native(at("list.groggy"), strlen(at("list.groggy")), &native));
    CHECK(!native);
    native = true;
    CHECK_ERR(gr_file_is_native(at("missing"), strlen(at("missing")), &native), GR_STATUS_IO,
              "missing");
    CHECK(native);
    CHECK_ERR(gr_file_is_native(at("n.groggy"), strlen(at("n.groggy")), NULL),
              GR_STATUS_INVALID_ARGUMENT, "NULL");
    CHECK_ERR(gr_file_is_native(NULL, 2, &native), GR_STATUS_INVALID_ARGUMENT, "path");
    /* A native file named like text loads; a text file named like a native one does not. */
    g = rich_graph(false);
    CHECK_OK(save(g, at("graph.txt")));
    {
        gr_graph *h = NULL;
        CHECK_OK(load(at("graph.txt"), &h));
        CHECK_SAME_GRAPH(h, g);
        gr_graph_free(h);
        h = SENTINEL_GRAPH;
        CHECK_ERR(load(at("list.groggy"), &h), GR_STATUS_IO, "not a groggy file");
        CHECK(h == SENTINEL_GRAPH);
        /* ... and the edge-list reader refuses a native file cleanly. */
        CHECK_ERR(rd(at("graph.txt"), false, &h), GR_STATUS_IO, "graph.txt:1:");
        CHECK(h == SENTINEL_GRAPH);
    }
    gr_graph_free(g);
}

/* Loading `data[0..len)` (written to a file) fails with GR_STATUS_IO, a message naming the
 * file, and the output untouched. Returns whether the message contains `fragment`. */
static int load_fails(const char *path, const unsigned char *data, size_t len,
                      const char *fragment)
{
    gr_graph *h = SENTINEL_GRAPH;
    gr_status s;
    const char *message;
    write_file(path, data, len);
    s = load(path, &h);
    if (s != GR_STATUS_IO) {
        check_fail(__FILE__, __LINE__, "load of %zu damaged bytes: status %d (%s)", len, (int)s,
                   gr_status_str(s));
    }
    if (h != SENTINEL_GRAPH) {
        check_fail(__FILE__, __LINE__, "load of %zu damaged bytes wrote its output", len);
    }
    message = gr_last_error_message();
    if (message == NULL || strstr(message, "load: cannot load '") == NULL ||
        strstr(message, path) == NULL) {
        check_fail(__FILE__, __LINE__, "load error message \"%s\"", message ? message : "(NULL)");
    }
    check_pass();
    return fragment == NULL || strstr(message, fragment) != NULL;
}

static void test_load_damaged_files(void)
{
    const char *good = at("good.groggy");
    const char *bad = at("bad.groggy");
    gr_graph *g = rich_graph(true);
    unsigned char *data;
    unsigned char *copy;
    size_t len = 0;
    size_t i;
    size_t off[4];
    int s;
    gr_graph *h = SENTINEL_GRAPH;

    CHECK_OK(save(g, good));
    data = read_file(good, &len);
    CHECK(data != NULL && len > 100);
    copy = (unsigned char *)malloc(len + 64);
    CHECK(copy != NULL);
    CHECK(memcmp(data, "\x89GROGGY\n", 8) == 0);
    CHECK_EQ(get_u32(data + 8), 1);  /* version */
    CHECK_EQ(get_u32(data + 12), 1); /* directed */
    CHECK_EQ(get_u32(data + 16), crc32_of(data, 16));
    section_offsets(data, len, off);
    CHECK(memcmp(data + off[0], "NODE", 4) == 0);
    CHECK(memcmp(data + off[1], "EDGE", 4) == 0);
    CHECK(memcmp(data + off[2], "NATR", 4) == 0);
    CHECK(memcmp(data + off[3], "EATR", 4) == 0);
    CHECK_EQ(get_u64(data + off[0] + 16), 7); /* node count */
    CHECK_EQ(get_u64(data + off[1] + 16), 6); /* edge count */

    /* Missing, a folder, empty, not ours. */
    CHECK_ERR(load(at("missing.groggy"), &h), GR_STATUS_IO, "missing.groggy");
    CHECK_ERR(load(work_dir, &h), GR_STATUS_IO, "directory");
    CHECK(load_fails(bad, data, 0, "empty"));
    CHECK(load_fails(bad, (const unsigned char *)"1 2\n", 4, "not a groggy file"));
    CHECK(load_fails(bad, GZ_EDGES, sizeof GZ_EDGES, "not a groggy file"));
    CHECK(h == SENTINEL_GRAPH);

    /* Every truncation. */
    for (i = 0; i < len; i++) {
        CHECK(load_fails(bad, data, i, NULL));
    }
    CHECK(load_fails(bad, data, 10, "truncated"));
    CHECK(load_fails(bad, data, 20, "truncated"));
    CHECK(load_fails(bad, data, len - 1, "truncated"));
    /* Trailing bytes. */
    memcpy(copy, data, len);
    copy[len] = 0;
    CHECK(load_fails(bad, copy, len + 1, "unexpected bytes"));

    /* Every byte flipped. */
    for (i = 0; i < len; i++) {
        memcpy(copy, data, len);
        copy[i] ^= 0xFF;
        CHECK(load_fails(bad, copy, len, NULL));
    }
    /* Single bits in the payloads: the checksums see them. */
    for (i = off[0] + 16; i < len; i += 7) {
        memcpy(copy, data, len);
        copy[i] ^= (unsigned char)(1u << (i % 8));
        CHECK(load_fails(bad, copy, len, NULL));
    }

    /* Versions. */
    memcpy(copy, data, len);
    put_u32(copy + 8, 2);
    CHECK(load_fails(bad, copy, len, "format version 2 is newer"));
    put_u32(copy + 8, 0xFFFFFFFFu);
    put_u32(copy + 16, crc32_of(copy, 16));
    CHECK(load_fails(bad, copy, len, "newer"));
    put_u32(copy + 8, 0);
    put_u32(copy + 16, crc32_of(copy, 16));
    CHECK(load_fails(bad, copy, len, "version 0"));
    /* Header checksum and unknown flags. */
    memcpy(copy, data, len);
    copy[12] ^= 1;
    CHECK(load_fails(bad, copy, len, "checksum"));
    put_u32(copy + 12, 0x80000001u);
    put_u32(copy + 16, crc32_of(copy, 16));
    CHECK(load_fails(bad, copy, len, "unknown flags"));
    /* Wrong magic. */
    memcpy(copy, data, len);
    copy[1] = 'g';
    CHECK(load_fails(bad, copy, len, "wrong magic"));

    /* Inflated section lengths. */
    for (s = 0; s < 4; s++) {
        static const uint64_t lengths[] = {0xFFFFFFFFFFFFFFFFull, 0x8000000000000000ull,
                                           0x100000000ull, 1000000};
        size_t k;
        for (k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
            memcpy(copy, data, len);
            put_u64(copy + off[s] + 4, lengths[k]);
            CHECK(load_fails(bad, copy, len, "claims"));
        }
        memcpy(copy, data, len);
        put_u64(copy + off[s] + 4, get_u64(data + off[s] + 4) + 1);
        CHECK(load_fails(bad, copy, len, NULL));
        /* A wrong tag. */
        memcpy(copy, data, len);
        copy[off[s]] = 'X';
        CHECK(load_fails(bad, copy, len, "expected section"));
    }

    /* Inflated counts (nodes, edges, columns) with the checksum made right: refused before
     * anything is allocated for them. */
    for (s = 0; s < 4; s++) {
        static const uint64_t counts[] = {0xFFFFFFFFFFFFFFFFull, 0x8000000000000000ull,
                                          0x100000001ull, 1000000};
        size_t k;
        for (k = 0; k < sizeof counts / sizeof counts[0]; k++) {
            memcpy(copy, data, len);
            put_u64(copy + off[s] + 16, counts[k]);
            fix_section_crc(copy, off[s]);
            CHECK(load_fails(bad, copy, len, "cannot fit"));
        }
    }
    /* Every 8-byte window of every payload replaced by a huge length, checksums right: it
     * may load (a value changed) or not, but never crashes. */
    {
        size_t loaded = 0;
        size_t refused = 0;
        for (s = 0; s < 4; s++) {
            size_t plen = (size_t)get_u64(data + off[s] + 4);
            size_t p;
            for (p = 0; p + 8 <= plen; p++) {
                gr_graph *out = NULL;
                gr_status st;
                memcpy(copy, data, len);
                put_u64(copy + off[s] + 16 + p, 0xFFFFFFFFFFFFFFF0ull);
                fix_section_crc(copy, off[s]);
                write_file(bad, copy, len);
                st = load(bad, &out);
                if (st == GR_STATUS_OK) {
                    size_t n = node_count(out);
                    CHECK(n <= 7);
                    gr_graph_free(out);
                    loaded++;
                } else {
                    CHECK_EQ(st, GR_STATUS_IO);
                    refused++;
                }
            }
        }
        CHECK(refused > 0);
        printf("8-byte windows: %zu refused, %zu loaded a changed value\n", refused, loaded);
    }

    /* The good file still loads, of course. */
    h = NULL;
    CHECK_OK(load(good, &h));
    CHECK_SAME_GRAPH(h, g);
    gr_graph_free(h);
    CHECK_ERR(load(good, NULL), GR_STATUS_INVALID_ARGUMENT, "NULL");
    CHECK_ERR(gr_graph_load(NULL, 3, &h), GR_STATUS_INVALID_ARGUMENT, "path");
    CHECK_ERR(gr_graph_load("\xff", 1, &h), GR_STATUS_IO, "\xef\xbf\xbd");
    free(copy);
    free(data);
    gr_graph_free(g);
}

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

/* ===== known bugs =============================================================================== */

/* A failed write_edgelist names the file the caller asked for, not the hidden temporary file
 * the writer creates next to it. */
static void bug_write_edgelist_error_names_a_temporary_file(void)
{
    gr_graph *g = new_graph(false);
    const char *target = at("no-such-folder/e.txt");
    const char *message;
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0));
    CHECK_EQ(write_list(g, target, ' '), GR_STATUS_IO);
    message = gr_last_error_message();
    EXPECT(strstr(message, target) != NULL && strstr(message, ".tmp") == NULL,
           "write_edgelist into a missing folder: the message \"%s\" does not name \"%s\"",
           message, target);
    gr_graph_free(g);
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
    const char *tmp = getenv("TMPDIR");
    snprintf(work_dir, sizeof work_dir, "%s/groggy-files-XXXXXX",
             tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
    CHECK(mkdtemp(work_dir) != NULL);

    test_read_basic();
    test_read_comments_header_delimiters();
    test_read_keys();
    test_read_gzip();
    test_read_malformed_lines();
    test_read_bad_paths_and_arguments();
    test_read_endless_line();
    test_edgelist_options();
    test_read_progress_and_cancel();
    test_write_edgelist();
    test_write_edgelist_refusals();
    test_save_load_round_trip();
    test_save_load_small_graphs();
    test_edge_list_to_native_and_back();
    test_is_native();
    test_load_damaged_files();
    test_paths_that_are_not_utf8();
    test_atomic_saves();

    bug_write_edgelist_error_names_a_temporary_file();
    bug_progress_called_after_it_asked_to_stop();

    remove_tree(work_dir);
    return CHECK_SUMMARY();
}
