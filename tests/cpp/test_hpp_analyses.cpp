// Tests of the analyses of include/groggy.hpp that test_groggy_hpp.cpp and
// test_hpp_algorithms.cpp leave out: path lengths and connectivity, the centralities,
// communities and modularity, clustering and cores, DAGs and spanning trees, and the
// generators. Each is checked on a small graph whose answer is known by hand (or, for
// Zachary's karate club, networkx's), and with at least one bad argument per family.

#include "check.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <string>

using groggy::Components;
using groggy::NodeMap;
namespace gen = groggy::generators;

static bool near(double a, double b, double tol = 1e-9) { return std::fabs(a - b) <= tol; }

// Zachary's karate club as networkx builds it: the nodes 0-33 in order, then the 78
// edges of the bundled file (node order decides label propagation's ties). run.sh runs
// every test from the repository's root.
static Graph karate() {
    groggy::EdgelistOptions o;
    o.keys = GR_EDGELIST_KEYS_INT;
    groggy::EdgeKeys file =
        Graph::read_edgelist("python/groggy/data/karate.edgelist", o).edges();
    Graph g;
    for (int k = 0; k < 34; ++k) g.add_node(k);
    for (size_t i = 0; i < file.size(); ++i) g.add_edge(file.sources[i], file.targets[i]);
    CHECK(g.node_count() == 34 && g.edge_count() == 78);
    return g;
}

// Two cliques of four, {0..3} and {10..13}, with no edge between them.
static Graph two_cliques() {
    Graph g;
    for (int base : {0, 10}) {
        for (int i = 0; i < 4; ++i) {
            for (int j = i + 1; j < 4; ++j) g.add_edge(base + i, base + j);
        }
    }
    return g;
}

// The sizes of the communities, largest first.
static std::vector<size_t> sizes(const Components &c) {
    std::vector<size_t> out;
    for (size_t i = 0; i < c.count(); ++i) out.push_back(c.size(i));
    return out;
}

static void test_paths_and_connectivity() {
    Graph p = gen::path_graph(5);
    NodeMap<int64_t> hops = p.shortest_path_lengths(0);
    CHECK(hops.size() == 5);
    for (int64_t k = 0; k < 5; ++k) CHECK(hops.at(k) == k);

    // Weighted: a - b - c costs 1 + 1, cheaper than the direct a - c at 5.
    Graph w;
    w.add_edge("a", "b", {{"cost", 1.0}});
    w.add_edge("b", "c", {{"cost", 1.0}});
    w.add_edge("a", "c", {{"cost", 5.0}});
    NodeMap<double> cost = w.weighted_shortest_path_lengths("a", "cost");
    CHECK(near(cost.at("a"), 0.0) && near(cost.at("b"), 1.0) && near(cost.at("c"), 2.0));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "shortest_path_lengths",
                 w.weighted_shortest_path_lengths("a", "nope"));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "shortest_path_lengths",
                 w.weighted_shortest_path_lengths("a", ""));
    EXPECT_ERROR(GR_STATUS_NODE_NOT_FOUND, "shortest_path_lengths", p.shortest_path_lengths(9));

    Graph two = two_cliques();
    CHECK(two.has_path(0, 3) && !two.has_path(0, 10) && two.has_path(10, 10));
    CHECK(!two.is_connected() && p.is_connected());
    CHECK(two.number_connected_components() == 2 && p.number_connected_components() == 1);
    NodeMap<int64_t> labels = two.component_labels();
    CHECK(labels.at(0) == labels.at(3) && labels.at(0) != labels.at(13));
    EXPECT_ERROR(GR_STATUS_NODE_NOT_FOUND, "has_path", two.has_path(0, 99));

    // Directed: 1 -> 2 -> 3 -> 1 is one strong component; 4 only reached from it.
    Graph d(true);
    d.add_edge(1, 2);
    d.add_edge(2, 3);
    d.add_edge(3, 1);
    d.add_edge(3, 4);
    Components scc = d.strongly_connected_components();
    CHECK((sizes(scc) == std::vector<size_t>{3, 1}));
    CHECK(scc[1][0] == Key(4));
    CHECK(!d.is_strongly_connected() && d.has_path(1, 4) && !d.has_path(4, 1));
    d.add_edge(4, 1);
    CHECK(d.is_strongly_connected());
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "is_connected", d.is_connected());
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "number_connected_components",
                 d.number_connected_components());
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "is_strongly_connected", p.is_strongly_connected());
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "strongly_connected_components",
                 p.strongly_connected_components());
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "is_connected", Graph().is_connected());
}

