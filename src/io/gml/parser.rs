//! GML's structure: `key value` pairs, a value an integer, a real, a string or a list
//! `[ ... ]` of pairs. One `graph [ ... ]` holds `directed`, `node [ ... ]` and
//! `edge [ ... ]` lists; everything else is skipped, without recursion (so no nesting depth
//! can exhaust the stack).

use hashbrown::HashMap;

use super::lexer::{Failure, Lexer, Token};
use super::values;
use crate::core::{AttrKind, AttrValue, Cancel, NodeKey, CHECK_EVERY};
use crate::io::loaded::{AttrColumns, Loaded};
use crate::io::located::Position;

pub(super) enum ParseError {
    At(Position, String),
    /// About the whole file (a value a hint refuses, ...).
    Plain(String),
    Cancelled,
}

type Parse<T> = Result<T, ParseError>;

fn at<T>(position: Position, what: impl Into<String>) -> Parse<T> {
    Err(ParseError::At(position, what.into()))
}

enum Value {
    Scalar(AttrValue),
    List,
}

struct Node {
    id: i64,
    label: Option<NodeKey>,
    at: Position,
}

struct Edge {
    ends: [i64; 2],
    at: Position,
}

/// A hint: on edges (else nodes), the column, its kind, where it was.
struct Hint {
    edges: bool,
    column: usize,
    kind: AttrKind,
    at: Position,
}

struct Parser<'a> {
    lex: Lexer<'a>,
    cancel: &'a Cancel,
    tokens: usize,
    directed: bool,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    node_attrs: AttrColumns,
    edge_attrs: AttrColumns,
    hints: Vec<Hint>,
}

/// The graph of a GML text.
pub(super) fn parse(text: &[u8], cancel: &Cancel) -> Parse<Loaded> {
    let mut parser = Parser {
        lex: Lexer::new(text),
        cancel,
        tokens: 0,
        directed: false,
        nodes: Vec::new(),
        edges: Vec::new(),
        node_attrs: AttrColumns::default(),
        edge_attrs: AttrColumns::default(),
        hints: Vec::new(),
    };
    parser.document()?;
    parser.finish()
}

fn describe(token: &Token<'_>) -> String {
    match token {
        Token::Key(k) => format!("the key {k}"),
        Token::Int(x) => format!("the integer {x}"),
        Token::Real(x) => format!("the real {x}"),
        Token::Str(_) => "a string".into(),
        Token::Open => "'['".into(),
        Token::Close => "']'".into(),
    }
}

impl<'a> Parser<'a> {
    fn next(&mut self) -> Parse<Option<(Position, Token<'a>)>> {
        self.tokens += 1;
        if self.tokens % CHECK_EVERY == 0 && self.cancel.is_triggered() {
            return Err(ParseError::Cancelled);
        }
        let token = self
            .lex
            .next()
            .map_err(|(p, w): Failure| ParseError::At(p, w))?;
        for (position, text) in std::mem::take(&mut self.lex.hints) {
            let (edges, name, kind) =
                values::parse_hint(text).map_err(|w| ParseError::At(position, w))?;
            let attrs = if edges {
                &mut self.edge_attrs
            } else {
                &mut self.node_attrs
            };
            let column = attrs.column(name);
            self.hints.push(Hint {
                edges,
                column,
                kind,
                at: position,
            });
        }
        Ok(token)
    }

    /// The value after `key` (at `key_at`); a list is skipped.
    fn value(&mut self, key: &str, key_at: Position) -> Parse<Value> {
        let scalar = |v: AttrValue| Ok(Value::Scalar(v));
        match self.next()? {
            None => at(
                key_at,
                format!("the file ends after the key {key} (truncated?)"),
            ),
            Some((_, Token::Int(x))) => scalar(AttrValue::Int64(x)),
            Some((_, Token::Real(x))) => scalar(AttrValue::Float64(x)),
            Some((_, Token::Str(s))) => scalar(AttrValue::Str(s.into())),
            // networkx writes NaN and +infinity as the bare words NAN and INF.
            Some((_, Token::Key("NAN"))) => scalar(AttrValue::Float64(f64::NAN)),
            Some((_, Token::Key("INF"))) => scalar(AttrValue::Float64(f64::INFINITY)),
            Some((open_at, Token::Open)) => {
                let mut depth = 1usize;
                while depth > 0 {
                    match self.next()? {
                        None => return at(open_at, "a '[' that is never closed (truncated?)"),
                        Some((_, Token::Open)) => depth += 1,
                        Some((_, Token::Close)) => depth -= 1,
                        Some(_) => {}
                    }
                }
                Ok(Value::List)
            }
            Some((p, other)) => at(
                p,
                format!("expected a value for {key}, found {}", describe(&other)),
            ),
        }
    }

