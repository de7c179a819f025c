/*
 * test_arrays_slices.c: gr_array slices and clones: positive and negative steps, empty
 * slices, out-of-range slices and step 0 rejected; clones share the values and every handle
 * frees cleanly.
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

static void test_slices(void)
{
    /* 0..9 with 3 and 7 null. */
    int64_t xs[10];
    uint8_t mask[10];
    gr_attr_value e[10];
    gr_array *a;
    gr_array *s;
    gr_array *out = SENTINEL_ARRAY;
    size_t i;
    for (i = 0; i < 10; i++) {
        xs[i] = (int64_t)i;
        mask[i] = (uint8_t)(i != 3 && i != 7);
    }
    a = array_new(GR_ATTR_INT64, xs, mask, 10);

    s = slice_of(a, 2, 3, 1);
    e[0] = v_i64(2);
    e[1] = v_null();
    e[2] = v_i64(4);
    CHECK_ARRAY(s, GR_ATTR_INT64, e, 3);
    gr_array_free(s);
    /* Everything, reversed. */
    s = slice_of(a, 9, 10, -1);
    for (i = 0; i < 10; i++) {
        size_t k = 9 - i;
        e[i] = (k == 3 || k == 7) ? v_null() : v_i64((int64_t)k);
    }
    CHECK_ARRAY(s, GR_ATTR_INT64, e, 10);
    gr_array_free(s);
    s = slice_of(a, 8, 4, -2);
    e[0] = v_i64(8);
    e[1] = v_i64(6);
    e[2] = v_i64(4);
    e[3] = v_i64(2);
    CHECK_ARRAY(s, GR_ATTR_INT64, e, 4);
    gr_array_free(s);
    s = slice_of(a, 1, 3, 4);
    e[0] = v_i64(1);
    e[1] = v_i64(5);
    e[2] = v_i64(9);
    CHECK_ARRAY(s, GR_ATTR_INT64, e, 3);
    gr_array_free(s);
    /* Only the null entries; one entry; the last one with a huge step. */
    s = slice_of(a, 3, 2, 4);
    e[0] = v_null();
    e[1] = v_null();
    CHECK_EQ(array_len(s), 2);
    {
        const uint8_t *valid = NULL;
        size_t nulls = 0;
        CHECK_OK(gr_array_validity(s, &valid, &nulls));
        CHECK_EQ(nulls, 2);
        CHECK(valid != NULL && valid[0] == 0 && valid[1] == 0);
    }
    gr_array_free(s);
    s = slice_of(a, 9, 1, PTRDIFF_MAX);
    e[0] = v_i64(9);
    CHECK_ARRAY(s, GR_ATTR_INT64, e, 1);
    gr_array_free(s);
    s = slice_of(a, 0, 1, PTRDIFF_MIN);
    e[0] = v_i64(0);
    CHECK_ARRAY(s, GR_ATTR_INT64, e, 1);
    gr_array_free(s);

    /* Empty slices, from anywhere (even past the end) and with any non-zero step. */
    s = slice_of(a, 0, 0, 1);
    CHECK_ARRAY(s, GR_ATTR_INT64, e, 0);
    gr_array_free(s);
    s = slice_of(a, 10, 0, -1);
    CHECK_EQ(array_len(s), 0);
    gr_array_free(s);
    s = slice_of(a, SIZE_MAX, 0, 3);
    CHECK_EQ(array_len(s), 0);
    gr_array_free(s);

    /* Out of range, and step 0. */
    CHECK_ERR(gr_array_slice(a, 8, 3, 1, &out), IA,
              "array_slice: slice of 3 from 8 by 1 is out of range for 10 values");
    CHECK_ERR(gr_array_slice(a, 10, 1, 1, &out), IA, "array_slice: slice of 1 from 10 by 1");
    CHECK_ERR(gr_array_slice(a, 1, 3, -1, &out), IA, "array_slice: slice of 3 from 1 by -1");
    CHECK_ERR(gr_array_slice(a, 0, 2, PTRDIFF_MIN, &out), IA, "out of range for 10 values");
    CHECK_ERR(gr_array_slice(a, 5, 2, PTRDIFF_MAX, &out), IA, "out of range for 10 values");
    CHECK_ERR(gr_array_slice(a, 0, SIZE_MAX, 1, &out), IA, "out of range for 10 values");
    CHECK_ERR(gr_array_slice(a, SIZE_MAX, 1, -1, &out), IA, "out of range for 10 values");
    CHECK_ERR(gr_array_slice(a, 0, 11, 1, &out), IA, "out of range for 10 values");
    CHECK_ERR(gr_array_slice(a, 0, 1, 0, &out), IA, "array_slice: slice step cannot be zero");
    CHECK_ERR(gr_array_slice(a, 0, 0, 0, &out), IA, "array_slice: slice step cannot be zero");
    CHECK(out == SENTINEL_ARRAY);

    /* A slice outlives the array it came from. */
    s = slice_of(a, 8, 3, -3);
    gr_array_free(a);
    e[0] = v_i64(8);
    e[1] = v_i64(5);
    e[2] = v_i64(2);
    CHECK_ARRAY(s, GR_ATTR_INT64, e, 3);
    gr_array_free(s);

    /* Strings: the slice's buffers hold only its own values. */
    {
        gr_buf bufs[4];
        static const uint8_t smask[4] = {1, 1, 0, 1};
        const uint8_t *data = NULL;
        size_t data_len = 0;
        const size_t *offsets = NULL;
        bufs[0] = buf_of("zero");
        bufs[1] = buf_of(NIHON);
        bufs[2] = buf_of("skip");
        bufs[3] = buf_of("");
        a = array_new(GR_ATTR_STRING, bufs, smask, 4);
        s = slice_of(a, 3, 3, -1);
        e[0] = v_str("");
        e[1] = v_null();
        e[2] = v_str(NIHON);
        CHECK_ARRAY(s, GR_ATTR_STRING, e, 3);
        CHECK_OK(gr_array_buffers(s, &data, &data_len, &offsets));
        CHECK_BYTES(data, data_len, NIHON, 6);
        gr_array_free(a);
        /* Still readable with the original gone. */
        CHECK_ARRAY(s, GR_ATTR_STRING, e, 3);
        gr_array_free(s);
    }
    /* Mixed, bool and NULL-kind arrays slice too. */
    {
        gr_attr_value in[4];
        in[0] = v_i64(1);
        in[1] = v_str("two");
        in[2] = v_bytes("\0", 1);
        in[3] = v_null();
        a = array_new(GR_ATTR_MIXED, in, NULL, 4);
        s = slice_of(a, 0, 2, 2);
        e[0] = v_i64(1);
        e[1] = v_bytes("\0", 1);
        /* Whether a slice of a mixed array keeps the MIXED kind is not specified. */
        CHECK_EQ(array_len(s), 2);
        {
            gr_attr_value v0 = array_get(s, 0);
            gr_attr_value v1 = array_get(s, 1);
            CHECK_VALUE(&v0, &e[0]);
            CHECK_VALUE(&v1, &e[1]);
            gr_attr_value_release(&v0);
            gr_attr_value_release(&v1);
        }
        gr_array_free(s);
        gr_array_free(a);
    }
    {
        static const uint8_t bools[3] = {1, 0, 1};
        a = array_new(GR_ATTR_BOOL, bools, NULL, 3);
        s = slice_of(a, 1, 2, 1);
        e[0] = v_bool(false);
        e[1] = v_bool(true);
        CHECK_ARRAY(s, GR_ATTR_BOOL, e, 2);
        gr_array_free(s);
        gr_array_free(a);
        a = array_new(GR_ATTR_NULL, NULL, NULL, 5);
        s = slice_of(a, 4, 3, -2);
        e[0] = v_null();
        e[1] = v_null();
        e[2] = v_null();
        CHECK_ARRAY(s, GR_ATTR_NULL, e, 3);
        gr_array_free(s);
        gr_array_free(a);
    }
}