static void test_degree_and_spectral_centrality() {
    // A star of four leaves: degree / (n - 1) is 1 at the centre, 1/4 at a leaf.
    Graph s = gen::star_graph(4);
    NodeMap<double> dc = s.degree_centrality();
    CHECK(dc.size() == 5 && near(dc.at(0), 1.0));
    for (int leaf = 1; leaf <= 4; ++leaf) CHECK(near(dc.at(leaf), 0.25));

    Graph d(true);
    d.add_edge(1, 2);
    d.add_edge(1, 3);
    d.add_edge(2, 3);
    NodeMap<double> in = d.in_degree_centrality();
    NodeMap<double> out = d.out_degree_centrality();
    CHECK(near(in.at(1), 0.0) && near(in.at(2), 0.5) && near(in.at(3), 1.0));
    CHECK(near(out.at(1), 1.0) && near(out.at(2), 0.5) && near(out.at(3), 0.0));
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "in_degree_centrality", s.in_degree_centrality());
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "out_degree_centrality",
                 s.out_degree_centrality());

    // Every node of K4 alike, at unit norm: 1/2 each.
    NodeMap<double> ev = gen::complete_graph(4).eigenvector_centrality();
    for (int k = 0; k < 4; ++k) CHECK(near(ev.at(k), 0.5, 1e-6));
    Graph club = karate();
    CHECK(near(club.eigenvector_centrality().at(33), 0.3733712, 1e-5));
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "eigenvector_centrality",
                 Graph().eigenvector_centrality());
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "eigenvector_centrality",
                 club.eigenvector_centrality(100, -1.0));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "eigenvector_centrality",
                 club.eigenvector_centrality(100, 1e-6, "nope"));
    EXPECT_ERROR(GR_STATUS_ALGORITHM, "eigenvector_centrality",
                 club.eigenvector_centrality(1, 1e-12));

    CHECK(near(club.katz_centrality().at(33), 0.3314064, 1e-5));
    // Without edges nothing flows: each node keeps its own beta (not normalized).
    Graph lone;
    lone.add_node(1);
    lone.add_node("x");
    groggy::KatzOptions own;
    own.betas = {{1, 2.0}, {"x", 3.0}};
    own.normalized = false;
    NodeMap<double> katz = lone.katz_centrality(own);
    CHECK(near(katz.at(1), 2.0) && near(katz.at("x"), 3.0));
    groggy::KatzOptions missing;
    missing.betas = {{1, 2.0}};
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "katz_centrality", lone.katz_centrality(missing));
    groggy::KatzOptions diverges;
    diverges.alpha = 1.0;
    diverges.max_iter = 50;
    EXPECT_ERROR(GR_STATUS_ALGORITHM, "katz_centrality", club.katz_centrality(diverges));

    // 1 -> 2, 1 -> 3, 4 -> 3: 3 the best authority and 1 the best hub, at the golden
    // ratio's 0.618 each.
    Graph h(true);
    h.add_edge(1, 2);
    h.add_edge(1, 3);
    h.add_edge(4, 3);
    groggy::Hits hits = h.hits();
    CHECK(near(hits.authorities.at(3), 0.618, 5e-4) && near(hits.hubs.at(1), 0.618, 5e-4));
    CHECK(near(hits.hubs.at(2), 0.0, 1e-6) && near(hits.authorities.at(1), 0.0, 1e-6));
    EXPECT_ERROR(GR_STATUS_ALGORITHM, "hits", lone.hits());
}

