//! Filters by query string (`age > 30 AND club == 'Blue'`); the language is in `core::query`.

use super::GraphCore;
use crate::core::{GraphResult, Query};

impl GraphCore {
    /// Live node indices, in node order, whose attributes satisfy `query`.
    /// A malformed query is `InvalidArgument` with the position and a caret.
    pub fn filter_nodes_query(&self, query: &str) -> GraphResult<Vec<u32>> {
        let mask = Query::parse(query)?.eval(&self.node_attrs, self.topology.node_capacity());
        Ok(self.node_indices().filter(|&n| mask[n as usize]).collect())
    }

    /// Live edge indices, in edge order, whose attributes satisfy `query`.
    pub fn filter_edges_query(&self, query: &str) -> GraphResult<Vec<u32>> {
        let mask = Query::parse(query)?.eval(&self.edge_attrs, self.topology.edge_capacity());
        Ok(self.edge_indices().filter(|&e| mask[e as usize]).collect())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::core::{AttrValue, GraphError, KeyRef};

    fn people() -> GraphCore {
        let mut g = GraphCore::new(false);
        let rows: [(&str, Option<i64>, Option<&str>); 5] = [
            ("ann", Some(35), Some("Blue")),
            ("bob", Some(25), Some("Blue")),
            ("cat", None, Some("Red")),
            ("dan", Some(45), None),
            ("eve", Some(31), Some("Blue")),
        ];
        for (key, age, club) in rows {
            let mut attrs = Vec::new();
            if let Some(age) = age {
                attrs.push(("age", AttrValue::Int64(age)));
            }
            if let Some(club) = club {
                attrs.push(("club", club.into()));
            }
            g.add_node(key.into(), &attrs).unwrap();
        }
        g.add_edge("ann".into(), "bob".into(), &[("w", 1.5.into())])
            .unwrap();
        g.add_edge("bob".into(), "cat".into(), &[("w", AttrValue::Null)])
            .unwrap();
        g.add_edge("cat".into(), "dan".into(), &[("w", 3i64.into())])
            .unwrap();
        g.add_edge("dan".into(), "eve".into(), &[]).unwrap();
        g
    }

    fn node_keys(g: &GraphCore, q: &str) -> Vec<String> {
        g.filter_nodes_query(q)
            .unwrap()
            .into_iter()
            .map(|n| g.node_key(n).to_string())
            .collect()
    }

    fn edge_keys(g: &GraphCore, q: &str) -> Vec<String> {
        g.filter_edges_query(q)
            .unwrap()
            .into_iter()
            .map(|e| {
                let (u, v) = g.edge_keys(e);
                format!("{u}-{v}")
            })
            .collect()
    }

    #[test]
    fn filters_nodes_in_order_with_two_valued_logic() {
        let g = people();
        assert_eq!(
            node_keys(&g, "age > 30 AND club == 'Blue'"),
            ["'ann'", "'eve'"]
        );
        assert_eq!(node_keys(&g, "NOT age > 30"), ["'bob'", "'cat'"]);
        assert_eq!(
            node_keys(&g, "has(club) and not club == \"Blue\" or age >= 45"),
            ["'cat'", "'dan'"]
        );
        assert_eq!(node_keys(&g, "age > 'x'"), Vec::<String>::new());
    }

    #[test]
    fn removed_entities_are_skipped_and_order_is_kept() {
        let mut g = people();
        g.remove_node("ann".into()).unwrap();
        g.add_node("ann".into(), &[("age", 99i64.into())]).unwrap();
        assert_eq!(node_keys(&g, "age > 30"), ["'dan'", "'eve'", "'ann'"]);
        assert_eq!(edge_keys(&g, "NOT w > 2"), ["'bob'-'cat'", "'dan'-'eve'"]);
        g.remove_edge("cat".into(), "dan".into()).unwrap();
        assert_eq!(edge_keys(&g, "has(w)"), ["'bob'-'cat'"]);
        assert_eq!(edge_keys(&g, "w == 3 OR w == 1.5"), Vec::<String>::new());
    }

    #[test]
    fn a_removed_attribute_no_longer_matches() {
        let mut g = people();
        g.remove_node_attr("ann".into(), "age").unwrap();
        g.remove_edge_attr("bob".into(), "cat".into(), "w").unwrap();
        assert_eq!(node_keys(&g, "age > 30"), ["'dan'", "'eve'"]);
        assert_eq!(node_keys(&g, "has(age)"), ["'bob'", "'dan'", "'eve'"]);
        assert_eq!(edge_keys(&g, "has(w)"), ["'ann'-'bob'", "'cat'-'dan'"]);
    }

    #[test]
    fn filters_edges_numerically_across_int_and_float() {
        let g = people();
        assert_eq!(edge_keys(&g, "w >= 1.5"), ["'ann'-'bob'", "'cat'-'dan'"]);
        assert_eq!(edge_keys(&g, "has(w)").len(), 3);
        assert_eq!(edge_keys(&g, "NOT has(w)"), ["'dan'-'eve'"]);
    }

    #[test]
    fn malformed_queries_are_invalid_arguments() {
        let g = people();
        let err = g.filter_nodes_query("age > 30 AND )").unwrap_err();
        assert_eq!(
            err,
            GraphError::InvalidArgument(
                "unexpected ')' at position 13 in query:\nage > 30 AND )\n             ^".into()
            )
        );
        assert!(matches!(
            g.filter_edges_query("w =="),
            Err(GraphError::InvalidArgument(_))
        ));
    }

    #[test]
    fn empty_graph_and_unknown_names() {
        let g = GraphCore::new(true);
        assert_eq!(
            g.filter_nodes_query("NOT x == 1").unwrap(),
            Vec::<u32>::new()
        );
        let g = people();
        assert_eq!(g.filter_nodes_query("NOT x == 1").unwrap().len(), 5);
        assert_eq!(g.filter_edges_query("has(x)").unwrap(), Vec::<u32>::new());
    }

    /// A smoke test of the vectorised path at scale (timed loosely: debug builds are slow).
    #[test]
    fn a_million_nodes() {
        let mut g = GraphCore::new(false);
        let n = 1_000_000i64;
        for i in 0..n {
            let mut attrs = vec![("age", AttrValue::Int64(i % 90))];
            if i % 3 == 0 {
                attrs.push(("club", if i % 2 == 0 { "Blue" } else { "Red" }.into()));
            }
            g.add_node(KeyRef::Int(i), &attrs).unwrap();
        }
        let start = Instant::now();
        let hits = g
            .filter_nodes_query("age > 30 AND club == 'Blue' OR NOT has(club) AND age < 2")
            .unwrap();
        let elapsed = start.elapsed();
        let expected = (0..n)
            .filter(|i| {
                let club = (i % 3 == 0).then_some(i % 2 == 0);
                (i % 90 > 30 && club == Some(true)) || (club.is_none() && i % 90 < 2)
            })
            .count();
        assert_eq!(hits.len(), expected);
        assert!(elapsed.as_secs_f64() < 5.0, "took {elapsed:?}");
        eprintln!("1M nodes, 4 comparisons: {elapsed:?}");
    }
}
