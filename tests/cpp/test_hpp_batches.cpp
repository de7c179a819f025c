// Tests of the batch calls of include/groggy.hpp: add_nodes / add_edges with sparse
// attributes, and add_edges_int / add_edges_columns / add_nodes_columns / add_adjacency with
// columns made by Array::of. A bad batch throws and changes nothing.

#include "check.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

using groggy::Array;
using groggy::KeyArray;

static void test_key_array() {
    KeyArray k{1, "one", "", -5};
    CHECK(k.size() == 4 && !k.empty() && KeyArray().empty());
    CHECK(k[0] == Key(1) && k[1] == Key("one") && k[2] == Key("") && k[3] == Key(-5));
    CHECK(k[2].is_str() && k[0].is_int());
    // The strings are copied.
    std::string s = "abc";
    KeyArray c;
    c.push_back(s);
    s = "xyz";
    CHECK(c[0] == Key("abc") && c.c_str_len() == 3 && c.c_offsets()[1] == 3);
    // From the keys of a result.
    Graph g;
    g.add_edge("a", 2);
    Keys nodes = g.nodes();
    KeyArray from(nodes.begin(), nodes.end());
    CHECK(from.size() == 2 && from[0] == Key("a") && from[1] == Key(2));
}

static void test_add_nodes_and_edges() {
    Graph g(true);
    g.add_nodes({1, "b", 3}, {{0, "age", 30}, {1, "name", "bee"}, {0, "age", 31}});
    CHECK((texts(g.nodes()) == Strings{"i1", "sb", "i3"}));
    CHECK(g.node_attr(1, "age") == std::optional<Value>(Value(31))); // later entries win
    CHECK(g.node_attr("b", "name")->as<std::string>() == "bee");
    CHECK(!g.node_attr(3, "age").has_value());

    g.add_edges({1, "b"}, {"b", "new"}, {{1, "w", 2.5}});
    CHECK(g.edge_count() == 2 && g.has_edge(1, "b") && g.has_edge("b", "new"));
    CHECK(!g.has_edge("b", 1));
    CHECK(g.edge_attr("b", "new", "w")->as<double>() == 2.5);
    CHECK(!g.edge_attr(1, "b", "w").has_value());
    groggy::EdgeKeys e = g.edges();
    CHECK(e.size() == 2 && (texts(e.sources) == Strings{"i1", "sb"}) &&
          (texts(e.targets) == Strings{"sb", "snew"}));

    // An item index past the batch: nothing changes.
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "add_nodes", g.add_nodes({7, 8}, {{2, "x", 1}}));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "add_edges", g.add_edges({7}, {8}, {{1, "x", 1}}));
    CHECK(g.node_count() == 4 && g.edge_count() == 2 && !g.has_node(7));
    // Sources and targets of different lengths never reach the library.
    bool threw = false;
    try {
        g.add_edges({1, 2}, {3});
    } catch (const std::invalid_argument &) {
        threw = true;
    }
    CHECK(threw && g.node_count() == 4);
    // Empty batches are fine.
    g.add_nodes({});
    g.add_edges({}, {});
    CHECK(g.node_count() == 4);
}

static void test_columns() {
    Array w = Array::of(std::vector<double>{0.5, 1.5, 2.5});
    Array n = Array::of(std::vector<int64_t>{10, 20, 30});
    CHECK(w.size() == 3 && w.kind() == GR_ATTR_FLOAT64 && w.data<double>()[1] == 1.5);
    CHECK(n.kind() == GR_ATTR_INT64 && n.at(2) == Value(30));

    Graph g;
    g.add_edges_int({1, 2, 3}, {2, 3, 1}, {{"w", w}, {"n", n}});
    CHECK(g.edge_count() == 3 && g.has_edge(1, 3));
    CHECK(g.edge_attr(2, 3, "w")->as<double>() == 1.5);
    CHECK(g.edge_attr(3, 1, "n") == std::optional<Value>(Value(30)));
    g.add_edges_int({4}, {5});
    CHECK(g.edge_count() == 4 && !g.edge_attr(4, 5, "w").has_value());

    g.add_edges_columns({"x", 1, "y"}, {"y", "x", 4}, {{"w", w}});
    CHECK(g.edge_count() == 7 && g.edge_attr(1, "x", "w")->as<double>() == 1.5);
    g.add_nodes_columns({"x", 9, 1}, {{"n", n}});
    CHECK(g.node_attr(9, "n") == std::optional<Value>(Value(20)));
    CHECK(g.node_attr(1, "n") == std::optional<Value>(Value(30)) && !g.has_node("9"));

    // A column whose length is not the batch's: an error, nothing changed.
    Array short_col = Array::of(std::vector<double>{1.0});
    size_t nodes = g.node_count(), edges = g.edge_count();
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "add_edges_from_arrays",
                 g.add_edges_int({100, 101}, {102, 103}, {{"w", short_col}}));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "add_edges_from_arrays",
                 g.add_edges_columns({"p", "q"}, {"r", "s"}, {{"w", short_col}}));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "add_nodes",
                 g.add_nodes_columns({"p", "q"}, {{"w", short_col}}));
    CHECK(g.node_count() == nodes && g.edge_count() == edges && !g.has_node(100));
    bool threw = false;
    try {
        g.add_edges_int({1}, {});
    } catch (const std::invalid_argument &) {
        threw = true;
    }
    CHECK(threw);
}

// Neighbour lists by node position: each list keeps its order; one value per entry.
static void test_adjacency() {
    Graph g(true);
    g.add_nodes({0, 1, 2, 3});
    Array w = Array::of(std::vector<double>{0.5, 1.5, 2.5, 3.5});
    // 0 -> [2, 3], 1 -> [3, 2]; 2 <- [1, 0], 3 <- [0, 1].
    g.add_adjacency({0, 2, 4, 4, 4}, {2, 3, 3, 2}, {{"w", w}}, {0, 0, 0, 2, 4}, {1, 0, 0, 1});
    CHECK((texts(g.neighbors(0)) == Strings{"i2", "i3"}));
    CHECK((texts(g.neighbors(1)) == Strings{"i3", "i2"}));
    CHECK(g.edge_count() == 4 && g.edge_attr(1, 2, "w")->as<double>() == 3.5);
    g.add_adjacency({}, {});
    CHECK(g.edge_count() == 4);
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "add_adjacency",
                 g.add_adjacency({0, 1}, {9}));
    bool threw = false;
    try {
        g.add_adjacency({0, 1}, {2}, {}, {0});
    } catch (const std::invalid_argument &) {
        threw = true;
    }
    CHECK(threw && g.edge_count() == 4);
}

int main() {
    test_key_array();
    test_add_nodes_and_edges();
    test_columns();
    test_adjacency();
    std::printf("%d passed, 0 failed\n", passed);
    return 0;
}