    /// The next key of a list (`None` at its `]`; `opened` is where the list started).
    fn key(&mut self, what: &str, opened: Position) -> Parse<Option<(Position, &'a str)>> {
        match self.next()? {
            None => at(opened, format!("{what} [ is never closed (truncated?)")),
            Some((_, Token::Close)) => Ok(None),
            Some((p, Token::Key(k))) => Ok(Some((p, k))),
            Some((p, other)) => at(
                p,
                format!("expected a key in {what} [ ], found {}", describe(&other)),
            ),
        }
    }

    fn open(&mut self, key: &str) -> Parse<()> {
        match self.next()? {
            Some((_, Token::Open)) => Ok(()),
            Some((p, other)) => at(
                p,
                format!("expected '[' after {key}, found {}", describe(&other)),
            ),
            None => Err(ParseError::Plain(format!(
                "the file ends after {key} (truncated?)"
            ))),
        }
    }

    fn document(&mut self) -> Parse<()> {
        let mut graphs = 0;
        while let Some((p, token)) = self.next()? {
            let Token::Key(key) = token else {
                return at(p, format!("expected a key, found {}", describe(&token)));
            };
            if key != "graph" {
                self.value(key, p)?; // Creator, Version, ...: skipped
                continue;
            }
            graphs += 1;
            if graphs > 1 {
                return at(
                    p,
                    "more than one graph in the file (groggy reads one graph)",
                );
            }
            self.open(key)?;
            self.graph(p)?;
        }
        if graphs == 0 {
            return Err(ParseError::Plain("no `graph [ ... ]` in the file".into()));
        }
        Ok(())
    }

    fn graph(&mut self, opened: Position) -> Parse<()> {
        while let Some((p, key)) = self.key("graph", opened)? {
            match key {
                "node" => {
                    self.open(key)?;
                    self.node(p)?;
                }
                "edge" => {
                    self.open(key)?;
                    self.edge(p)?;
                }
                "directed" => {
                    self.directed = match self.value(key, p)? {
                        Value::Scalar(AttrValue::Int64(0)) => false,
                        Value::Scalar(AttrValue::Int64(1)) => true,
                        _ => return at(p, "directed must be 0 or 1"),
                    }
                }
                "hyperedge" => return at(p, "hyperedges are not supported"),
                _ => {
                    self.value(key, p)?; // graph attributes, multigraph: skipped
                }
            }
        }
        Ok(())
    }

    fn node(&mut self, opened: Position) -> Parse<()> {
        let n = self.nodes.len();
        let (mut id, mut label) = (None, None);
        while let Some((p, key)) = self.key("node", opened)? {
            let value = self.value(key, p)?;
            let twice = || at(p, format!("a node with {key} twice"));
            match (key, value) {
                ("id", Value::Scalar(AttrValue::Int64(x))) => {
                    if id.replace(x).is_some() {
                        return twice();
                    }
                }
                ("id", _) => return at(p, "a node's id must be an integer"),
                ("label", Value::Scalar(v)) => {
                    let key = match v {
                        AttrValue::Int64(x) => NodeKey::Int(x),
                        AttrValue::Str(s) => NodeKey::Str(s),
                        _ => return at(p, "a node's label must be an integer or a string"),
                    };
                    if label.replace(key).is_some() {
                        return twice();
                    }
                }
                ("graph", Value::List) => {
                    return at(p, "nested graphs (a graph inside a node) are not supported")
                }
                ("label", Value::List) => {
                    return at(p, "a node's label must be an integer or a string")
                }
                (_, Value::List) => {} // graphics and other lists: skipped
                (name, Value::Scalar(v)) => {
                    let c = self.node_attrs.column(name);
                    if self.node_attrs.has(c, n) {
                        return twice();
                    }
                    self.node_attrs.set(c, n, v);
                }
            }
        }
        let Some(id) = id else {
            return at(opened, "a node without an id");
        };
        self.nodes.push(Node {
            id,
            label,
            at: opened,
        });
        Ok(())
    }

