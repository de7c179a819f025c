// Tests of include/groggy.hpp, the C++ client: every wrapper, the errors it throws (status
// and operation from the C accessors), and moves. Run under valgrind by tests/cpp/run.sh,
// which fails on leaks, so a handle a wrapper forgot to free fails the run.

#include "check.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <type_traits>
#include <unistd.h>
#include <vector>

static void test_types() {
    // Handles are move-only, and moves never throw (so containers move them).
    static_assert(!std::is_copy_constructible_v<Graph> && !std::is_copy_assignable_v<Graph>);
    static_assert(std::is_nothrow_move_constructible_v<Graph>);
    static_assert(std::is_nothrow_move_assignable_v<Graph>);
    static_assert(!std::is_copy_constructible_v<Keys>);
    static_assert(std::is_nothrow_move_constructible_v<Keys>);
    static_assert(!std::is_copy_constructible_v<groggy::Array>);
    static_assert(!std::is_copy_constructible_v<groggy::NodeMap<double>>);
    static_assert(!std::is_copy_constructible_v<groggy::Components>);
    static_assert(!std::is_copy_constructible_v<groggy::Cancel>);
    static_assert(!std::is_copy_constructible_v<groggy::Pool>);
    static_assert(std::is_base_of_v<std::runtime_error, Error>);
    CHECK(std::string(groggy::version()) == GR_VERSION_STRING);
}

static void test_structure() {
    Graph u;
    CHECK(!u.is_directed());
    Graph d(true);
    CHECK(d.is_directed());

    // 1 and "1" are different nodes; a literal 0 is the int key 0, and "" a string key.
    u.add_node(1);
    u.add_node("1");
    u.add_node(0);
    u.add_node(std::string_view{});
    CHECK(u.node_count() == 4);
    CHECK(u.has_node(int64_t{1}) && u.has_node(std::string("1")) && u.has_node(""));
    CHECK(u.has_node(0) && !u.has_node(2) && !u.has_node("2"));
    CHECK((texts(u.nodes()) == Strings{"i1", "s1", "i0", "s"}));

    u.add_edge("alice", "bob");
    u.add_edge("alice", 42);
    CHECK(u.node_count() == 7 && u.edge_count() == 2);
    CHECK(u.has_edge("bob", "alice")); // undirected
    CHECK(u.degree("alice") == 2 && u.degree(42) == 1);
    CHECK((texts(u.neighbors("alice")) == Strings{"sbob", "i42"}));

    d.add_edge(1, 2);
    CHECK(d.has_edge(1, 2) && !d.has_edge(2, 1));

    u.remove_edge("alice", 42);
    CHECK(!u.has_edge("alice", 42) && u.has_node(42) && u.edge_count() == 1);
    u.remove_node("bob");
    CHECK(!u.has_node("bob") && u.edge_count() == 0 && u.degree("alice") == 0);

    // A copy is independent.
    Graph c = d.copy();
    c.add_edge(2, 3);
    CHECK(c.edge_count() == 2 && d.edge_count() == 1);
}

static void test_keys() {
    Graph g;
    g.add_edge("a", 1);
    g.add_edge("a", "b");
    Keys n = g.neighbors("a");
    CHECK(n.size() == 2 && !n.empty());
    CHECK(n[0] == Key(1) && n[1] == Key("b") && n[0] != Key("1"));
    CHECK(n[0].is_int() && n[0].as_int() == 1 && n[1].is_str() && n[1].as_str() == "b");
    CHECK(n.find("b") == std::optional<size_t>(1) && !n.find("zz") && n.contains(1));
    std::vector<Key> v = n.to_vector();
    CHECK(v.size() == 2 && v[1] == Key("b"));
    // An all-int list: the library gives no kinds array.
    Graph h;
    h.add_edge(5, 6);
    CHECK((texts(h.nodes()) == Strings{"i5", "i6"}));
    CHECK(g.neighbors("b").size() == 1 && h.nodes().find(6) == std::optional<size_t>(1));
}

