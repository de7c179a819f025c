/*
 * test_arrow_export.c: gr_array_export_arrow fills the standard Arrow C Data Interface
 * structs: format strings, lengths, null counts, validity bitmaps and buffers for every
 * kind; numeric buffers point into the array (no copy), and stay valid after the gr_array
 * is freed, until release (valgrind checks). Mixed arrays and NULL arguments are refused
 * with the outputs untouched.
 *
 * Valid C99 and C++17; see run.sh.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static gr_array *column(gr_attr_tag tag, const void *data, const uint8_t *valid, size_t n)
{
    gr_array *a = NULL;
    CHECK_OK(gr_array_new(tag, data, valid, n, &a));
    return a;
}

static int bit(const void *bitmap, int64_t i)
{
    return (((const uint8_t *)bitmap)[i / 8] >> (i % 8)) & 1;
}

static void release_both(struct ArrowArray *a, struct ArrowSchema *s)
{
    a->release(a);
    s->release(s);
    CHECK(a->release == NULL && s->release == NULL);
}

/* int64 with a null: two buffers, the values where the array keeps them; the export
 * outlives the handle. */
static void test_int64(void)
{
    static const int64_t xs[4] = {10, -20, 30, 40};
    static const uint8_t valid[4] = {1, 1, 0, 1};
    gr_array *a = column(GR_ATTR_INT64, xs, valid, 4);
    const void *data = NULL;
    size_t len = 0;
    gr_attr_tag kind = GR_ATTR_NULL;
    struct ArrowArray out;
    struct ArrowSchema schema;
    const int64_t *values;
    CHECK_OK(gr_array_info(a, &len, &kind, &data));
    CHECK_OK(gr_array_export_arrow(a, &out, &schema));
    gr_array_free(a); /* the export keeps the values alive */
    CHECK_STREQ(schema.format, "l");
    CHECK(schema.flags == ARROW_FLAG_NULLABLE && schema.n_children == 0);
    CHECK(out.length == 4 && out.null_count == 1 && out.offset == 0);
    CHECK(out.n_buffers == 2 && out.n_children == 0);
    CHECK(out.buffers[1] == data); /* not a copy */
    values = (const int64_t *)out.buffers[1];
    CHECK(values[0] == 10 && values[1] == -20 && values[3] == 40);
    CHECK(bit(out.buffers[0], 0) && bit(out.buffers[0], 1) && !bit(out.buffers[0], 2) &&
          bit(out.buffers[0], 3));
    release_both(&out, &schema);
}

/* Every fixed-width kind's format; no nulls: no validity buffer. */
static void test_formats(void)
{
    static const uint8_t bytes[3] = {1, 0, 1};
    static const double ds[3] = {0.5, 1.5, -2.0};
    static const float fs[3] = {0.5f, 1.5f, -2.0f};
    static const int32_t is[3] = {1, 2, 3};
    static const int16_t ss[3] = {1, 2, 3};
    static const int8_t cs[3] = {1, 2, 3};
    struct {
        gr_attr_tag tag;
        const void *data;
        const char *format;
    } kinds[6];
    size_t k;
    kinds[0].tag = GR_ATTR_FLOAT64, kinds[0].data = ds, kinds[0].format = "g";
    kinds[1].tag = GR_ATTR_FLOAT32, kinds[1].data = fs, kinds[1].format = "f";
    kinds[2].tag = GR_ATTR_INT32, kinds[2].data = is, kinds[2].format = "i";
    kinds[3].tag = GR_ATTR_INT16, kinds[3].data = ss, kinds[3].format = "s";
    kinds[4].tag = GR_ATTR_INT8, kinds[4].data = cs, kinds[4].format = "c";
    kinds[5].tag = GR_ATTR_BOOL, kinds[5].data = bytes, kinds[5].format = "b";
    for (k = 0; k < 6; k++) {
        gr_array *a = column(kinds[k].tag, kinds[k].data, NULL, 3);
        struct ArrowArray out;
        struct ArrowSchema schema;
        CHECK_OK(gr_array_export_arrow(a, &out, &schema));
        CHECK_STREQ(schema.format, kinds[k].format);
        CHECK(out.length == 3 && out.null_count == 0 && out.n_buffers == 2);
        CHECK(out.buffers[0] == NULL);
        if (kinds[k].tag == GR_ATTR_BOOL) { /* bit-packed: 1, 0, 1 */
            CHECK(bit(out.buffers[1], 0) && !bit(out.buffers[1], 1) && bit(out.buffers[1], 2));
        } else if (kinds[k].tag == GR_ATTR_FLOAT64) {
            CHECK(((const double *)out.buffers[1])[2] == -2.0);
        }
        gr_array_free(a);
        release_both(&out, &schema);
    }
}

