#include <groggy.hpp>
#include <iostream>

int main() {
    groggy::Graph g;                          // undirected; groggy::Graph g(true) is directed
    g.add_node("alice", {{"age", 30}});
    g.add_edge("alice", "bob");               // edges create missing nodes
    g.add_edge("alice", 42, {{"weight", 2.5}});

    std::cout << g.node_count() << " nodes, " << g.edge_count() << " edges\n";
    std::cout << "alice is " << g.node_attr("alice", "age")->as<int64_t>() << "\n";
    for (groggy::Key k : g.neighbors("alice")) std::cout << "neighbour: " << k << "\n";

    groggy::NodeMap<double> rank = g.pagerank();
    std::cout << "pagerank of alice: " << rank.at("alice") << "\n";

    try {
        g.remove_node("nobody");
    } catch (const groggy::Error &e) {         // status(), operation(), what()
        std::cout << e.operation() << " failed: " << e.what() << "\n";
    }
}
