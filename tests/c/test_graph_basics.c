/*
 * test_graph_basics.c: the library and ABI versions and the status strings of include/groggy.h.
 *
 * Valid C99 and C++17; see run.sh.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_checks.h"

/* ----- tests ------------------------------------------------------------------------------ */

static void test_versions(void)
{
    char built[64];
    const char *v = gr_version();
    CHECK(v != NULL);
    CHECK_STREQ(v, GR_VERSION_STRING);
    CHECK_EQ(GR_ABI_VERSION, 2);
    CHECK_EQ(gr_abi_version(), GR_ABI_VERSION);
    snprintf(built, sizeof built, "%d.%d.%d", GR_VERSION_MAJOR, GR_VERSION_MINOR,
             GR_VERSION_PATCH);
    CHECK_STREQ(built, GR_VERSION_STRING);
    /* Static: the same pointer every time. */
    CHECK(gr_version() == v);
}

static void test_status_strings(void)
{
    static const gr_status known[] = {
        GR_STATUS_OK, GR_STATUS_NODE_NOT_FOUND, GR_STATUS_EDGE_NOT_FOUND,
        GR_STATUS_INVALID_OPERATION, GR_STATUS_INVALID_ARGUMENT, GR_STATUS_OUT_OF_MEMORY,
        GR_STATUS_ALGORITHM, GR_STATUS_NO_PATH, GR_STATUS_IO, GR_STATUS_CANCELLED,
        GR_STATUS_INTERNAL, GR_STATUS_ATTRIBUTE_NOT_FOUND, GR_STATUS_CALLBACK,
    };
    static const gr_status unknown[] = {13, 99, 1000, -1, INT32_MIN, INT32_MAX};
    const size_t n_known = sizeof known / sizeof known[0];
    const char *unknown_text = gr_status_str(99);
    size_t i;
    size_t j;
    /* Codes are numbered explicitly and never change. */
    CHECK_EQ(GR_STATUS_OK, 0);
    CHECK_EQ(GR_STATUS_NODE_NOT_FOUND, 1);
    CHECK_EQ(GR_STATUS_EDGE_NOT_FOUND, 2);
    CHECK_EQ(GR_STATUS_INVALID_OPERATION, 3);
    CHECK_EQ(GR_STATUS_INVALID_ARGUMENT, 4);
    CHECK_EQ(GR_STATUS_OUT_OF_MEMORY, 5);
    CHECK_EQ(GR_STATUS_ALGORITHM, 6);
    CHECK_EQ(GR_STATUS_NO_PATH, 7);
    CHECK_EQ(GR_STATUS_IO, 8);
    CHECK_EQ(GR_STATUS_CANCELLED, 9);
    CHECK_EQ(GR_STATUS_INTERNAL, 10);
    CHECK_EQ(GR_STATUS_ATTRIBUTE_NOT_FOUND, 11);
    CHECK_EQ(GR_STATUS_CALLBACK, 12);
    CHECK(unknown_text != NULL && unknown_text[0] != '\0');
    for (i = 0; i < n_known; i++) {
        const char *text = gr_status_str(known[i]);
        CHECK(text != NULL);
        CHECK(text[0] != '\0');
        /* Each known code has its own description, different from the unknown one. */
        CHECK(strcmp(text, unknown_text) != 0);
        for (j = 0; j < i; j++) {
            CHECK(strcmp(text, gr_status_str(known[j])) != 0);
        }
    }
    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        const char *text = gr_status_str(unknown[i]);
        CHECK(text != NULL);
        CHECK(text[0] != '\0');
        CHECK_STREQ(text, unknown_text);
    }
    /* The last error message is "" before any failure on a thread. */
    CHECK(gr_last_error_message() != NULL);
    CHECK_STREQ(gr_last_error_message(), "");
}

int main(void)
{
    test_versions();
    test_status_strings();
    return CHECK_SUMMARY();
}
