/*
 * test_native_damaged.c: gr_graph_load of damaged files: every truncation, every byte
 * flipped, inflated section lengths and counts with valid checksums, future and zero
 * versions, wrong magic, trailing bytes, empty, missing, a folder; all GR_STATUS_IO with a
 * message.
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

int main(void)
{
    make_work_dir();

    test_load_damaged_files();

    remove_tree(work_dir);
    return CHECK_SUMMARY();
}
