/*
 * check.h: the tiny test harness shared by the C tests in tests/c/.
 *
 * Every CHECK_* macro counts one check. A failing check prints file:line, what failed,
 * the status (for status checks) and gr_last_error_message(), then exits with status 1.
 * A test program ends with `return CHECK_SUMMARY();`, which prints the closing line
 * "N passed, 0 failed".
 *
 * The counter is a plain int: call the CHECK_* macros from the main thread only. Worker
 * threads record what they saw and the main thread checks it after joining them.
 *
 * Valid C99 and C++17 (the same file is compiled both ways with -Wall -Wextra -Werror
 * -pedantic).
 */

#ifndef GROGGY_TESTS_CHECK_H
#define GROGGY_TESTS_CHECK_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "groggy.h"

static int check_passed_count = 0;

static inline void check_fail(const char *file, int line, const char *fmt, ...)
{
    va_list args;
    const char *last = gr_last_error_message();
    fprintf(stderr, "%s:%d: CHECK FAILED: ", file, line);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fprintf(stderr, "\n    last error message: \"%s\"\n", last != NULL ? last : "(NULL)");
    fprintf(stderr, "%d passed, 1 failed\n", check_passed_count);
    fflush(stderr);
    exit(1);
}

static inline void check_pass(void)
{
    check_passed_count++;
}

/* Non-fatal checks (EXPECT) that failed: reported at the end, and the program fails. */
static int check_soft_failures = 0;

static inline void check_soft_fail_at(const char *file, int line, const char *fmt, ...)
{
    va_list args;
    fprintf(stderr, "%s:%d: CHECK FAILED (went on): ", file, line);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fprintf(stderr, "\n");
    fflush(stderr);
    check_soft_failures++;
}

/* Like CHECK, but a failure is recorded and the program goes on, so one run reports
 * every such failure (used for checks that once caught library bugs). */
#define EXPECT(cond, ...)                                          \
    do {                                                           \
        if (cond) {                                                \
            check_pass();                                          \
        } else {                                                   \
            check_soft_fail_at(__FILE__, __LINE__, __VA_ARGS__);   \
        }                                                          \
    } while (0)

static inline int check_summary(void)
{
    if (check_soft_failures > 0) {
        fprintf(stderr, "%d passed, %d failed\n", check_passed_count, check_soft_failures);
        return 1;
    }
    printf("%d passed, 0 failed\n", check_passed_count);
    fflush(stdout);
    return 0;
}

#define CHECK_SUMMARY() check_summary()

/* A condition. */
#define CHECK(cond)                                                      \
    do {                                                                 \
        if (!(cond)) {                                                   \
            check_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);          \
        }                                                                \
        check_pass();                                                    \
    } while (0)