/* ----- clones --------------------------------------------------------------------------------- */

static void test_clones(void)
{
    static const double xs[3] = {1.5, -2.0, 4.25};
    gr_attr_value e[3];
    gr_array *a = array_new(GR_ATTR_FLOAT64, xs, NULL, 3);
    gr_array *b = NULL;
    gr_array *c = NULL;
    e[0] = v_f64(1.5);
    e[1] = v_f64(-2.0);
    e[2] = v_f64(4.25);
    CHECK_OK(gr_array_clone(a, &b));
    CHECK(b != NULL && b != a);
    /* The clone shares the values: the same native buffer. */
    CHECK(array_data(a) == array_data(b));
    CHECK_OK(gr_array_clone(b, &c));
    CHECK(array_data(c) == array_data(a));
    gr_array_free(a);
    CHECK_ARRAY(b, GR_ATTR_FLOAT64, e, 3);
    gr_array_free(b);
    CHECK_ARRAY(c, GR_ATTR_FLOAT64, e, 3);
    gr_array_free(c);

    /* Strings: buffers built through one handle are seen through the other. */
    {
        gr_buf bufs[2];
        const uint8_t *d1 = NULL;
        const uint8_t *d2 = NULL;
        size_t l1 = 0;
        size_t l2 = 0;
        const size_t *o1 = NULL;
        const size_t *o2 = NULL;
        bufs[0] = buf_of("ab");
        bufs[1] = buf_of(E_ACUTE);
        a = array_new(GR_ATTR_STRING, bufs, NULL, 2);
        CHECK_OK(gr_array_clone(a, &b));
        CHECK_OK(gr_array_buffers(a, &d1, &l1, &o1));
        CHECK_OK(gr_array_buffers(b, &d2, &l2, &o2));
        CHECK(d1 == d2 && o1 == o2 && l1 == l2);
        gr_array_free(b);
        CHECK_BYTES(d1, l1, "ab" E_ACUTE, 4);
        gr_array_free(a);
    }
}

int main(void)
{
    test_slices();
    test_clones();
    return CHECK_SUMMARY();
}
