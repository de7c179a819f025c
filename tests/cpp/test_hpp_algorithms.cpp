// Tests of the algorithm calls of include/groggy.hpp that test_groggy_hpp.cpp leaves out:
// depth-first search and PageRank's personalization.

#include "check.hpp"

#include <cmath>
#include <string>

static void test_dfs() {
    // 1 - 2 - 3 and 1 - 4 - 5: preorder goes down 2's branch before 4's.
    Graph g;
    g.add_edge(1, 2);
    g.add_edge(2, 3);
    g.add_edge(1, 4);
    g.add_edge(4, 5);
    CHECK((texts(g.dfs(1)) == Strings{"i1", "i2", "i3", "i4", "i5"}));
    CHECK((texts(g.bfs(1)) == Strings{"i1", "i2", "i4", "i3", "i5"}));
    CHECK((texts(g.dfs(1, 1)) == Strings{"i1", "i2", "i4"}));
    CHECK((texts(g.dfs(1, 0)) == Strings{"i1"}));
    CHECK((texts(g.dfs(3)) == Strings{"i3", "i2", "i1", "i4", "i5"}));

    // Directed: only along the edges; string keys.
    Graph d(true);
    d.add_edge("a", "b");
    d.add_edge("c", "a");
    CHECK((texts(d.dfs("a")) == Strings{"sa", "sb"}));
    CHECK((texts(d.dfs("c")) == Strings{"sc", "sa", "sb"}));

    EXPECT_ERROR(GR_STATUS_NODE_NOT_FOUND, "dfs", g.dfs(99));
    EXPECT_ERROR(GR_STATUS_NODE_NOT_FOUND, "dfs", g.dfs("1"));
    groggy::Cancel cancel;
    cancel.trigger();
    EXPECT_ERROR(GR_STATUS_CANCELLED, "dfs", g.dfs(1, -1, &cancel));
}

static void test_personalization() {
    // A directed cycle: every node scores the same, until the teleport favours one.
    Graph g(true);
    g.add_edge("a", "b");
    g.add_edge("b", "c");
    g.add_edge("c", "a");
    groggy::NodeMap<double> plain = g.pagerank();
    CHECK(std::fabs(plain.at("a") - plain.at("c")) < 1e-9);

    groggy::PagerankOptions o;
    o.personalization = {{"a", 1.0}};
    groggy::NodeMap<double> pa = g.pagerank(o);
    CHECK(pa.at("a") > pa.at("b") && pa.at("b") > pa.at("c"));
    double sum = pa.value(0) + pa.value(1) + pa.value(2);
    CHECK(std::fabs(sum - 1.0) < 1e-9);

    // Weights are normalised (only their ratios count), and keys not in the graph are
    // ignored: an int key 7, and the int 1 that is not the string "a".
    groggy::PagerankOptions scaled;
    scaled.personalization = {{"a", 5.0}, {7, 3.0}};
    groggy::NodeMap<double> ps = g.pagerank(scaled);
    for (const char *k : {"a", "b", "c"}) CHECK(std::fabs(ps.at(k) - pa.at(k)) < 1e-9);

    // The keys are copied: the options outlive the string they were made from.
    groggy::PagerankOptions copied;
    {
        std::string key = "c";
        copied.personalization.add(key, 1.0);
        key = "a";
    }
    CHECK(copied.personalization.size() == 1 && copied.personalization.keys()[0] == Key("c"));
    groggy::NodeMap<double> pc = g.pagerank(copied);
    CHECK(pc.at("c") > pc.at("a") && pc.at("a") > pc.at("b"));

    // Mixed int and string keys in one graph.
    Graph m(true);
    m.add_edge(1, "x");
    m.add_edge("x", 1);
    groggy::PagerankOptions mixed;
    mixed.personalization = {{1, 1.0}, {"x", 0.0}};
    groggy::NodeMap<double> pm = m.pagerank(mixed);
    CHECK(pm.at(1) > pm.at("x"));

    // Weights whose sum over the graph's nodes is zero or not finite are refused: ones that
    // cancel out, keys none of which is in the graph, NaN.
    groggy::PagerankOptions zero;
    zero.personalization = {{"a", 1.0}, {"b", -1.0}};
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "pagerank", g.pagerank(zero));
    groggy::PagerankOptions absent;
    absent.personalization = {{"z", 1.0}, {1, 1.0}};
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "pagerank", g.pagerank(absent));
    groggy::PagerankOptions nan;
    nan.personalization = {{"a", 1.0}, {"b", std::nan("")}};
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "pagerank", g.pagerank(nan));
}

int main() {
    test_dfs();
    test_personalization();
    std::printf("%d passed, 0 failed\n", passed);
    return 0;
}
