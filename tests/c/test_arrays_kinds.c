/*
 * test_arrays_kinds.c: gr_array_new from every kind, used the way a C or C++ program would.
 * 
 * Covers: the NULL kind; bool as bytes; every int and float width with extremes; STRING with
 * empty, non-ASCII and NUL-holding strings; BYTES with zero bytes; MIXED with several kinds;
 * validity masks; read back through gr_array_info / _validity / _buffers / _get; the input
 * is copied; bad columns rejected.
 *
 * Checks that once caught library bugs (EXPECT, in check.h) run last and do not stop the
 * program: each failure is reported, and the program then exits non-zero.
 *
 * Valid C99 and C++17; see run.sh.
 */

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_snapshot.h"
#include "array_checks.h"

/* ----- arrays from every kind ---------------------------------------------------------------- */

static void test_null_kind(void)
{
    gr_attr_value nulls[4];
    gr_array *a;
    size_t i;
    for (i = 0; i < 4; i++) {
        nulls[i] = v_null();
    }
    /* data may be NULL for the NULL kind, with or without a mask. */
    a = array_new(GR_ATTR_NULL, NULL, NULL, 4);
    CHECK_ARRAY(a, GR_ATTR_NULL, nulls, 4);
    gr_array_free(a);
    {
        static const uint8_t ones[3] = {1, 1, 1};
        a = array_new(GR_ATTR_NULL, NULL, ones, 3);
        CHECK_ARRAY(a, GR_ATTR_NULL, nulls, 3);
        gr_array_free(a);
    }
    a = array_new(GR_ATTR_NULL, NULL, NULL, 0);
    CHECK_ARRAY(a, GR_ATTR_NULL, nulls, 0);
    gr_array_free(a);
}

static void test_fixed_width_kinds(void)
{
    static const uint8_t mask[5] = {1, 0, 1, 1, 1};
    gr_attr_value e[5];
    gr_array *a;

    /* BOOL: one byte each, any non-zero byte is true; read back as 0 / 1. */
    {
        uint8_t bools[5] = {1, 0, 2, 0, 255};
        a = array_new(GR_ATTR_BOOL, bools, NULL, 5);
        e[0] = v_bool(true);
        e[1] = v_bool(false);
        e[2] = v_bool(true);
        e[3] = v_bool(false);
        e[4] = v_bool(true);
        /* The input is copied: changing it afterwards changes nothing. */
        memset(bools, 0, sizeof bools);
        CHECK_ARRAY(a, GR_ATTR_BOOL, e, 5);
        CHECK(array_data(a) != (const void *)bools);
        gr_array_free(a);
    }
    /* INT8 with a mask. */
    {
        static const int8_t xs[5] = {INT8_MIN, 99, -1, 0, INT8_MAX};
        a = array_new(GR_ATTR_INT8, xs, mask, 5);
        e[0] = v_i8(INT8_MIN);
        e[1] = v_null();
        e[2] = v_i8(-1);
        e[3] = v_i8(0);
        e[4] = v_i8(INT8_MAX);
        CHECK_ARRAY(a, GR_ATTR_INT8, e, 5);
        gr_array_free(a);
    }
    {
        static const int16_t xs[5] = {INT16_MIN, 7, -300, 300, INT16_MAX};
        a = array_new(GR_ATTR_INT16, xs, NULL, 5);
        e[0] = v_i16(INT16_MIN);
        e[1] = v_i16(7);
        e[2] = v_i16(-300);
        e[3] = v_i16(300);
        e[4] = v_i16(INT16_MAX);
        CHECK_ARRAY(a, GR_ATTR_INT16, e, 5);
        gr_array_free(a);
    }
    {
        static const int32_t xs[5] = {INT32_MIN, 1, 2, 3, INT32_MAX};
        static const uint8_t mask2[5] = {0, 0, 1, 0, 1};
        a = array_new(GR_ATTR_INT32, xs, mask2, 5);
        e[0] = v_null();
        e[1] = v_null();
        e[2] = v_i32(2);
        e[3] = v_null();
        e[4] = v_i32(INT32_MAX);
        CHECK_ARRAY(a, GR_ATTR_INT32, e, 5);
        gr_array_free(a);
    }
    {
        int64_t xs[5] = {INT64_MIN, -1, 0, 1, INT64_MAX};
        /* Validity bytes: any non-zero byte is valid; an all-valid mask means no nulls. */
        static const uint8_t all[5] = {1, 2, 255, 1, 1};
        a = array_new(GR_ATTR_INT64, xs, all, 5);
        xs[0] = 42;
        e[0] = v_i64(INT64_MIN);
        e[1] = v_i64(-1);
        e[2] = v_i64(0);
        e[3] = v_i64(1);
        e[4] = v_i64(INT64_MAX);
        CHECK_ARRAY(a, GR_ATTR_INT64, e, 5);
        gr_array_free(a);
    }
    {
        static const float xs[5] = {0.5f, -0.0f, 3.25f, -1e30f, 1e-30f};
        a = array_new(GR_ATTR_FLOAT32, xs, mask, 5);
        e[0] = v_f32(0.5f);
        e[1] = v_null();
        e[2] = v_f32(3.25f);
        e[3] = v_f32(-1e30f);
        e[4] = v_f32(1e-30f);
        CHECK_ARRAY(a, GR_ATTR_FLOAT32, e, 5);
        gr_array_free(a);
    }
    {
        double xs[5];
        xs[0] = -0.0;
        xs[1] = 1.0 / 3.0;
        xs[2] = INFINITY;
        xs[3] = -INFINITY;
        xs[4] = 1e308;
        a = array_new(GR_ATTR_FLOAT64, xs, NULL, 5);
        e[0] = v_f64(-0.0);
        e[1] = v_f64(1.0 / 3.0);
        e[2] = v_f64(INFINITY);
        e[3] = v_f64(-INFINITY);
        e[4] = v_f64(1e308);
        CHECK_ARRAY(a, GR_ATTR_FLOAT64, e, 5);
        gr_array_free(a);
    }
    /* Empty arrays of a fixed-width kind: data may be NULL, and reads back as NULL. */
    a = array_new(GR_ATTR_INT64, NULL, NULL, 0);
    CHECK_ARRAY(a, GR_ATTR_INT64, e, 0);
    gr_array_free(a);
    a = array_new(GR_ATTR_BOOL, NULL, NULL, 0);
    CHECK_ARRAY(a, GR_ATTR_BOOL, e, 0);
    gr_array_free(a);
}