/* Two integers (any integer type, compared as long long). */
#define CHECK_EQ(actual, expected)                                                   \
    do {                                                                             \
        long long check_a_ = (long long)(actual);                                    \
        long long check_e_ = (long long)(expected);                                  \
        if (check_a_ != check_e_) {                                                  \
            check_fail(__FILE__, __LINE__, "CHECK_EQ(%s, %s): %lld != %lld", #actual, \
                       #expected, check_a_, check_e_);                               \
        }                                                                            \
        check_pass();                                                                \
    } while (0)

/* Two NUL-terminated strings (neither may be NULL). */
#define CHECK_STREQ(actual, expected)                                                   \
    do {                                                                                \
        const char *check_a_ = (actual);                                                \
        const char *check_e_ = (expected);                                              \
        if (check_a_ == NULL || check_e_ == NULL || strcmp(check_a_, check_e_) != 0) {  \
            check_fail(__FILE__, __LINE__, "CHECK_STREQ(%s, %s): \"%s\" != \"%s\"",     \
                       #actual, #expected, check_a_ ? check_a_ : "(NULL)",             \
                       check_e_ ? check_e_ : "(NULL)");                                 \
        }                                                                               \
        check_pass();                                                                   \
    } while (0)

/* A (ptr, len) byte buffer equals `len_e` bytes at `expected`. */
#define CHECK_BYTES(ptr, len, expected, len_e)                                          \
    do {                                                                                \
        const void *check_p_ = (const void *)(ptr);                                     \
        size_t check_l_ = (size_t)(len);                                                \
        size_t check_le_ = (size_t)(len_e);                                             \
        if (check_l_ != check_le_ ||                                                    \
            (check_l_ > 0 && (check_p_ == NULL ||                                       \
                              memcmp(check_p_, (expected), check_l_) != 0))) {          \
            check_fail(__FILE__, __LINE__, "CHECK_BYTES(%s, %s): %zu bytes != %zu bytes", \
                       #ptr, #expected, check_l_, check_le_);                           \
        }                                                                               \
        check_pass();                                                                   \
    } while (0)

/* A call returns GR_STATUS_OK. */
#define CHECK_OK(call)                                                                \
    do {                                                                              \
        gr_status check_s_ = (call);                                                  \
        if (check_s_ != GR_STATUS_OK) {                                               \
            check_fail(__FILE__, __LINE__, "CHECK_OK(%s): status %d (%s)", #call,      \
                       (int)check_s_, gr_status_str(check_s_));                       \
        }                                                                             \
        check_pass();                                                                 \
    } while (0)

/* A call returns `code` and the last error message contains `fragment`. */
#define CHECK_ERR(call, code, fragment)                                                   \
    do {                                                                                  \
        gr_status check_s_ = (call);                                                      \
        const char *check_m_;                                                             \
        if (check_s_ != (code)) {                                                         \
            check_fail(__FILE__, __LINE__, "CHECK_ERR(%s): status %d (%s), expected %s", \
                       #call, (int)check_s_, gr_status_str(check_s_), #code);             \
        }                                                                                 \
        check_m_ = gr_last_error_message();                                               \
        if (check_m_ == NULL || strstr(check_m_, (fragment)) == NULL) {                   \
            check_fail(__FILE__, __LINE__,                                                \
                       "CHECK_ERR(%s): message does not contain \"%s\"", #call,           \
                       (fragment));                                                       \
        }                                                                                 \
        check_pass();                                                                     \
    } while (0)

/* ----- key arguments -------------------------------------------------------------------- */

/* A node key as the three arguments `(int64_t key, const char *key_str, size_t key_len)`. */
#define IK(i) ((int64_t)(i)), ((const char *)NULL), ((size_t)0)
#define SK(s) ((int64_t)0), ((const char *)(s)), (strlen(s))
#define SKN(s, n) ((int64_t)0), ((const char *)(s)), ((size_t)(n))

/* ----- attribute values ----------------------------------------------------------------- */

static inline gr_attr_value v_zero(gr_attr_tag tag)
{
    gr_attr_value v;
    memset(&v, 0, sizeof v);
    v.tag = tag;
    return v;
}
static inline gr_attr_value v_null(void) { return v_zero(GR_ATTR_NULL); }
static inline gr_attr_value v_bool(bool b) { gr_attr_value v = v_zero(GR_ATTR_BOOL); v.data.b = b; return v; }
static inline gr_attr_value v_i8(int8_t x) { gr_attr_value v = v_zero(GR_ATTR_INT8); v.data.i8 = x; return v; }
static inline gr_attr_value v_i16(int16_t x) { gr_attr_value v = v_zero(GR_ATTR_INT16); v.data.i16 = x; return v; }
static inline gr_attr_value v_i32(int32_t x) { gr_attr_value v = v_zero(GR_ATTR_INT32); v.data.i32 = x; return v; }
static inline gr_attr_value v_i64(int64_t x) { gr_attr_value v = v_zero(GR_ATTR_INT64); v.data.i64 = x; return v; }
static inline gr_attr_value v_f32(float x) { gr_attr_value v = v_zero(GR_ATTR_FLOAT32); v.data.f32 = x; return v; }
static inline gr_attr_value v_f64(double x) { gr_attr_value v = v_zero(GR_ATTR_FLOAT64); v.data.f64 = x; return v; }
static inline gr_attr_value v_strn(const char *s, size_t len)
{
    gr_attr_value v = v_zero(GR_ATTR_STRING);
    v.data.buf.ptr = (const uint8_t *)s;
    v.data.buf.len = len;
    return v;
}
static inline gr_attr_value v_str(const char *s) { return v_strn(s, strlen(s)); }
static inline gr_attr_value v_bytes(const void *p, size_t len)
{
    gr_attr_value v = v_zero(GR_ATTR_BYTES);
    v.data.buf.ptr = (const uint8_t *)p;
    v.data.buf.len = len;
    return v;
}

/* A gr_buf over a NUL-terminated string (without the NUL). */
static inline gr_buf buf_of(const char *s)
{
    gr_buf b;
    b.ptr = (const uint8_t *)s;
    b.len = strlen(s);
    return b;
}

static inline gr_buf bufn(const char *s, size_t len)
{
    gr_buf b;
    b.ptr = (const uint8_t *)s;
    b.len = len;
    return b;
}

/* Whether two values are equal: same tag and same payload (floats compared exactly). */
static inline int value_equal(const gr_attr_value *a, const gr_attr_value *b)
{
    if (a->tag != b->tag) {
        return 0;
    }
    switch (a->tag) {
    case GR_ATTR_NULL: return 1;
    case GR_ATTR_BOOL: return a->data.b == b->data.b;
    case GR_ATTR_INT8: return a->data.i8 == b->data.i8;
    case GR_ATTR_INT16: return a->data.i16 == b->data.i16;
    case GR_ATTR_INT32: return a->data.i32 == b->data.i32;
    case GR_ATTR_INT64: return a->data.i64 == b->data.i64;
    case GR_ATTR_FLOAT32: return memcmp(&a->data.f32, &b->data.f32, sizeof(float)) == 0;
    case GR_ATTR_FLOAT64: return memcmp(&a->data.f64, &b->data.f64, sizeof(double)) == 0;
    case GR_ATTR_STRING:
    case GR_ATTR_BYTES:
        if (a->data.buf.len != b->data.buf.len) {
            return 0;
        }
        if (a->data.buf.len == 0) {
            return 1;
        }
        if (a->data.buf.ptr == NULL || b->data.buf.ptr == NULL) {
            return 0;
        }
        return memcmp(a->data.buf.ptr, b->data.buf.ptr, a->data.buf.len) == 0;
    default: return 0;
    }
}

/* Writes a short description of a value (for failure messages). */
static inline void value_describe(const gr_attr_value *v, char *out, size_t cap)
{
    switch (v->tag) {
    case GR_ATTR_NULL: snprintf(out, cap, "NULL"); break;
    case GR_ATTR_BOOL: snprintf(out, cap, "BOOL %d", (int)v->data.b); break;
    case GR_ATTR_INT8: snprintf(out, cap, "INT8 %d", (int)v->data.i8); break;
    case GR_ATTR_INT16: snprintf(out, cap, "INT16 %d", (int)v->data.i16); break;
    case GR_ATTR_INT32: snprintf(out, cap, "INT32 %ld", (long)v->data.i32); break;
    case GR_ATTR_INT64: snprintf(out, cap, "INT64 %lld", (long long)v->data.i64); break;
    case GR_ATTR_FLOAT32: snprintf(out, cap, "FLOAT32 %g", (double)v->data.f32); break;
    case GR_ATTR_FLOAT64: snprintf(out, cap, "FLOAT64 %g", v->data.f64); break;
    case GR_ATTR_STRING:
        snprintf(out, cap, "STRING \"%.*s\" (%zu bytes)", (int)v->data.buf.len,
                 v->data.buf.ptr ? (const char *)v->data.buf.ptr : "", v->data.buf.len);
        break;
    case GR_ATTR_BYTES: snprintf(out, cap, "BYTES (%zu bytes)", v->data.buf.len); break;
    default: snprintf(out, cap, "tag %d", (int)v->tag); break;
    }
}

static inline void check_value_at(const char *file, int line, const char *what,
                                  const gr_attr_value *actual, const gr_attr_value *expected)
{
    if (!value_equal(actual, expected)) {
        char a[256];
        char e[256];
        value_describe(actual, a, sizeof a);
        value_describe(expected, e, sizeof e);
        check_fail(file, line, "%s: got %s, expected %s", what, a, e);
    }
    check_pass();
}

/* Two attribute values are equal (both by pointer). */
#define CHECK_VALUE(actual, expected) \
    check_value_at(__FILE__, __LINE__, #actual, (actual), (expected))

/* ----- key lists ------------------------------------------------------------------------ */

/*
 * Formats a key list as "1,'a',-5,''" (ints bare, strings quoted, bytes copied as they are,
 * a NUL byte as "\0"). Reads it through gr_keys_get and through gr_keys_view and fails
 * unless both agree and the view follows its documented layout.
 */
static inline void keys_format_at(const char *file, int line, const gr_keys *keys, char *out,
                                  size_t cap)
{
    size_t len = 0;
    const int64_t *ints = NULL;
    const uint8_t *kinds = NULL;
    const uint8_t *str_data = NULL;
    const size_t *str_offsets = NULL;
    size_t pos = 0;
    size_t i;
    gr_status s = gr_keys_view(keys, &len, &ints, &kinds, &str_data, &str_offsets);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_keys_view: status %d", (int)s);
    }
    if (len == 0 && (ints != NULL || kinds != NULL || str_data != NULL || str_offsets != NULL)) {
        check_fail(file, line, "gr_keys_view of an empty list: pointers are not NULL");
    }
    if (len > 0 && ints == NULL) {
        check_fail(file, line, "gr_keys_view: ints is NULL for %zu keys", len);
    }
    if (kinds == NULL && (str_data != NULL || str_offsets != NULL)) {
        check_fail(file, line, "gr_keys_view: all-int list with string data");
    }
    if (kinds != NULL && (str_offsets == NULL || str_offsets[0] != 0)) {
        check_fail(file, line, "gr_keys_view: mixed list without offsets starting at 0");
    }
    out[0] = '\0';
    for (i = 0; i < len; i++) {
        int64_t k = -1;
        const char *k_str = "sentinel";
        size_t k_len = 12345;
        char item[512];
        size_t item_len = 0;
        s = gr_keys_get(keys, i, &k, &k_str, &k_len);
        if (s != GR_STATUS_OK) {
            check_fail(file, line, "gr_keys_get(%zu): status %d", i, (int)s);
        }
        if (kinds == NULL || kinds[i] == GR_KEY_INT) {
            if (kinds != NULL && str_offsets[i] != str_offsets[i + 1]) {
                check_fail(file, line, "gr_keys_view: int key %zu has a string span", i);
            }
            if (k_str != NULL || k_len != 0 || k != ints[i]) {
                check_fail(file, line, "key %zu: gr_keys_get and gr_keys_view disagree", i);
            }
            item_len = (size_t)snprintf(item, sizeof item, "%lld", (long long)k);
        } else {
            size_t start;
            size_t end;
            size_t j;
            if (kinds[i] != GR_KEY_STR) {
                check_fail(file, line, "gr_keys_view: key %zu has kind %d", i, (int)kinds[i]);
            }
            start = str_offsets[i];
            end = str_offsets[i + 1];
            if (end < start || k_str == NULL || k_len != end - start || ints[i] != 0 ||
                k != 0 || (k_len > 0 && memcmp(k_str, str_data + start, k_len) != 0)) {
                check_fail(file, line, "key %zu: gr_keys_get and gr_keys_view disagree", i);
            }
            item[item_len++] = '\'';
            for (j = 0; j < k_len && item_len + 4 < sizeof item; j++) {
                if (k_str[j] == '\0') {
                    item[item_len++] = '\\';
                    item[item_len++] = '0';
                } else {
                    item[item_len++] = k_str[j];
                }
            }
            item[item_len++] = '\'';
            item[item_len] = '\0';
        }
        if (pos + item_len + 2 >= cap) {
            check_fail(file, line, "keys_format: buffer too small");
        }
        if (i > 0) {
            out[pos++] = ',';
        }
        memcpy(out + pos, item, item_len);
        pos += item_len;
        out[pos] = '\0';
    }
}

/* A key list formats (see keys_format_at) as `expected`. Does not free the list. */
#define CHECK_KEYS(keys, expected)                                                       \
    do {                                                                                 \
        char check_buf_[4096];                                                           \
        keys_format_at(__FILE__, __LINE__, (keys), check_buf_, sizeof check_buf_);       \
        if (strcmp(check_buf_, (expected)) != 0) {                                       \
            check_fail(__FILE__, __LINE__, "CHECK_KEYS(%s): [%s] != [%s]", #keys,        \
                       check_buf_, (expected));                                          \
        }                                                                                \
        check_pass();                                                                    \
    } while (0)

/* A string list's entries, joined with ",", equal `expected`. */
static inline void check_string_list_at(const char *file, int line, const gr_string_list *list,
                                        const char *expected)
{
    size_t len = 99;
    const gr_buf *items = NULL;
    char out[4096];
    size_t pos = 0;
    size_t i;
    gr_status s = gr_string_list_entries(list, &len, &items);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_string_list_entries: status %d", (int)s);
    }
    if ((len == 0) != (items == NULL)) {
        check_fail(file, line, "gr_string_list_entries: %zu items but items pointer %p", len,
                   (const void *)items);
    }
    out[0] = '\0';
    for (i = 0; i < len; i++) {
        if (pos + items[i].len + 2 >= sizeof out) {
            check_fail(file, line, "string list too long");
        }
        if (i > 0) {
            out[pos++] = ',';
        }
        if (items[i].len > 0) {
            memcpy(out + pos, items[i].ptr, items[i].len);
        }
        pos += items[i].len;
        out[pos] = '\0';
    }
    if (strcmp(out, expected) != 0) {
        check_fail(file, line, "string list [%s] != [%s]", out, expected);
    }
    check_pass();
}

#define CHECK_STRING_LIST(list, expected) \
    check_string_list_at(__FILE__, __LINE__, (list), (expected))

/* The counts of a graph, checked to be readable. */
static inline size_t node_count(const gr_graph *g)
{
    size_t n = (size_t)-1;
    CHECK_OK(gr_graph_node_count(g, &n));
    return n;
}

static inline size_t edge_count(const gr_graph *g)
{
    size_t n = (size_t)-1;
    CHECK_OK(gr_graph_edge_count(g, &n));
    return n;
}

#endif /* GROGGY_TESTS_CHECK_H */