static void test_attributes() {
    Graph g;
    g.add_node("alice", {{"age", 30}, {"name", "Alice"}});
    CHECK(g.node_attr("alice", "age") == std::optional<Value>(Value(30)));
    CHECK(g.node_attr("alice", "name")->as<std::string>() == "Alice");
    CHECK(!g.node_attr("alice", "missing").has_value());

    const Bytes blob{0, 1, 0, 255};
    g.set_node_attr("alice", "ok", true);
    g.set_node_attr("alice", "score", 2.5);
    g.set_node_attr("alice", "blob", blob);
    g.set_node_attr("alice", "text", std::string("a\0b", 3)); // embedded NUL kept
    g.set_node_attr("alice", "nothing", Value());
    CHECK(g.node_attr("alice", "ok")->as<bool>());
    CHECK(g.node_attr("alice", "score")->as<double>() == 2.5);
    CHECK(g.node_attr("alice", "blob")->as<Bytes>() == blob);
    CHECK(g.node_attr("alice", "text")->as<std::string>() == std::string("a\0b", 3));
    // Set to null: the node has it, and it is null (not absent).
    std::optional<Value> nothing = g.node_attr("alice", "nothing");
    CHECK(nothing && nothing->is_null() && !nothing->is<int64_t>());
    g.remove_node_attr("alice", "nothing");
    CHECK(!g.node_attr("alice", "nothing"));

    g.add_edge("alice", 7, {{"w", 1.5}});
    CHECK(g.edge_attr(7, "alice", "w")->as<double>() == 1.5);
    g.set_edge_attr("alice", 7, "label", "x");
    CHECK(g.edge_attr("alice", 7, "label") == std::optional<Value>(Value("x")));
    g.remove_edge_attr("alice", 7, "label");
    CHECK(!g.edge_attr("alice", 7, "label"));
    // Updating an edge through add_edge changes its attributes.
    g.add_edge("alice", 7, {{"w", 3.0}});
    CHECK(g.edge_attr("alice", 7, "w")->as<double>() == 3.0);

    // Narrow columns (int32, float32) read back as int64 and double.
    Graph n;
    n.add_node(1);
    n.add_node(2);
    const int32_t ints[2] = {-7, 9};
    const float floats[2] = {0.5f, -1.25f};
    gr_array *a = nullptr;
    gr_array *b = nullptr;
    groggy::detail::check(gr_array_new(GR_ATTR_INT32, ints, nullptr, 2, &a));
    groggy::Array ia(a); // owns it from here
    groggy::detail::check(gr_array_new(GR_ATTR_FLOAT32, floats, nullptr, 2, &b));
    groggy::Array fa(b);
    CHECK(ia.size() == 2 && ia.kind() == GR_ATTR_INT32 && ia.at(1) == Value(9));
    groggy::detail::check(gr_graph_set_node_array(n.handle(), "i", 1, ia.handle()));
    groggy::detail::check(gr_graph_set_node_array(n.handle(), "f", 1, fa.handle()));
    CHECK(n.node_attr(1, "i")->as<int64_t>() == -7 && n.node_attr(2, "i")->as<int64_t>() == 9);
    CHECK(n.node_attr(2, "f")->as<double>() == -1.25);

    // A kind this header does not know is refused, not read as null.
    gr_attr_value future{};
    future.tag = 99;
    bool threw = false;
    try {
        (void)Value::take(future);
    } catch (const std::runtime_error &) {
        threw = true;
    }
    CHECK(threw);
    gr_attr_value null_value{};
    null_value.tag = GR_ATTR_NULL;
    CHECK(Value::take(null_value).is_null());
}

static void test_errors() {
    Graph g;
    g.add_edge(1, 2);
    EXPECT_ERROR(GR_STATUS_NODE_NOT_FOUND, "remove_node", g.remove_node("nobody"));
    EXPECT_ERROR(GR_STATUS_EDGE_NOT_FOUND, "remove_edge", g.remove_edge(2, 3));
    EXPECT_ERROR(GR_STATUS_NODE_NOT_FOUND, "degree", g.degree(9));
    EXPECT_ERROR(GR_STATUS_ATTRIBUTE_NOT_FOUND, "remove_node_attr", g.remove_node_attr(1, "x"));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "add_node", g.add_node(std::string("\xff", 1)));
    // Nothing changed.
    CHECK(g.node_count() == 2 && g.edge_count() == 1);

    groggy::PagerankOptions bad;
    bad.alpha = 2.0;
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "pagerank", g.pagerank(bad));
    g.add_node(3);
    EXPECT_ERROR(GR_STATUS_NO_PATH, "shortest_path", g.shortest_path(1, 3));

    // An I/O error carries errno.
    try {
        Graph::load("/nonexistent/groggy/file.groggy");
        CHECK(false);
    } catch (const Error &e) {
        CHECK(e.status() == GR_STATUS_IO && e.operation() == "load" && e.os_code() == ENOENT);
    }
    // Catchable as the standard base class.
    try {
        g.remove_node("nobody");
        CHECK(false);
    } catch (const std::runtime_error &e) {
        CHECK(std::string(e.what()).find("nobody") != std::string::npos);
    }
    // A Value read as the wrong kind, a NodeMap key that is not there: standard exceptions.
    bool threw = false;
    try {
        (void)Value(1).as<double>();
    } catch (const std::bad_variant_access &) {
        threw = true;
    }
    CHECK(threw);
}

