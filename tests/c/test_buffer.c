/*
 * test_buffer.c: a graph saved to and loaded from a byte buffer (gr_graph_save_buffer,
 * gr_graph_load_buffer): the same graph comes back, the bytes are what gr_graph_save writes
 * to a file, and damaged bytes are GR_STATUS_IO without a crash. Valid C99 and C++17.
 */

#include "check.h"

static gr_graph *sample(void)
{
    gr_graph *g = NULL;
    gr_attr_value w = v_f64(2.5);
    gr_buf name = {(const uint8_t *)"w", 1};
    CHECK_OK(gr_graph_new(true, &g));
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("two"), &name, &w, 1));
    CHECK_OK(gr_graph_add_node(g, IK(-7), NULL, NULL, 0));
    return g;
}

static void test_round_trip(void)
{
    gr_graph *g = sample();
    gr_buffer *buffer = NULL;
    const uint8_t *data = NULL;
    size_t len = 0;
    gr_graph *back = NULL;
    bool directed = false, found = false;
    gr_attr_value value;
    CHECK_OK(gr_graph_save_buffer(g, &buffer));
    CHECK_OK(gr_buffer_data(buffer, &data, &len));
    CHECK(len > 8 && data != NULL);
    CHECK_OK(gr_graph_load_buffer(data, len, &back));
    CHECK_EQ(node_count(back), 3);
    CHECK_EQ(edge_count(back), 1);
    CHECK_OK(gr_graph_is_directed(back, &directed));
    CHECK(directed);
    CHECK_OK(gr_graph_has_node(back, IK(-7), &found));
    CHECK(found);
    CHECK_OK(gr_graph_get_edge_attr(back, IK(1), SK("two"), "w", 1, &value, &found));
    CHECK(found);
    CHECK_EQ(value.tag, GR_ATTR_FLOAT64);
    CHECK(value.data.f64 == 2.5);
    gr_graph_free(back);
    gr_graph_free(g);
    /* The buffer outlives the graph it came from. */
    CHECK_OK(gr_graph_load_buffer(data, len, &back));
    CHECK_EQ(node_count(back), 3);
    gr_graph_free(back);
    gr_buffer_free(buffer);
    gr_buffer_free(NULL);
}

static void test_damaged_bytes(void)
{
    gr_graph *g = sample();
    gr_buffer *buffer = NULL;
    const uint8_t *data = NULL;
    size_t len = 0;
    gr_graph *back = NULL;
    CHECK_OK(gr_graph_save_buffer(g, &buffer));
    CHECK_OK(gr_buffer_data(buffer, &data, &len));
    /* Every truncation, and every single flipped byte, is refused. */
    for (size_t cut = 0; cut < len; cut++) {
        CHECK_ERR(gr_graph_load_buffer(data, cut, &back), GR_STATUS_IO, "load_buffer");
        CHECK(back == NULL);
    }
    uint8_t *copy = (uint8_t *)malloc(len);
    CHECK(copy != NULL);
    for (size_t at = 0; at < len; at++) {
        memcpy(copy, data, len);
        copy[at] ^= 0x5a;
        gr_status s = gr_graph_load_buffer(copy, len, &back);
        CHECK(s == GR_STATUS_IO);
        CHECK(back == NULL);
    }
    free(copy);
    CHECK_ERR(gr_graph_load_buffer(NULL, 5, &back), GR_STATUS_INVALID_ARGUMENT, "NULL");
    CHECK_ERR(gr_graph_load_buffer(data, len, NULL), GR_STATUS_INVALID_ARGUMENT, "NULL");
    CHECK_ERR(gr_graph_save_buffer(NULL, &buffer), GR_STATUS_INVALID_ARGUMENT, "NULL");
    CHECK_ERR(gr_buffer_data(NULL, &data, &len), GR_STATUS_INVALID_ARGUMENT, "NULL");
    gr_buffer_free(buffer);
    gr_graph_close(g);
    CHECK_ERR(gr_graph_save_buffer(g, &buffer), GR_STATUS_INVALID_OPERATION, "closed");
    gr_graph_free(g);
}

int main(void)
{
    test_round_trip();
    test_damaged_bytes();
    return CHECK_SUMMARY();
}