static void test_path_centrality() {
    // Star: every path between two leaves goes through the centre (6 of 6 pairs).
    Graph s = gen::star_graph(4);
    NodeMap<double> bc = s.betweenness_centrality();
    CHECK(near(bc.at(0), 1.0) && near(bc.at(1), 0.0));
    // Closeness of a leaf: 4 others at distances 1, 2, 2, 2; harmonic: 1 + 3 / 2.
    NodeMap<double> cc = s.closeness_centrality();
    CHECK(near(cc.at(0), 1.0) && near(cc.at(1), 4.0 / 7.0));
    NodeMap<double> hc = s.harmonic_centrality();
    CHECK(near(hc.at(0), 4.0) && near(hc.at(1), 2.5));

    // Path 0-1-2-3-4 unnormalised: 4 pairs pass through 2; sampling every node is exact.
    Graph p = gen::path_graph(5);
    groggy::BetweennessOptions raw;
    raw.normalized = false;
    CHECK(near(p.betweenness_centrality(raw).at(2), 4.0));
    raw.k = 5;
    raw.seed = 7;
    CHECK(near(p.betweenness_centrality(raw).at(2), 4.0));
    raw.endpoints = true; // each of the 10 pairs counts its two ends too: 4 + 4 ends
    raw.k.reset();
    CHECK(near(p.betweenness_centrality(raw).at(2), 8.0));

    // Path 0-1-2: each edge carries 2 of the 3 pairs (normalised by n(n - 1) / 2).
    groggy::EdgeMap<double> eb = gen::path_graph(3).edge_betweenness_centrality();
    CHECK(eb.size() == 2);
    CHECK(eb.source(0) == Key(0) && eb.target(0) == Key(1) && eb.target(1) == Key(2));
    CHECK(near(eb.value(0), 2.0 / 3.0) && near(eb.value(1), 2.0 / 3.0));

    // A weight makes the long way round cheaper: a-b-c is shorter than a-c.
    Graph w;
    w.add_edge("a", "b", {{"w", 1.0}});
    w.add_edge("b", "c", {{"w", 1.0}});
    w.add_edge("a", "c", {{"w", 5.0}});
    groggy::BetweennessOptions weighted;
    weighted.weight = "w";
    CHECK(near(w.betweenness_centrality(weighted).at("b"), 1.0));
    CHECK(near(w.betweenness_centrality().at("b"), 0.0));
    CHECK(near(w.closeness_centrality("w").at("a"), 2.0 / 3.0));

    groggy::BetweennessOptions none;
    none.k = 0;
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "betweenness_centrality",
                 p.betweenness_centrality(none));
    none.k = 6;
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "edge_betweenness_centrality",
                 p.edge_betweenness_centrality(none));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "closeness_centrality",
                 p.closeness_centrality("nope"));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "harmonic_centrality",
                 p.harmonic_centrality("nope"));
}

static void test_communities() {
    Graph two = two_cliques();
    groggy::LouvainOptions seeded;
    seeded.seed = 1;
    Components louvain = two.louvain_communities(seeded);
    CHECK((sizes(louvain) == std::vector<size_t>{4, 4}));
    Components lpa = two.label_propagation_communities();
    CHECK((sizes(lpa) == std::vector<size_t>{4, 4}));
    Components asyn = two.asyn_lpa_communities({}, 3);
    CHECK((sizes(asyn) == std::vector<size_t>{4, 4}));
    CHECK(asyn[0][0] == Key(0) && asyn[1][0] == Key(10));

    // Each clique: 6 of the 12 edges and half the degree, so Q = 2 (6/12 - (1/2)^2).
    CHECK(near(two.modularity(louvain), 0.5));
    CHECK(near(two.modularity({{0, 1, 2, 3}, {10, 11, 12, 13}}), 0.5));
    groggy::ModularityOptions coarse;
    coarse.resolution = 2.0;
    CHECK(near(two.modularity(louvain, coarse), 0.0));
    // Path 0-1-2-3 split in halves: each half 1 of 3 edges and degree 3 of 6:
    // Q = 2 (1/3 - 1/4) = 1/6.
    Graph p = gen::path_graph(4);
    CHECK(near(p.modularity({{0, 1}, {2, 3}}), 1.0 / 6.0));
    CHECK(near(p.modularity({{0, 1, 2, 3}}), 0.0));

    Graph club = karate();
    CHECK((sizes(club.label_propagation_communities()) == std::vector<size_t>{16, 15, 3}));
    Components a = club.louvain_communities(seeded);
    Components b = club.louvain_communities(seeded);
    CHECK(texts(a.keys()) == texts(b.keys()) && sizes(a) == sizes(b));
    CHECK(club.modularity(a) > 0.35);
    // networkx's value for these halves with weight=None (this club's edges have no weight).
    CHECK(near(club.modularity({{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
                                {17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
                                 32, 33}}),
               0.2432610, 1e-6));

    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "modularity", p.modularity({{0, 1}, {2}}));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "modularity", p.modularity({{0, 1, 2}, {2, 3}}));
    groggy::LouvainOptions nan;
    nan.resolution = std::numeric_limits<double>::quiet_NaN();
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "louvain_communities", two.louvain_communities(nan));
    groggy::LouvainOptions named;
    named.weight = "nope";
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "louvain_communities",
                 two.louvain_communities(named));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "asyn_lpa_communities",
                 two.asyn_lpa_communities("nope"));
    Graph d(true);
    d.add_edge(1, 2);
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "label_propagation_communities",
                 d.label_propagation_communities());
}