static void test_string_and_bytes_kinds(void)
{
    gr_attr_value e[6];
    gr_buf bufs[6];
    gr_array *a;
    /* Empty, ASCII, non-ASCII, a NUL inside, and a null entry. */
    char text[32];
    memcpy(text, "h" E_ACUTE "llo" NIHON "a\0b", 16);
    bufs[0] = bufn("", 0);
    bufs[1] = bufn(text, 6);      /* "héllo" */
    bufs[2] = bufn(text + 6, 6);  /* "日本" */
    bufs[3] = bufn(text + 12, 3); /* "a\0b" */
    bufs[4] = bufn(NULL, 0);      /* null below */
    bufs[5] = bufn(text, 1);      /* "h" */
    {
        static const uint8_t mask[6] = {1, 1, 1, 1, 0, 1};
        a = array_new(GR_ATTR_STRING, bufs, mask, 6);
        /* The strings are copied. */
        memcpy(text, "XXXXXXXXXXXXXXXX", 16);
        e[0] = v_strn("", 0);
        e[1] = v_str("h" E_ACUTE "llo");
        e[2] = v_str(NIHON);
        e[3] = v_strn("a\0b", 3);
        e[4] = v_null();
        e[5] = v_str("h");
        CHECK_ARRAY(a, GR_ATTR_STRING, e, 6);
        {
            const uint8_t *data = NULL;
            size_t data_len = 0;
            const size_t *offsets = NULL;
            CHECK_OK(gr_array_buffers(a, &data, &data_len, &offsets));
            CHECK_BYTES(data, data_len, "h" E_ACUTE "llo" NIHON "a\0bh", 16);
            CHECK_EQ(offsets[0], 0);
            CHECK_EQ(offsets[1], 0);
            CHECK_EQ(offsets[2], 6);
            CHECK_EQ(offsets[3], 12);
            CHECK_EQ(offsets[4], 15);
            CHECK_EQ(offsets[5], 15);
            CHECK_EQ(offsets[6], 16);
        }
        gr_array_free(a);
    }
    /* Only empty strings: no bytes at all. */
    {
        const uint8_t *data = (const uint8_t *)"sentinel";
        size_t data_len = SENTINEL_SIZE;
        const size_t *offsets = NULL;
        bufs[0] = bufn(NULL, 0);
        bufs[1] = bufn("", 0);
        a = array_new(GR_ATTR_STRING, bufs, NULL, 2);
        e[0] = v_strn("", 0);
        e[1] = v_strn("", 0);
        CHECK_ARRAY(a, GR_ATTR_STRING, e, 2);
        CHECK_OK(gr_array_buffers(a, &data, &data_len, &offsets));
        CHECK_EQ(data_len, 0);
        CHECK_EQ(offsets[0], 0);
        CHECK_EQ(offsets[2], 0);
        gr_array_free(a);
    }
    /* An empty string array still has its one offset. */
    {
        const uint8_t *data = NULL;
        size_t data_len = SENTINEL_SIZE;
        const size_t *offsets = NULL;
        a = array_new(GR_ATTR_STRING, NULL, NULL, 0);
        CHECK_ARRAY(a, GR_ATTR_STRING, e, 0);
        CHECK_OK(gr_array_buffers(a, &data, &data_len, &offsets));
        CHECK_EQ(data_len, 0);
        CHECK(offsets != NULL);
        CHECK_EQ(offsets[0], 0);
        gr_array_free(a);
    }
    /* BYTES: zero bytes are data; an empty value; a null value. */
    {
        static const uint8_t raw[5] = {0, 0, 0, 0xff, 0};
        static const uint8_t mask[4] = {1, 1, 0, 1};
        bufs[0] = bufn((const char *)raw, 3);
        bufs[1] = bufn(NULL, 0);
        bufs[2] = bufn((const char *)raw, 5);
        bufs[3] = bufn((const char *)raw + 3, 2);
        a = array_new(GR_ATTR_BYTES, bufs, mask, 4);
        e[0] = v_bytes(raw, 3);
        e[1] = v_bytes(NULL, 0);
        e[2] = v_null();
        e[3] = v_bytes(raw + 3, 2);
        CHECK_ARRAY(a, GR_ATTR_BYTES, e, 4);
        gr_array_free(a);
    }
}