/* Strings: LargeUtf8, 64-bit offsets, a null as an empty slot. */
static void test_strings(void)
{
    gr_buf bufs[3];
    static const uint8_t valid[3] = {1, 0, 1};
    gr_array *a;
    struct ArrowArray out;
    struct ArrowSchema schema;
    const int64_t *offsets;
    const char *data;
    bufs[0].ptr = (const uint8_t *)"héllo";
    bufs[0].len = strlen("héllo");
    bufs[1].ptr = NULL;
    bufs[1].len = 0;
    bufs[2].ptr = (const uint8_t *)"!";
    bufs[2].len = 1;
    a = column(GR_ATTR_STRING, bufs, valid, 3);
    CHECK_OK(gr_array_export_arrow(a, &out, &schema));
    gr_array_free(a);
    CHECK_STREQ(schema.format, "U");
    CHECK(out.length == 3 && out.null_count == 1 && out.n_buffers == 3);
    offsets = (const int64_t *)out.buffers[1];
    data = (const char *)out.buffers[2];
    CHECK(offsets[0] == 0 && offsets[1] == (int64_t)strlen("héllo") && offsets[2] == offsets[1] &&
          offsets[3] == offsets[2] + 1);
    CHECK(memcmp(data, "héllo!", strlen("héllo!")) == 0);
    CHECK(!bit(out.buffers[0], 1) && bit(out.buffers[0], 2));
    release_both(&out, &schema);
}

/* An all-null array of no kind is the null type; mixed arrays and NULLs are refused. */
static void test_null_type_and_refusals(void)
{
    gr_attr_value values[2];
    gr_array *nulls = column(GR_ATTR_NULL, NULL, NULL, 5);
    gr_array *mixed;
    struct ArrowArray out;
    struct ArrowSchema schema;
    CHECK_OK(gr_array_export_arrow(nulls, &out, &schema));
    CHECK_STREQ(schema.format, "n");
    CHECK(out.length == 5 && out.null_count == 5 && out.n_buffers == 0);
    release_both(&out, &schema);

    values[0] = v_i64(1);
    values[1] = v_f64(2.5);
    mixed = column(GR_ATTR_MIXED, values, NULL, 2);
    memset(&out, 0xab, sizeof out);
    memset(&schema, 0xab, sizeof schema);
    CHECK_ERR(gr_array_export_arrow(mixed, &out, &schema), GR_STATUS_INVALID_OPERATION,
              "export_arrow: the array holds values of mixed kinds");
    CHECK(out.length == (int64_t)0xabababababababab); /* untouched */
    CHECK_ERR(gr_array_export_arrow(NULL, &out, &schema), GR_STATUS_INVALID_ARGUMENT,
              "array is NULL");
    CHECK_ERR(gr_array_export_arrow(nulls, NULL, &schema), GR_STATUS_INVALID_ARGUMENT,
              "output array is NULL");
    CHECK_ERR(gr_array_export_arrow(nulls, &out, NULL), GR_STATUS_INVALID_ARGUMENT,
              "output schema is NULL");
    gr_array_free(mixed);
    gr_array_free(nulls);
}

int main(void)
{
    test_int64();
    test_formats();
    test_strings();
    test_null_type_and_refusals();
    return CHECK_SUMMARY();
}