static void test_clustering_and_cores() {
    Graph k5 = gen::complete_graph(5);
    NodeMap<int64_t> tri = k5.triangles();
    for (int k = 0; k < 5; ++k) CHECK(tri.at(k) == 6);
    CHECK(near(k5.clustering().at(0), 1.0) && near(k5.average_clustering(), 1.0));
    CHECK(near(k5.transitivity(), 1.0));
    CHECK(k5.core_number().at(2) == 4);

    // A triangle 0-1-2 with 3 hanging off 2: 2 has 1 of its 3 possible triangles.
    Graph t;
    t.add_edge(0, 1);
    t.add_edge(1, 2);
    t.add_edge(0, 2);
    t.add_edge(2, 3);
    NodeMap<double> c = t.clustering();
    CHECK(near(c.at(0), 1.0) && near(c.at(2), 1.0 / 3.0) && near(c.at(3), 0.0));
    CHECK(near(t.average_clustering(), 7.0 / 12.0));
    CHECK(near(t.average_clustering({}, false), 7.0 / 9.0));
    CHECK(near(t.transitivity(), 3.0 / 5.0)); // 3 x 1 triangle / 5 connected triples
    NodeMap<int64_t> core = t.core_number();
    CHECK(core.at(0) == 2 && core.at(2) == 2 && core.at(3) == 1);
    Graph inner = t.k_core();
    CHECK(inner.node_count() == 3 && inner.edge_count() == 3 && !inner.has_node(3));
    CHECK(t.k_core(1).node_count() == 4 && t.k_core(3).node_count() == 0);

    // Weighted: the geometric mean of (1, 1, 8) / 8 is 1/4 at every corner.
    Graph w;
    w.add_edge(0, 1, {{"w", 1.0}});
    w.add_edge(1, 2, {{"w", 1.0}});
    w.add_edge(0, 2, {{"w", 8.0}});
    CHECK(near(w.clustering("w").at(1), 0.25) && near(w.average_clustering("w"), 0.25));

    Graph club = karate();
    int64_t total = 0;
    NodeMap<int64_t> club_tri = club.triangles();
    for (size_t i = 0; i < club_tri.size(); ++i) total += club_tri.value(i);
    CHECK(total == 3 * 45);
    CHECK(near(club.transitivity(), 0.2556818, 1e-6));
    CHECK(near(club.average_clustering(), 0.5706385, 1e-6));

    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "clustering", t.clustering("nope"));
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "average_clustering", Graph().average_clustering());
    Graph d(true);
    d.add_edge(1, 2);
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "triangles", d.triangles());
    t.add_edge(3, 3);
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "core_number", t.core_number());
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "k_core", t.k_core());
}

static void test_dags_and_spanning_trees() {
    Graph d(true);
    d.add_edge(5, 1);
    d.add_edge(3, 1);
    d.add_edge(1, 2);
    d.add_edge(3, 4);
    CHECK(d.is_directed_acyclic_graph());
    CHECK((texts(d.topological_sort()) == Strings{"i5", "i3", "i1", "i4", "i2"}));
    d.add_edge(2, 5);
    CHECK(!d.is_directed_acyclic_graph());
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "topological_sort", d.topological_sort());
    Graph p = gen::path_graph(3);
    CHECK(!p.is_directed_acyclic_graph());
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "topological_sort", p.topological_sort());

    // The cheapest two of three edges: 2-3 (1), then 1-3 (2).
    Graph w;
    w.add_edge(1, 2, {{"weight", 3}});
    w.add_edge(2, 3, {{"weight", 1}});
    w.add_edge(1, 3, {{"weight", 2}});
    groggy::EdgeKeys mst = w.minimum_spanning_edges();
    CHECK((texts(mst.sources) == Strings{"i2", "i1"}) &&
          (texts(mst.targets) == Strings{"i3", "i3"}));
    Graph tree = w.minimum_spanning_tree();
    CHECK(tree.node_count() == 3 && tree.edge_count() == 2 && !tree.has_edge(1, 2));
    CHECK(tree.edge_attr(2, 3, "weight")->as<int64_t>() == 1);
    // Unweighted (empty name): the first two edges in networkx's order, node by node.
    groggy::EdgeKeys plain = w.minimum_spanning_edges("");
    CHECK((texts(plain.sources) == Strings{"i1", "i1"}) &&
          (texts(plain.targets) == Strings{"i2", "i3"}));
    // The default name on a graph without it: unweighted too.
    CHECK(gen::cycle_graph(4).minimum_spanning_edges().size() == 3);

    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "minimum_spanning_edges",
                 w.minimum_spanning_edges("nope"));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "minimum_spanning_tree",
                 w.minimum_spanning_tree("weight", 99));
    EXPECT_ERROR(GR_STATUS_INVALID_OPERATION, "minimum_spanning_edges",
                 d.minimum_spanning_edges());
}