static void test_mixed_kind(void)
{
    gr_attr_value in[8];
    gr_attr_value e[8];
    gr_array *a;
    static const uint8_t zeros[2] = {0, 0};
    in[0] = v_i64(-7);
    in[1] = v_str(NIHON);
    in[2] = v_null();
    in[3] = v_bool(true);
    in[4] = v_f64(2.5);
    in[5] = v_bytes("\0\1", 2);
    in[6] = v_i8(-8);
    in[7] = v_f32(0.25f);
    a = array_new(GR_ATTR_MIXED, in, NULL, 8);
    CHECK_ARRAY(a, GR_ATTR_MIXED, in, 8);
    gr_array_free(a);
    /* A mask nulls entries whatever they hold. */
    {
        static const uint8_t mask[8] = {1, 0, 1, 1, 0, 1, 1, 1};
        memcpy(e, in, sizeof e);
        e[1] = v_null();
        e[4] = v_null();
        a = array_new(GR_ATTR_MIXED, in, mask, 8);
        CHECK_ARRAY(a, GR_ATTR_MIXED, e, 8);
        gr_array_free(a);
    }
    /* Only nulls: the NULL kind. */
    e[0] = v_null();
    e[1] = v_null();
    a = array_new(GR_ATTR_MIXED, in + 2, NULL, 1);
    CHECK_ARRAY(a, GR_ATTR_NULL, e, 1);
    gr_array_free(a);
    a = array_new(GR_ATTR_MIXED, in, zeros, 2);
    CHECK_ARRAY(a, GR_ATTR_NULL, e, 2);
    gr_array_free(a);
    /* Values of one kind (plus nulls) make an array of that kind. */
    {
        gr_attr_value ints[3];
        gr_attr_tag kind;
        ints[0] = v_i64(1);
        ints[1] = v_null();
        ints[2] = v_i64(3);
        a = array_new(GR_ATTR_MIXED, ints, NULL, 3);
        kind = array_kind(a);
        CHECK(kind == GR_ATTR_INT64 || kind == GR_ATTR_MIXED);
        CHECK_ARRAY(a, kind, ints, 3);
        gr_array_free(a);
    }
    /* An empty mixed array. */
    a = array_new(GR_ATTR_MIXED, NULL, NULL, 0);
    CHECK_EQ(array_len(a), 0);
    gr_array_free(a);
}

