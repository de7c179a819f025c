/*
 * test_arrays_aggregates.c: gr_array sum / mean / min / max with nulls skipped, NaN skipped
 * by min and max, int overflow an error, strings not summable, empty and all-null arrays.
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

/* ----- aggregates ----------------------------------------------------------------------------- */

static void check_sum_at(const char *file, int line, const gr_array *a, const gr_attr_value *want)
{
    gr_attr_value v = sentinel_value();
    gr_status s = gr_array_sum(a, &v);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_array_sum: status %d", (int)s);
    }
    check_value_at(file, line, "sum", &v, want);
}
#define CHECK_SUM(a, want) check_sum_at(__FILE__, __LINE__, (a), (want))

static void check_mean_at(const char *file, int line, const gr_array *a, int found_expected,
                          double want)
{
    double mean = 12345.0;
    bool found = !found_expected;
    gr_status s = gr_array_mean(a, &mean, &found);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_array_mean: status %d", (int)s);
    }
    if ((int)found != found_expected) {
        check_fail(file, line, "mean: found %d", (int)found);
    }
    if (found_expected ? !(mean - want <= 1e-12 * (want < 0 ? -want : want + 1.0) &&
                           want - mean <= 1e-12 * (want < 0 ? -want : want + 1.0))
                       : mean != 12345.0) {
        check_fail(file, line, "mean: %.17g, expected %.17g", mean, want);
    }
    check_pass();
}
#define CHECK_MEAN(a, want) check_mean_at(__FILE__, __LINE__, (a), 1, (want))
#define CHECK_NO_MEAN(a) check_mean_at(__FILE__, __LINE__, (a), 0, 0.0)

/* min (or max, `max` != 0) is `want`, or there is none when `want` is NULL. */
static void check_extreme_at(const char *file, int line, const gr_array *a, int max,
                             const gr_attr_value *want)
{
    gr_attr_value v = sentinel_value();
    bool found = want == NULL;
    gr_status s = max ? gr_array_max(a, &v, &found) : gr_array_min(a, &v, &found);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_array_%s: status %d", max ? "max" : "min", (int)s);
    }
    if (want == NULL) {
        if (found || !is_sentinel_value(&v)) {
            check_fail(file, line, "%s: found a value in an array without one", max ? "max" : "min");
        }
        check_pass();
        return;
    }
    if (!found) {
        check_fail(file, line, "%s: not found", max ? "max" : "min");
    }
    check_value_at(file, line, max ? "max" : "min", &v, want);
    gr_attr_value_release(&v);
}
#define CHECK_MIN(a, want) check_extreme_at(__FILE__, __LINE__, (a), 0, (want))
#define CHECK_MAX(a, want) check_extreme_at(__FILE__, __LINE__, (a), 1, (want))

