//! The chapters of `include/groggy.h`, in the order the header reads: each one's title, the
//! paragraph that introduces it, the function it starts at, and its types and constants.
//!
//! Functions come in the order cbindgen reads them (the `mod` order of `src/ffi/mod.rs`), so
//! a group holds the functions from its `first_function` up to the next group's. Types and
//! constants are placed by name, `"GR_STATUS_*"` a prefix and anything else an exact name,
//! and come first in their group, in the order listed here.
//! A type sits with its topic, except the values and result handles that every topic uses:
//! C needs a type declared before its first use, so they have their own group near the top.
//! build.rs stops with an error when a name here matches nothing or a generated declaration
//! belongs to no group (or to two), so a new declaration has to be placed here.

pub struct Group {
    pub title: &'static str,
    /// Lines of the introducing comment (without the `// `).
    pub intro: &'static [&'static str],
    pub first_function: &'static str,
    pub types: &'static [&'static str],
}

pub const GROUPS: &[Group] = &[
    Group {
        title: "Versions and errors",
        intro: &[
            "Which library and ABI this is, and what went wrong. Compare gr_abi_version() with",
            "GR_ABI_VERSION before anything else. Every fallible function returns a gr_status;",
            "after a failure the gr_last_error_* functions describe it on the calling thread.",
        ],
        first_function: "gr_version",
        types: &["GR_VERSION_*", "GR_ABI_VERSION", "gr_status", "GR_STATUS_*"],
    },
    Group {
        title: "Values",
        intro: &[
            "How data crosses the boundary, used by every group below: one attribute value",
            "(gr_attr_value, its kind a gr_attr_tag), byte strings (gr_buf), and the handles",
            "results come back in: key lists (gr_keys), typed arrays (gr_array), attribute maps",
            "(gr_attr_map) and string lists (gr_string_list), read with the functions of",
            "\"Lists and arrays\".",
        ],
        first_function: "gr_attr_value_release",
        types: &[
            "gr_attr_tag",
            "GR_ATTR_*",
            "gr_buf",
            "gr_attr_data",
            "gr_attr_value",
            "gr_keys",
            "GR_KEY_*",
            "gr_array",
            "gr_attr_map",
            "gr_string_list",
        ],
    },
    Group {
        title: "Graphs",
        intro: &[
            "A graph is a handle: create it, copy it or take a subgraph, count what it holds,",
            "close it while other threads may still use it, and free it.",
        ],
        first_function: "gr_graph_new",
        types: &["gr_graph"],
    },
    Group {
        title: "Nodes",
        intro: &[
            "Nodes are named by keys (integers or UTF-8 strings, see the conventions above).",
            "Add and remove them, ask whether one is there, list them and their neighbours, and",
            "read degrees. Lists of keys come back as gr_keys handles.",
        ],
        first_function: "gr_graph_add_node",
        types: &[],
    },
    Group {
        title: "Edges",
        intro: &[
            "Edges join two node keys. Adding an edge creates its missing endpoints; adding it",
            "again updates its attributes. List edges as two aligned key lists.",
        ],
        first_function: "gr_graph_add_edge",
        types: &[],
    },
    Group {
        title: "Attributes",
        intro: &[
            "Nodes and edges carry named attributes of typed values (gr_attr_value). Set, read",
            "and remove one value, read all of a node's or edge's values as a gr_attr_map, and",
            "list the attribute names as a gr_string_list.",
        ],
        first_function: "gr_graph_set_node_attr",
        types: &[],
    },
    Group {
        title: "Lists and arrays",
        intro: &[
            "Reading and writing many values at once: the handles other functions return (key",
            "lists, attribute maps, string lists), typed arrays (gr_array) with their buffers and",
            "reductions, a graph's attribute columns read or written as arrays, and nodes and",
            "edges added in bulk from columns.",
        ],
        first_function: "gr_keys_view",
        types: &[],
    },
    Group {
        title: "Arrow",
        intro: &[
            "Arrays and tables in and out through the Arrow C Data and C Stream Interfaces",
            "(the standard structs declared above): arrays exported without copying their",
            "values, node and edge tables as streams of record batches, and Arrow arrays and",
            "tables read into arrays and graphs.",
        ],
        first_function: "gr_array_export_arrow",
        types: &[],
    },
    Group {
        title: "Algorithms",
        intro: &[
            "Graph algorithms. Long ones take an optional cancellation token (gr_cancel) that",
            "another thread may trigger; PageRank, search trees, betweenness and others take",
            "versioned options structs.",
        ],
        first_function: "gr_cancel_new",
        types: &[
            "gr_cancel",
            "GR_PAGERANK_OPTIONS_VERSION",
            "gr_pagerank_options",
            "GR_SEARCH_OPTIONS_VERSION",
            "gr_search_options",
            "GR_PATH_TREE_OPTIONS_VERSION",
            "gr_path_tree_options",
            "GR_KATZ_OPTIONS_VERSION",
            "gr_katz_options",
            "GR_BETWEENNESS_OPTIONS_VERSION",
            "gr_betweenness_options",
            "GR_SPANNING_*",
            "GR_LOUVAIN_OPTIONS_VERSION",
            "gr_louvain_options",
        ],
    },
    Group {
        title: "Generators",
        intro: &[
            "Graphs built from a model, as networkx's generators of the same names: random ones",
            "(G(n, p), G(n, m), Barabasi-Albert, Watts-Strogatz, R-MAT) take a seed and give the",
            "same graph for it on any thread count; classic shapes are exact. Nodes are the int",
            "keys 0..n-1; free the graph with gr_graph_free. A negative size is",
            "GR_STATUS_INVALID_ARGUMENT; one that needs more nodes or edges than a graph holds",
            "(4294967294 of each) is GR_STATUS_OUT_OF_MEMORY, as is memory the system refuses. A",
            "token triggered before the call stops it (GR_STATUS_CANCELLED) once its arguments",
            "are checked.",
        ],
        first_function: "gr_generate_erdos_renyi",
        types: &["GR_RMAT_OPTIONS_VERSION", "gr_rmat_options"],
    },
    Group {
        title: "Filters and queries",
        intro: &[
            "The nodes or edges a caller's predicate keeps, or whose attributes satisfy a query",
            "string (comparisons joined by AND, OR and NOT).",
        ],
        first_function: "gr_graph_filter_nodes",
        types: &["gr_node_predicate", "gr_edge_predicate"],
    },
    Group {
        title: "Files",
        intro: &[
            "Reading and writing graphs: edge-list text files (with a versioned options struct",
            "and progress reports), CSV tables with attributes, the library's own file format,",
            "and the same format in memory buffers.",
        ],
        first_function: "gr_edgelist_options_init",
        types: &[
            "GR_EDGELIST_*",
            "gr_progress_callback",
            "gr_edgelist_options",
            "GR_CSV_*",
            "gr_csv_options",
            "gr_buffer",
        ],
    },
    Group {
        title: "Pools and profiling",
        intro: &[
            "Where memory and time go: the library's allocation counters, memory pools whose",
            "graphs count against one limit, a graph's memory use, and each graph's count and",
            "timings of every operation it ran (profiling).",
        ],
        first_function: "gr_memory_stats",
        types: &["gr_pool"],
    },
];