static void test_moves() {
    Graph a;
    a.add_edge(1, 2);
    Graph b(std::move(a));
    CHECK(b.node_count() == 2 && a.handle() == nullptr);
    // A moved-from graph refuses calls with an error instead of crashing.
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "node_count", a.node_count());
    // Move-assigning over a live graph frees it (valgrind would see the leak).
    Graph c(true);
    c.add_edge(7, 8);
    c = std::move(b);
    CHECK(!c.is_directed() && c.has_edge(1, 2));
    a = std::move(c); // into the moved-from one
    CHECK(a.has_edge(2, 1) && c.handle() == nullptr);

    Keys k = a.nodes();
    Keys k2(std::move(k));
    CHECK(k2.size() == 2 && k2[1] == Key(2) && k.handle() == nullptr);
    groggy::NodeMap<double> pr = a.pagerank();
    groggy::NodeMap<double> pr2(std::move(pr));
    CHECK(pr2.size() == 2 && std::fabs(pr2.at(1) - 0.5) < 1e-9);
    groggy::Cancel cancel;
    groggy::Cancel cancel2(std::move(cancel));
    CHECK(cancel.handle() == nullptr && cancel2.handle() != nullptr);
    groggy::Pool pool;
    groggy::Pool pool2(std::move(pool));
    CHECK(pool.handle() == nullptr);
    // Graphs in a vector move as it grows.
    std::vector<Graph> graphs;
    for (int i = 0; i < 20; ++i) {
        graphs.emplace_back(i % 2 == 0);
        graphs.back().add_node(i);
    }
    CHECK(graphs[19].has_node(19) && graphs[0].is_directed());
}

static void test_algorithms() {
    // A star: the centre has the largest PageRank; the scores sum to 1.
    Graph star;
    for (int leaf = 1; leaf <= 4; ++leaf) star.add_edge(0, leaf);
    groggy::NodeMap<double> pr = star.pagerank();
    CHECK(pr.size() == 5 && pr.keys().size() == 5 && pr.contains(0) && !pr.contains("0"));
    double sum = 0;
    for (size_t i = 0; i < pr.size(); ++i) sum += pr.value(i);
    CHECK(std::fabs(sum - 1.0) < 1e-9);
    CHECK(pr.key(0) == Key(0) && pr.at(0) > pr.at(1) && std::fabs(pr.at(1) - pr.at(4)) < 1e-12);
    bool threw = false;
    try {
        (void)pr.at(99);
    } catch (const std::out_of_range &) {
        threw = true;
    }
    CHECK(threw);

    // Options reach the library: a weight changes the scores, an unknown weight is an error.
    Graph d(true);
    d.add_edge("a", "b", {{"w", 9.0}});
    d.add_edge("a", "c", {{"w", 1.0}});
    groggy::PagerankOptions weighted;
    weighted.weight = "w";
    CHECK(d.pagerank(weighted).at("b") > d.pagerank(weighted).at("c"));
    CHECK(std::fabs(d.pagerank().at("b") - d.pagerank().at("c")) < 1e-12);
    weighted.weight = "nope";
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "pagerank", d.pagerank(weighted));
    groggy::PagerankOptions one_iteration;
    one_iteration.max_iter = 1;
    one_iteration.tol = 1e-15;
    EXPECT_ERROR(GR_STATUS_ALGORITHM, "pagerank", star.pagerank(one_iteration));

    // A path 1-2-3-4 with a shortcut 1-4 that weighs more than the path.
    Graph p;
    p.add_edge(1, 2, {{"w", 1.0}});
    p.add_edge(2, 3, {{"w", 1.0}});
    p.add_edge(3, 4, {{"w", 1.0}});
    p.add_edge(1, 4, {{"w", 10.0}});
    CHECK((texts(p.bfs(1)) == Strings{"i1", "i2", "i4", "i3"}));
    CHECK((texts(p.bfs(1, 0)) == Strings{"i1"}));
    CHECK((texts(p.shortest_path(1, 4)) == Strings{"i1", "i4"}));
    CHECK((texts(p.shortest_path(1, 4, "w")) == Strings{"i1", "i2", "i3", "i4"}));

    // Components, largest first.
    Graph c;
    c.add_edge("x", "y");
    c.add_edge(1, 2);
    c.add_edge(2, 3);
    c.add_node("alone");
    groggy::Components comps = c.connected_components();
    CHECK(comps.count() == 3 && comps.size(0) == 3 && comps.size(1) == 2 && comps.size(2) == 1);
    CHECK(comps[0].size() == 3 && comps[0][0] == Key(1) && comps[2][0] == Key("alone"));
    CHECK(comps.keys().size() == 6);
    Graph empty;
    CHECK(empty.connected_components().count() == 0 && empty.pagerank().size() == 0);

    // A triggered token stops the algorithms that take it.
    groggy::Cancel cancel;
    cancel.trigger();
    EXPECT_ERROR(GR_STATUS_CANCELLED, "pagerank", star.pagerank({}, &cancel));
    EXPECT_ERROR(GR_STATUS_CANCELLED, "bfs", star.bfs(0, -1, &cancel));
    EXPECT_ERROR(GR_STATUS_CANCELLED, "connected_components", star.connected_components(&cancel));
}