static void test_aggregates(void)
{
    gr_array *a;
    gr_attr_value w;
    gr_attr_value w2;
    gr_attr_value v = sentinel_value();
    double mean = 12.5;
    bool found = true;

    /* Ints with a null: skipped everywhere. */
    {
        static const int64_t xs[3] = {2, 999, 5};
        static const uint8_t mask[3] = {1, 0, 1};
        a = array_new(GR_ATTR_INT64, xs, mask, 3);
        w = v_i64(7);
        CHECK_SUM(a, &w);
        CHECK_MEAN(a, 3.5);
        w = v_i64(2);
        CHECK_MIN(a, &w);
        w = v_i64(5);
        CHECK_MAX(a, &w);
        gr_array_free(a);
    }
    /* Narrow ints sum to INT64 without overflowing their own width; min keeps the width. */
    {
        static const int8_t xs[4] = {-128, 127, 127, -1};
        a = array_new(GR_ATTR_INT8, xs, NULL, 4);
        w = v_i64(125);
        CHECK_SUM(a, &w);
        CHECK_MEAN(a, 31.25);
        w = v_i8(-128);
        CHECK_MIN(a, &w);
        w = v_i8(127);
        CHECK_MAX(a, &w);
        gr_array_free(a);
    }
    {
        static const int16_t xs[2] = {INT16_MAX, INT16_MAX};
        a = array_new(GR_ATTR_INT16, xs, NULL, 2);
        w = v_i64(2 * (int64_t)INT16_MAX);
        CHECK_SUM(a, &w);
        gr_array_free(a);
    }
    {
        static const int32_t xs[3] = {INT32_MIN, INT32_MIN, 5};
        a = array_new(GR_ATTR_INT32, xs, NULL, 3);
        w = v_i64(2 * (int64_t)INT32_MIN + 5);
        CHECK_SUM(a, &w);
        w = v_i32(INT32_MIN);
        CHECK_MIN(a, &w);
        w = v_i32(5);
        CHECK_MAX(a, &w);
        gr_array_free(a);
    }
    /* Bools count as 0 and 1. */
    {
        static const uint8_t bs[4] = {1, 0, 1, 1};
        static const uint8_t mask[4] = {1, 1, 1, 0};
        a = array_new(GR_ATTR_BOOL, bs, mask, 4);
        w = v_i64(2);
        CHECK_SUM(a, &w);
        CHECK_MEAN(a, 2.0 / 3.0);
        w = v_bool(false);
        CHECK_MIN(a, &w);
        w = v_bool(true);
        CHECK_MAX(a, &w);
        gr_array_free(a);
    }
    /* Floats: NaN is skipped by every aggregate (as pandas); sum and mean are FLOAT64. */
    {
        double xs[5];
        static const uint8_t mask[5] = {1, 1, 1, 0, 1};
        xs[0] = 1.5;
        xs[1] = NAN;
        xs[2] = -1.0;
        xs[3] = -100.0;
        xs[4] = 0.5;
        a = array_new(GR_ATTR_FLOAT64, xs, mask, 5);
        w = v_f64(-1.0);
        CHECK_MIN(a, &w);
        w = v_f64(1.5);
        CHECK_MAX(a, &w);
        /* Valid: 1.5, NaN, -1.0 and 0.5; the NaN is skipped. */
        w = v_f64(1.0);
        CHECK_SUM(a, &w);
        CHECK_MEAN(a, 1.0 / 3.0);
        gr_array_free(a);
        /* Without the NaN. */
        xs[1] = 2.0;
        a = array_new(GR_ATTR_FLOAT64, xs, mask, 5);
        w = v_f64(3.0);
        CHECK_SUM(a, &w);
        CHECK_MEAN(a, 0.75);
        gr_array_free(a);
        /* NaN first: still skipped. */
        xs[0] = NAN;
        xs[1] = NAN;
        a = array_new(GR_ATTR_FLOAT64, xs, NULL, 5);
        w = v_f64(-100.0);
        CHECK_MIN(a, &w);
        w = v_f64(0.5);
        CHECK_MAX(a, &w);
        gr_array_free(a);
        /* Only NaN: no min, no max. */
        a = array_new(GR_ATTR_FLOAT64, xs, NULL, 2);
        CHECK_MIN(a, NULL);
        CHECK_MAX(a, NULL);
        gr_array_free(a);
    }
    {
        float xs[3];
        xs[0] = 0.5f;
        xs[1] = NAN;
        xs[2] = -2.5f;
        a = array_new(GR_ATTR_FLOAT32, xs, NULL, 3);
        w = v_f32(-2.5f);
        CHECK_MIN(a, &w);
        w = v_f32(0.5f);
        CHECK_MAX(a, &w);
        gr_array_free(a);
        a = array_new(GR_ATTR_FLOAT32, xs, NULL, 1);
        w = v_f64(0.5);
        CHECK_SUM(a, &w);
        gr_array_free(a);
    }
    /* Int sums that overflow are errors, whichever way. */
    {
        int64_t xs[2];
        xs[0] = INT64_MAX;
        xs[1] = 1;
        a = array_new(GR_ATTR_INT64, xs, NULL, 2);
        v = sentinel_value();
        CHECK_ERR(gr_array_sum(a, &v), IA, "does not fit in int64");
        CHECK(strncmp(gr_last_error_message(), "sum: ", 5) == 0);
        CHECK(is_sentinel_value(&v));
        /* The mean is computed in floating point and does not overflow. */
        CHECK_MEAN(a, ((double)INT64_MAX + 1.0) / 2.0);
        gr_array_free(a);
        xs[0] = INT64_MIN;
        xs[1] = -1;
        a = array_new(GR_ATTR_INT64, xs, NULL, 2);
        CHECK_ERR(gr_array_sum(a, &v), IA, "does not fit in int64");
        gr_array_free(a);
        /* The overflowing entry is null: no overflow. */
        {
            static const uint8_t mask[2] = {1, 0};
            a = array_new(GR_ATTR_INT64, xs, mask, 2);
            w = v_i64(INT64_MIN);
            CHECK_SUM(a, &w);
            gr_array_free(a);
        }
    }
    /* Strings and bytes: min and max by bytes; sum and mean are errors. */
    {
        gr_buf bufs[5];
        static const uint8_t mask[5] = {1, 1, 1, 0, 1};
        bufs[0] = buf_of("b");
        bufs[1] = buf_of(E_ACUTE);
        bufs[2] = buf_of("");
        bufs[3] = buf_of("zzz");
        bufs[4] = buf_of("ab");
        a = array_new(GR_ATTR_STRING, bufs, mask, 5);
        w = v_str("");
        CHECK_MIN(a, &w);
        w = v_str(E_ACUTE);
        CHECK_MAX(a, &w);
        v = sentinel_value();
        mean = 12.5;
        found = true;
        CHECK_ERR(gr_array_sum(a, &v), IA, "sum: not defined for an array of kind str");
        CHECK_ERR(gr_array_mean(a, &mean, &found), IA, "mean: not defined for an array of kind str");
        CHECK(is_sentinel_value(&v) && mean == 12.5 && found);
        gr_array_free(a);
        bufs[0] = bufn("\0\0", 2);
        bufs[1] = bufn("\1", 1);
        bufs[2] = bufn("\0", 1);
        a = array_new(GR_ATTR_BYTES, bufs, NULL, 3);
        w = v_bytes("\0", 1);
        CHECK_MIN(a, &w);
        w = v_bytes("\1", 1);
        CHECK_MAX(a, &w);
        CHECK_ERR(gr_array_sum(a, &v), IA, "sum: not defined for an array of kind bytes");
        gr_array_free(a);
    }
    /* Mixed: numbers of several kinds aggregate as numbers; anything else is an error. */
    {
        gr_attr_value in[5];
        static const uint8_t mask[5] = {1, 1, 0, 1, 1};
        in[0] = v_i64(1);
        in[1] = v_f64(2.5);
        in[2] = v_str("masked out");
        in[3] = v_i8(-4);
        in[4] = v_bool(true);
        a = array_new(GR_ATTR_MIXED, in, mask, 5);
        w = v_f64(0.5);
        CHECK_SUM(a, &w);
        CHECK_MEAN(a, 0.125);
        w = v_i8(-4);
        CHECK_MIN(a, &w);
        w = v_f64(2.5);
        CHECK_MAX(a, &w);
        gr_array_free(a);
        /* Only integers: an exact INT64 sum. */
        in[1] = v_i64(INT64_MAX - 1);
        a = array_new(GR_ATTR_MIXED, in, mask, 5);
        w = v_i64(INT64_MAX - 3);
        CHECK_SUM(a, &w);
        gr_array_free(a);
    }
    {
        gr_attr_value in[2];
        in[0] = v_i64(1);
        in[1] = v_str("x");
        a = array_new(GR_ATTR_MIXED, in, NULL, 2);
        v = sentinel_value();
        mean = 12.5;
        found = true;
        CHECK_ERR(gr_array_sum(a, &v), IA, "sum: not defined for a mixed array holding a str value");
        CHECK_ERR(gr_array_mean(a, &mean, &found), IA,
                  "mean: not defined for a mixed array holding a str value");
        CHECK_ERR(gr_array_min(a, &v, &found), IA, "min: not defined for a mixed array holding a str value");
        CHECK_ERR(gr_array_max(a, &v, &found), IA, "max: not defined for a mixed array holding a str value");
        CHECK(is_sentinel_value(&v) && mean == 12.5 && found);
        gr_array_free(a);
    }
    /* Empty and all-null arrays: a zero sum, no mean, no min or max. */
    {
        static const int64_t xs[2] = {1, 2};
        static const uint8_t none[2] = {0, 0};
        a = array_new(GR_ATTR_INT64, NULL, NULL, 0);
        w = v_i64(0);
        CHECK_SUM(a, &w);
        CHECK_NO_MEAN(a);
        CHECK_MIN(a, NULL);
        CHECK_MAX(a, NULL);
        gr_array_free(a);
        a = array_new(GR_ATTR_INT64, xs, none, 2);
        CHECK_SUM(a, &w);
        CHECK_NO_MEAN(a);
        CHECK_MIN(a, NULL);
        CHECK_MAX(a, NULL);
        gr_array_free(a);
        a = array_new(GR_ATTR_NULL, NULL, NULL, 3);
        CHECK_NO_MEAN(a);
        CHECK_MIN(a, NULL);
        CHECK_MAX(a, NULL);
        CHECK_OK(gr_array_sum(a, &v));
        CHECK(v.tag == GR_ATTR_INT64 || v.tag == GR_ATTR_FLOAT64);
        CHECK(v.tag == GR_ATTR_INT64 ? v.data.i64 == 0 : v.data.f64 == 0.0);
        v = sentinel_value();
        gr_array_free(a);
        a = array_new(GR_ATTR_FLOAT64, NULL, NULL, 0);
        CHECK_OK(gr_array_sum(a, &w2));
        CHECK_EQ(w2.tag, GR_ATTR_FLOAT64);
        CHECK(w2.data.f64 == 0.0);
        CHECK_NO_MEAN(a);
        gr_array_free(a);
        a = array_new(GR_ATTR_STRING, NULL, NULL, 0);
        CHECK_MIN(a, NULL);
        CHECK_ERR(gr_array_sum(a, &v), IA, "sum: not defined for an array of kind str");
        gr_array_free(a);
    }
}

