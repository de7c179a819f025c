// Tests of the Arrow calls of include/groggy.hpp: Array::export_arrow and from_arrow, a
// graph's edge and node tables as Arrow streams loaded into another graph, and a bad
// table that throws and changes nothing.

#include "check.hpp"

#include <cstdint>
#include <string>
#include <vector>

using groggy::Array;

static void test_array_round_trip() {
    Array a = Array::of(std::vector<double>{0.5, 1.5, -2.0});
    ArrowArray out{};
    ArrowSchema schema{};
    a.export_arrow(&out, &schema);
    CHECK(std::string(schema.format) == "g" && out.length == 3);
    CHECK(out.buffers[1] == a.data<double>()); // the export is the array's memory
    Array back = Array::from_arrow(out, schema);
    CHECK(back.size() == 3 && back.data<double>()[2] == -2.0);
    CHECK(back.data<double>() != a.data<double>()); // reading is a copy
    out.release(&out);
    schema.release(&schema);
}

static void test_tables_load_into_another_graph() {
    Graph g(true);
    g.add_edge("a", "b", {{"w", 0.5}});
    g.add_edge("b", "c", {{"w", 1.5}});
    g.add_node("lonely", {{"size", 3}});
    ArrowArrayStream nodes{}, edges{};
    g.node_table_arrow({"size"}, {"key", "size"}, &nodes);
    g.edge_table_arrow({"w"}, {"from", "to", "w"}, &edges);
    Graph h(true);
    h.add_nodes_arrow(&nodes);
    h.add_edges_arrow(&edges, "from", "to");
    nodes.release(&nodes);
    edges.release(&edges);
    CHECK((texts(h.nodes()) == Strings{"sa", "sb", "sc", "slonely"}));
    CHECK(h.edge_attr("b", "c", "w")->as<double>() == 1.5);
    CHECK(h.node_attr("lonely", "size")->as<int64_t>() == 3);
    CHECK(!h.node_attr("a", "size").has_value()); // a null: no attribute
}

static void test_a_bad_table_throws_and_changes_nothing() {
    Graph g;
    g.add_edge(1, 2);
    ArrowArrayStream edges{};
    g.edge_table_arrow({}, {"source", "target"}, &edges);
    Graph h;
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "add_edges_arrow", h.add_edges_arrow(&edges, "u", "v"));
    edges.release(&edges);
    CHECK(h.node_count() == 0);
    ArrowArrayStream nodes{};
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "node_table_arrow",
                 g.node_table_arrow({}, {"key", "extra"}, &nodes));
}

int main() {
    test_array_round_trip();
    test_tables_load_into_another_graph();
    test_a_bad_table_throws_and_changes_nothing();
    std::printf("%d passed, 0 failed\n", passed);
    return 0;
}