static void test_files(const std::filesystem::path &dir) {
    Graph g(true);
    g.add_edge("a", "b", {{"weight", 2.5}, {"tag", "t"}});
    g.add_node("lonely", {{"n", 1}});
    const std::string native = (dir / "g.groggy").string();
    g.save(native);
    Graph h = Graph::load(native);
    CHECK(h.is_directed() && h.node_count() == 3 && h.has_edge("a", "b") && !h.has_edge("b", "a"));
    CHECK(h.edge_attr("a", "b", "tag")->as<std::string>() == "t");
    CHECK(h.node_attr("lonely", "n") == std::optional<Value>(Value(1)));

    const std::string text = (dir / "g.txt").string();
    g.write_edgelist(text);
    groggy::EdgelistOptions directed;
    directed.directed = true;
    Graph e = Graph::read_edgelist(text, directed);
    CHECK(e.is_directed() && e.edge_count() == 1 && e.has_node("lonely"));
    CHECK(e.edge_attr("a", "b", "weight")->as<double>() == 2.5);

    // Every option reaches the reader: comments, delimiter, header, key kind.
    const std::string csv = (dir / "g.csv").string();
    std::ofstream(csv) << "% a comment\nsrc,dst\n1,2\n2,3\n";
    groggy::EdgelistOptions opts;
    opts.comments = "%";
    opts.delimiter = ',';
    opts.header = true;
    opts.keys = GR_EDGELIST_KEYS_STR;
    Graph s = Graph::read_edgelist(csv, opts);
    CHECK(!s.is_directed() && s.edge_count() == 2 && s.has_edge("3", "2") && !s.has_node(1));
    opts.keys = GR_EDGELIST_KEYS_AUTO;
    CHECK(Graph::read_edgelist(csv, opts).has_node(1));
    opts.header = false; // "src,dst" is then an edge of string keys, mixed with ints
    CHECK(Graph::read_edgelist(csv, opts).has_edge("src", "dst"));
    opts.comments = "";  // "% a comment" is then a line with one field: malformed
    EXPECT_ERROR(GR_STATUS_IO, "read_edgelist", Graph::read_edgelist(csv, opts));

    EXPECT_ERROR(GR_STATUS_IO, "read_edgelist", Graph::read_edgelist((dir / "none").string()));
    EXPECT_ERROR(GR_STATUS_IO, "save", g.save((dir / "no" / "such" / "dir").string()));
}

static void test_pools() {
    groggy::Pool pool;
    Graph g(false, pool);
    g.add_edge(1, 2);
    CHECK(pool.usage() > 0);
    // A pool over its limit refuses the change, which does not happen.
    groggy::Pool tiny(1);
    Graph t(false, tiny);
    EXPECT_ERROR(GR_STATUS_OUT_OF_MEMORY, "add_edge", t.add_edge(1, 2));
    CHECK(t.node_count() == 0);
}

int main() {
    // A folder of our own for the file tests, removed at the end.
    const auto dir = std::filesystem::temp_directory_path() /
                     ("groggy-hpp-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    test_types();
    test_structure();
    test_keys();
    test_attributes();
    test_errors();
    test_moves();
    test_algorithms();
    test_files(dir);
    test_pools();
    std::filesystem::remove_all(dir);
    std::printf("%d passed, 0 failed\n", passed);
    return 0;
}