static void test_bad_arrays(void)
{
    gr_array *a = SENTINEL_ARRAY;
    static const int64_t xs[3] = {1, 2, 3};
    gr_buf bufs[2];
    gr_attr_value vals[2];

    CHECK_ERR(gr_array_new(99, xs, NULL, 3, &a), IA, "array_new: unknown column kind 99");
    CHECK_STREQ(gr_last_error_message(), "array_new: unknown column kind 99");
    CHECK_ERR(gr_array_new(-1, xs, NULL, 3, &a), IA, "array_new: unknown column kind -1");
    CHECK_ERR(gr_array_new(GR_ATTR_MIXED + 1, xs, NULL, 3, &a), IA,
              "array_new: unknown column kind 11");
    CHECK_ERR(gr_array_new(GR_ATTR_INT64, NULL, NULL, 3, &a), IA,
              "array_new: data is NULL but its length is 3");
    CHECK_ERR(gr_array_new(GR_ATTR_STRING, NULL, NULL, 2, &a), IA,
              "array_new: data is NULL but its length is 2");
    CHECK_ERR(gr_array_new(GR_ATTR_MIXED, NULL, NULL, 1, &a), IA,
              "array_new: data is NULL but its length is 1");
    CHECK_ERR(gr_array_new(GR_ATTR_INT64, xs, NULL, 3, NULL), IA,
              "array_new: output array is NULL");
    /* Bad UTF-8 in a string column. */
    bufs[0] = buf_of("ok");
    bufs[1] = buf_of("\xc3\x28");
    CHECK_ERR(gr_array_new(GR_ATTR_STRING, bufs, NULL, 2, &a), IA,
              "array_new: string value is not valid UTF-8");
    bufs[1] = buf_of("\xed\xa0\x80");
    CHECK_ERR(gr_array_new(GR_ATTR_STRING, bufs, NULL, 2, &a), IA,
              "array_new: string value is not valid UTF-8");
    /* A NULL buffer with a length. */
    bufs[1] = bufn(NULL, 2);
    CHECK_ERR(gr_array_new(GR_ATTR_STRING, bufs, NULL, 2, &a), IA,
              "array_new: string value is NULL but its length is 2");
    CHECK_ERR(gr_array_new(GR_ATTR_BYTES, bufs, NULL, 2, &a), IA,
              "array_new: bytes value is NULL but its length is 2");
    /* Mixed values: an unknown tag, bad UTF-8. */
    vals[0] = v_i64(1);
    vals[1] = v_zero(42);
    CHECK_ERR(gr_array_new(GR_ATTR_MIXED, vals, NULL, 2, &a), IA,
              "array_new: value: unknown attribute tag 42");
    vals[1] = v_str("\xff");
    CHECK_ERR(gr_array_new(GR_ATTR_MIXED, vals, NULL, 2, &a), IA,
              "array_new: value is not valid UTF-8");
    vals[1] = v_zero(GR_ATTR_MIXED);
    CHECK_ERR(gr_array_new(GR_ATTR_MIXED, vals, NULL, 2, &a), IA,
              "array_new: value: unknown attribute tag 10");
    CHECK(a == SENTINEL_ARRAY);

    /* NULL handles and outputs. */
    {
        size_t len = SENTINEL_SIZE;
        gr_attr_tag kind = SENTINEL_TAG;
        const void *data = &len;
        const uint8_t *valid = (const uint8_t *)&len;
        const size_t *offsets = &len;
        gr_attr_value v = sentinel_value();
        double mean = 12.5;
        bool found = true;
        gr_array *ok = array_new(GR_ATTR_INT64, xs, NULL, 3);

        CHECK_ERR(gr_array_info(NULL, &len, &kind, &data), IA, "array_info: array is NULL");
        CHECK_ERR(gr_array_info(ok, NULL, &kind, &data), IA, "array_info: output len is NULL");
        CHECK_ERR(gr_array_info(ok, &len, NULL, &data), IA, "array_info: output kind is NULL");
        CHECK_ERR(gr_array_info(ok, &len, &kind, NULL), IA, "array_info: output data is NULL");
        CHECK(len == SENTINEL_SIZE && kind == SENTINEL_TAG && data == &len);
        CHECK_ERR(gr_array_validity(NULL, &valid, &len), IA, "array_validity: array is NULL");
        CHECK_ERR(gr_array_validity(ok, NULL, &len), IA, "array_validity: output valid is NULL");
        CHECK_ERR(gr_array_buffers(NULL, &valid, &len, &offsets), IA,
                  "array_buffers: array is NULL");
        CHECK_ERR(gr_array_buffers(ok, &valid, &len, &offsets), IA,
                  "array_buffers: an array of kind int64 has no buffers");
        CHECK(valid == (const uint8_t *)&len && offsets == &len && len == SENTINEL_SIZE);
        CHECK_ERR(gr_array_get(NULL, 0, &v), IA, "array_get: array is NULL");
        CHECK_ERR(gr_array_get(ok, 0, NULL), IA, "array_get: output value is NULL");
        CHECK_ERR(gr_array_get(ok, 3, &v), IA, "array_get: index 3 out of range for 3 values");
        CHECK_ERR(gr_array_get(ok, SIZE_MAX, &v), IA, "array_get: index");
        CHECK(is_sentinel_value(&v));
        CHECK_ERR(gr_array_slice(NULL, 0, 1, 1, &a), IA, "array_slice: array is NULL");
        CHECK_ERR(gr_array_slice(ok, 0, 1, 1, NULL), IA, "array_slice: output array is NULL");
        CHECK_ERR(gr_array_clone(NULL, &a), IA, "array_clone: array is NULL");
        CHECK_ERR(gr_array_clone(ok, NULL), IA, "array_clone: output array is NULL");
        CHECK(a == SENTINEL_ARRAY);
        CHECK_ERR(gr_array_sum(NULL, &v), IA, "sum: array is NULL");
        CHECK_ERR(gr_array_sum(ok, NULL), IA, "sum: output value is NULL");
        CHECK_ERR(gr_array_mean(NULL, &mean, &found), IA, "mean: array is NULL");
        CHECK_ERR(gr_array_mean(ok, NULL, &found), IA, "mean: output mean is NULL");
        CHECK_ERR(gr_array_mean(ok, &mean, NULL), IA, "mean: output found is NULL");
        CHECK_ERR(gr_array_min(NULL, &v, &found), IA, "min: array is NULL");
        CHECK_ERR(gr_array_max(NULL, &v, &found), IA, "max: array is NULL");
        CHECK_ERR(gr_array_min(ok, NULL, &found), IA, "min: output value is NULL");
        CHECK_ERR(gr_array_max(ok, &v, NULL), IA, "max: output found is NULL");
        CHECK(is_sentinel_value(&v) && mean == 12.5 && found);
        gr_array_free(ok);
        gr_array_free(NULL);
    }
}

