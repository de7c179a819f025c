//! include/groggy.h reads as a manual: its groups come in the order below, each introduced
//! by a comment and holding its topic's declarations, and it points to no document outside
//! the repository (build.rs arranges it; header/groups.rs is the table).

const HEADER: &str = include_str!("../include/groggy.h");

/// Each group's title, in header order, with declarations it must hold.
const GROUPS: &[(&str, &[&str])] = &[
    (
        "Versions and errors",
        &[
            "#define GR_VERSION_STRING",
            "#define GR_ABI_VERSION",
            "typedef int32_t gr_status;",
            "const char *gr_version(void);",
            "uint32_t gr_abi_version(void);",
            "const char *gr_status_str(",
            "const char *gr_last_error_message(void);",
        ],
    ),
    (
        "Values",
        &[
            "typedef struct gr_attr_value {",
            "#define GR_ATTR_NULL",
            "typedef struct gr_keys gr_keys;",
            "typedef struct gr_array gr_array;",
            "gr_attr_value_release(",
        ],
    ),
    (
        "Graphs",
        &[
            "typedef struct gr_graph gr_graph;",
            "gr_graph_new(",
            "gr_graph_free(",
        ],
    ),
    ("Nodes", &["gr_graph_add_node(", "gr_graph_degrees("]),
    ("Edges", &["gr_graph_add_edge(", "gr_graph_edges("]),
    (
        "Attributes",
        &["gr_graph_set_node_attr(", "gr_graph_node_attr_names("],
    ),
    (
        "Lists and arrays",
        &["gr_keys_view(", "gr_array_new(", "gr_graph_node_array("],
    ),
    (
        "Arrow",
        &[
            "gr_array_export_arrow(",
            "gr_array_from_arrow(",
            "gr_graph_add_edges_arrow(",
            "gr_graph_node_table_arrow(",
        ],
    ),
    (
        "Algorithms",
        &[
            "typedef struct gr_pagerank_options {",
            "gr_cancel_new(",
            "gr_graph_pagerank(",
            "typedef struct gr_betweenness_options {",
            "gr_graph_betweenness_centrality(",
            "gr_graph_louvain_communities(",
            "gr_graph_topological_sort(",
        ],
    ),
    (
        "Generators",
        &[
            "typedef struct gr_rmat_options {",
            "gr_generate_erdos_renyi(",
            "gr_generate_rmat(",
        ],
    ),
    (
        "Filters and queries",
        &["(*gr_node_predicate)", "gr_graph_filter_nodes_query("],
    ),
    (
        "Files",
        &[
            "typedef struct gr_edgelist_options {",
            "gr_graph_read_edgelist(",
            "typedef struct gr_csv_options {",
            "gr_graph_read_csv(",
            "gr_graph_save(",
            "gr_graph_load_buffer(",
        ],
    ),
    (
        "Pools and profiling",
        &[
            "gr_memory_stats(",
            "gr_pool_new(",
            "gr_graph_profile_stats(",
        ],
    ),
];

/// The rule above and below each group's title and introduction.
const RULE: &str = "// ======";

/// Where each group's heading (rule, `// Title`, `//`, introduction) starts in the header.
fn heading_starts() -> Vec<(String, usize)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    let lines: Vec<&str> = HEADER.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let opens = line.starts_with(RULE)
            && !lines
                .get(i.wrapping_sub(1))
                .is_some_and(|l| l.starts_with("// "));
        if opens {
            let title = lines[i + 1]
                .trim_end()
                .trim_start_matches("// ")
                .to_string();
            assert_eq!(
                lines[i + 2].trim_end(),
                "//",
                "{title}: a blank comment line"
            );
            assert!(
                lines[i + 3].starts_with("// ") && !lines[i + 3].starts_with(RULE),
                "{title}: a paragraph introduces the group"
            );
            starts.push((title, offset));
        }
        offset += line.len();
    }
    starts
}

#[test]
fn groups_come_in_manual_order() {
    let titles: Vec<String> = heading_starts().into_iter().map(|(t, _)| t).collect();
    let expected: Vec<&str> = GROUPS.iter().map(|(title, _)| *title).collect();
    assert_eq!(titles, expected);
}

#[test]
fn each_group_holds_its_topic() {
    let starts = heading_starts();
    for (i, (title, declarations)) in GROUPS.iter().enumerate() {
        let start = starts[i].1;
        let end = starts.get(i + 1).map_or(HEADER.len(), |(_, at)| *at);
        let body = &HEADER[start..end];
        for declaration in *declarations {
            assert!(
                body.contains(declaration),
                "{declaration} belongs to the group {title}"
            );
        }
    }
}

#[test]
fn every_declaration_is_in_a_group() {
    let first = heading_starts()[0].1;
    let before = &HEADER[..first];
    assert!(
        !before.contains("typedef")
            && !before.contains("#define GR_")
            && !before.contains("gr_status gr_"),
        "declarations before the first group:\n{before}"
    );
}

#[test]
fn no_reference_outside_the_repository() {
    for reference in [
        "http://",
        "https://",
        "../",
        ".md",
        "ARCHITECTURE",
        "shared/",
    ] {
        assert!(
            !HEADER.contains(reference),
            "include/groggy.h mentions {reference:?}"
        );
    }
}