static void test_generators() {
    Graph k = gen::complete_graph(5);
    CHECK(k.node_count() == 5 && k.edge_count() == 10 && !k.is_directed());
    CHECK(gen::path_graph(4).edge_count() == 3 && gen::cycle_graph(4).edge_count() == 4);
    Graph s = gen::star_graph(3);
    CHECK(s.node_count() == 4 && s.degree(0) == 3);
    Graph grid = gen::grid_2d_graph(2, 3);
    CHECK(grid.node_count() == 6 && grid.edge_count() == 7 && grid.has_edge(1, 4));

    CHECK(gen::erdos_renyi_graph(10, 1.0).edge_count() == 45);
    CHECK(gen::erdos_renyi_graph(10, 1.0, std::nullopt, true).edge_count() == 90);
    CHECK(gen::erdos_renyi_graph(10, 0.0).edge_count() == 0);
    Graph a = gen::erdos_renyi_graph(30, 0.2, 42);
    Graph b = gen::erdos_renyi_graph(30, 0.2, 42);
    CHECK(texts(a.edges().sources) == texts(b.edges().sources) &&
          texts(a.edges().targets) == texts(b.edges().targets));
    CHECK(gen::gnm_random_graph(10, 7, 1).edge_count() == 7);
    CHECK(gen::gnm_random_graph(5, 100, 1).edge_count() == 10);
    CHECK(gen::gnm_random_graph(5, 3, 1, true).is_directed());
    CHECK(gen::barabasi_albert_graph(10, 2, 5).edge_count() == 16);
    Graph ring = gen::watts_strogatz_graph(10, 4, 0.0, 5);
    CHECK(ring.edge_count() == 20 && ring.has_edge(0, 2) && ring.has_edge(0, 8));
    CHECK(gen::watts_strogatz_graph(10, 4, 0.5, 5).edge_count() == 20);

    groggy::RmatOptions ro;
    ro.edge_factor = 2;
    ro.seed = 9;
    Graph r1 = gen::rmat_graph(4, ro);
    Graph r2 = gen::rmat_graph(4, ro);
    CHECK(r1.node_count() == 16 && r1.is_directed() && r1.edge_count() <= 32);
    CHECK(r1.edge_count() > 0 && texts(r1.edges().sources) == texts(r2.edges().sources));
    ro.directed = false;
    CHECK(!gen::rmat_graph(4, ro).is_directed());

    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "erdos_renyi_graph", gen::erdos_renyi_graph(5, 1.5));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "gnm_random_graph", gen::gnm_random_graph(5, -1));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "barabasi_albert_graph",
                 gen::barabasi_albert_graph(5, 0));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "watts_strogatz_graph",
                 gen::watts_strogatz_graph(4, 6, 0.1));
    groggy::RmatOptions too_likely;
    too_likely.a = 0.9;
    too_likely.b = 0.9;
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "rmat_graph", gen::rmat_graph(3, too_likely));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "rmat_graph", gen::rmat_graph(40));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "complete_graph", gen::complete_graph(-1));
}

// Every analysis takes the same Cancel as the older algorithms; a triggered one stops it.
static void test_cancel() {
    groggy::Cancel cancel;
    cancel.trigger();
    Graph club = karate();
    EXPECT_ERROR(GR_STATUS_CANCELLED, "betweenness_centrality",
                 club.betweenness_centrality({}, &cancel));
    EXPECT_ERROR(GR_STATUS_CANCELLED, "louvain_communities", club.louvain_communities({}, &cancel));
    EXPECT_ERROR(GR_STATUS_CANCELLED, "erdos_renyi_graph",
                 gen::erdos_renyi_graph(100, 0.5, 1, false, &cancel));
}

int main() {
    test_paths_and_connectivity();
    test_degree_and_spectral_centrality();
    test_path_centrality();
    test_communities();
    test_clustering_and_cores();
    test_dags_and_spanning_trees();
    test_generators();
    test_cancel();
    std::printf("%d passed, 0 failed\n", passed);
    return 0;
}