/*
 * gr_array_info documents the kind as "GR_ATTR_NULL when every value is null". A typed
 * array whose entries are all null (made with an all-zero mask, sliced down to its nulls,
 * or read from a column whose only values were removed) reports its storage kind instead.
 */
static void bug_all_null_array_kind(void)
{
    static const int64_t xs[2] = {1, 2};
    static const uint8_t none[2] = {0, 0};
    gr_array *a = array_new(GR_ATTR_INT64, xs, none, 2);
    gr_graph *g = new_graph(false);
    gr_array *col;
    EXPECT(array_kind(a) == GR_ATTR_NULL,
           "gr_array_new(INT64, mask all 0) reports kind %d, documented GR_ATTR_NULL (0)",
           (int)array_kind(a));
    gr_array_free(a);
    set_node(g, IK(1), "x", v_i64(5));
    set_node(g, IK(2), "x", v_null());
    CHECK_OK(gr_graph_remove_node(g, IK(1)));
    col = node_array(g, "x");
    EXPECT(array_kind(col) == GR_ATTR_NULL,
           "node_array of a column holding only Null reports kind %d, documented GR_ATTR_NULL "
           "(0)",
           (int)array_kind(col));
    gr_array_free(col);
    gr_graph_free(g);
}

int main(void)
{
    test_null_kind();
    test_fixed_width_kinds();
    test_string_and_bytes_kinds();
    test_mixed_kind();
    test_bad_arrays();

    bug_all_null_array_kind();
    return CHECK_SUMMARY();
}