/*
 * gr_array_sum: "an error if it overflows". The sum of INT64_MAX, 1 and -1 is INT64_MAX,
 * but the running total overflows on the way, so the answer depends on the order.
 */
static void bug_sum_overflow_depends_on_order(void)
{
    int64_t xs[3];
    gr_array *a;
    gr_attr_value v = sentinel_value();
    gr_status s;
    xs[0] = 1;
    xs[1] = -1;
    xs[2] = INT64_MAX;
    a = array_new(GR_ATTR_INT64, xs, NULL, 3);
    CHECK_OK(gr_array_sum(a, &v));
    CHECK(v.tag == GR_ATTR_INT64 && v.data.i64 == INT64_MAX);
    gr_array_free(a);
    xs[0] = INT64_MAX;
    xs[1] = 1;
    xs[2] = -1;
    a = array_new(GR_ATTR_INT64, xs, NULL, 3);
    v = sentinel_value();
    s = gr_array_sum(a, &v);
    EXPECT(s == GR_STATUS_OK && v.tag == GR_ATTR_INT64 && v.data.i64 == INT64_MAX,
           "gr_array_sum([INT64_MAX, 1, -1]): status %d (\"%s\"), expected INT64_MAX as for "
           "[1, -1, INT64_MAX]",
           (int)s, s == GR_STATUS_OK ? "" : gr_last_error_message());
    gr_array_free(a);
}

int main(void)
{
    test_aggregates();

    bug_sum_overflow_depends_on_order();
    return CHECK_SUMMARY();
}