    fn edge(&mut self, opened: Position) -> Parse<()> {
        let i = self.edges.len();
        let mut ends = [None, None];
        while let Some((p, key)) = self.key("edge", opened)? {
            let value = self.value(key, p)?;
            let twice = || at(p, format!("an edge with {key} twice"));
            match (key, value) {
                ("source" | "target", Value::Scalar(AttrValue::Int64(x))) => {
                    if ends[usize::from(key == "target")].replace(x).is_some() {
                        return twice();
                    }
                }
                ("source" | "target", _) => {
                    return at(p, format!("an edge's {key} must be an integer"))
                }
                (_, Value::List) => {}
                (name, Value::Scalar(v)) => {
                    let c = self.edge_attrs.column(name);
                    if self.edge_attrs.has(c, i) {
                        return twice();
                    }
                    self.edge_attrs.set(c, i, v);
                }
            }
        }
        match ends {
            [Some(u), Some(v)] => self.edges.push(Edge {
                ends: [u, v],
                at: opened,
            }),
            [None, _] => return at(opened, "an edge without a source"),
            _ => return at(opened, "an edge without a target"),
        }
        Ok(())
    }

    fn finish(mut self) -> Parse<Loaded> {
        let mut by_id: HashMap<i64, u32> = HashMap::with_capacity(self.nodes.len());
        let mut keys = Vec::with_capacity(self.nodes.len());
        let mut by_key: HashMap<NodeKey, Position> = HashMap::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter_mut().enumerate() {
            if by_id.insert(node.id, i as u32).is_some() {
                return at(node.at, format!("a second node with the id {}", node.id));
            }
            let key = node.label.take().unwrap_or(NodeKey::Int(node.id));
            if let Some(first) = by_key.insert(key.clone(), node.at) {
                return at(
                    node.at,
                    format!(
                        "a second node with the key {key} (the first is at line {})",
                        first.line
                    ),
                );
            }
            keys.push(key);
        }
        let mut edges = Vec::with_capacity(self.edges.len());
        for edge in &self.edges {
            let mut pair = [0u32; 2];
            for (end, id) in pair.iter_mut().zip(edge.ends) {
                *end = match by_id.get(&id) {
                    Some(&n) => n,
                    None => {
                        return at(
                            edge.at,
                            format!("an edge to the node id {id}, which no node has"),
                        )
                    }
                };
            }
            edges.push(pair);
        }
        for (edges, attrs) in [(false, &mut self.node_attrs), (true, &mut self.edge_attrs)] {
            for c in 0..attrs.len() {
                let hinted = self.hints.iter().any(|h| h.edges == edges && h.column == c);
                if !hinted && values::ints_among_reals(attrs.values(c)) {
                    attrs
                        .convert(c, |v| {
                            Ok(AttrValue::Float64(v.as_number().expect("a number")))
                        })
                        .expect("numbers convert");
                }
            }
        }
        for hint in &self.hints {
            let attrs = if hint.edges {
                &mut self.edge_attrs
            } else {
                &mut self.node_attrs
            };
            let name = attrs.name(hint.column).to_string();
            attrs.convert(hint.column, |v| values::convert(v, hint.kind)).map_err(|(i, why)| {
                let who = match hint.edges {
                    false => format!("node {}", keys[i]),
                    true => {
                        let [u, v] = edges[i];
                        format!("edge ({}, {})", keys[u as usize], keys[v as usize])
                    }
                };
                ParseError::Plain(format!(
                    "{who}: its {name} is {why} (the kind the `# groggy:` comment of line {} names)",
                    hint.at.line
                ))
            })?;
        }
        Ok(Loaded {
            directed: self.directed,
            keys,
            edges,
            node_attrs: self.node_attrs,
            edge_attrs: self.edge_attrs,
        })
    }
}
