// Tests of the filters of include/groggy.hpp: filter_nodes / filter_edges with a C++
// predicate (attributes read through AttrsView; an exception it throws stops the filter,
// never crosses the C library and is rethrown unchanged) and the query variants.

#include "check.hpp"

#include <stdexcept>
#include <string>

namespace {
struct Boom : std::runtime_error {
    Boom() : std::runtime_error("boom") {}
};
} // namespace

static Graph club() {
    Graph g(true);
    g.add_node("ann", {{"age", 34}, {"club", "Blue"}});
    g.add_node("bob", {{"age", 25}, {"club", "Red"}});
    g.add_node(7, {{"age", Value()}});
    g.add_node("cy");
    g.add_edge("ann", "bob", {{"w", 2.0}});
    g.add_edge("bob", 7, {{"w", 0.5}, {"tag", "x"}});
    g.add_edge(7, "cy");
    return g;
}

static void test_filter_nodes() {
    Graph g = club();
    Keys adults = g.filter_nodes([](const Key &, const groggy::AttrsView &a) {
        std::optional<Value> age = a.get("age");
        return age && age->is<int64_t>() && age->as<int64_t>() > 30;
    });
    CHECK((texts(adults) == Strings{"sann"}));
    // Keys of both kinds reach the predicate; the attributes come in column order, and a
    // null attribute is present (unlike an absent one).
    Strings seen;
    Keys with_age = g.filter_nodes([&](const Key &k, const groggy::AttrsView &a) {
        std::ostringstream s;
        s << k << ":" << a.size();
        if (a.size() > 0) s << ":" << a.name(0);
        seen.push_back(s.str());
        return a.get("age").has_value();
    });
    CHECK((seen == Strings{"ann:2:age", "bob:2:age", "7:1:age", "cy:0"}));
    CHECK((texts(with_age) == Strings{"sann", "sbob", "i7"}));
    CHECK(g.filter_nodes([](const Key &, const groggy::AttrsView &) { return false; }).empty());

    // An exception stops the filter at once and comes out as it was thrown.
    int calls = 0;
    bool caught = false;
    try {
        (void)g.filter_nodes([&](const Key &k, const groggy::AttrsView &) -> bool {
            ++calls;
            if (k == Key("bob")) throw Boom();
            return true;
        });
    } catch (const Boom &) {
        caught = true;
    }
    CHECK(caught && calls == 2);
    // The library saw a callback that stopped the call, and the graph still works.
    CHECK(g.node_count() == 4 && g.filter_nodes_query("age < 30").size() == 1);

    // An empty predicate: std::bad_function_call, rethrown the same way.
    caught = false;
    try {
        (void)g.filter_nodes(groggy::NodePredicate());
    } catch (const std::bad_function_call &) {
        caught = true;
    }
    CHECK(caught);
}

static void test_filter_edges() {
    Graph g = club();
    groggy::EdgeKeys heavy =
        g.filter_edges([](const Key &, const Key &, const groggy::AttrsView &a) {
            std::optional<Value> w = a.get("w");
            return w && w->as<double>() > 1.0;
        });
    CHECK(heavy.size() == 1 && (texts(heavy.sources) == Strings{"sann"}) &&
          (texts(heavy.targets) == Strings{"sbob"}));
    groggy::EdgeKeys to_int = g.filter_edges(
        [](const Key &, const Key &v, const groggy::AttrsView &a) {
            return v.is_int() && a.value(1) == Value("x");
        });
    CHECK(to_int.size() == 1 && to_int.sources[0] == Key("bob") && to_int.targets[0] == Key(7));

    int calls = 0;
    bool caught = false;
    try {
        (void)g.filter_edges([&](const Key &, const Key &, const groggy::AttrsView &) -> bool {
            ++calls;
            throw Boom();
        });
    } catch (const Boom &) {
        caught = true;
    }
    CHECK(caught && calls == 1 && g.edge_count() == 3);
}

static void test_queries() {
    Graph g = club();
    CHECK((texts(g.filter_nodes_query("age > 30 OR club == 'Red'")) == Strings{"sann", "sbob"}));
    CHECK((texts(g.filter_nodes_query("NOT has(age)")) == Strings{"scy"}));
    CHECK(g.filter_nodes_query("age > 100").empty());
    groggy::EdgeKeys e = g.filter_edges_query("w < 1.0");
    CHECK(e.size() == 1 && e.sources[0] == Key("bob") && e.targets[0] == Key(7));
    CHECK(g.filter_edges_query("has(w)").size() == 2);
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "filter_nodes", g.filter_nodes_query("age >"));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "filter_edges", g.filter_edges_query("(w"));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "filter_nodes", g.filter_nodes_query(""));
}

int main() {
    test_filter_nodes();
    test_filter_edges();
    test_queries();
    std::printf("%d passed, 0 failed\n", passed);
    return 0;
}
