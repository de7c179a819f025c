//! What the events of a GraphML file mean: `<key>` declarations, the `<graph>`, its
//! `<node>`s and `<edge>`s and their `<data>`. Errors are the words of a message; the event
//! loop (reader.rs) adds where in the file.

use std::borrow::Cow;
use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashMap, HashTable};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::BytesStart;

use super::{kinds, GROGGY_KEYS, GROGGY_KIND};
use crate::core::{AttrKind, AttrValue, NodeKey};
use crate::io::loaded::{AttrColumns, Loaded};
use crate::io::text::parse_i64;

/// What a key's data belong to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Domain {
    Node,
    Edge,
    All,
    /// The graph or the document: read and ignored.
    Other,
}

struct Key {
    id: Box<str>,
    domain: Domain,
    kind: AttrKind,
    /// yEd's graphics (`yfiles.type`): skipped, as networkx skips them.
    ignored: bool,
    node_column: Option<usize>,
    edge_column: Option<usize>,
    default: Option<AttrValue>,
}

/// What an open `<data>` sets.
#[derive(Clone, Copy)]
enum On {
    Node(u32),
    Edge(usize),
}

/// An open element, and what its content means.
enum Open {
    Root,
    Key(usize),
    Default(usize),
    Graph,
    Node(u32),
    Edge(usize),
    Data {
        key: usize,
        on: On,
    },
    /// An element groggy does not read (`<desc>`, graph attributes, extensions), with
    /// everything inside it.
    Skip,
}

/// Node ids in order of first mention, each looked up once per mention.
#[derive(Default)]
struct Ids {
    names: Vec<Box<str>>,
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl Ids {
    fn position(&mut self, id: &str) -> Result<u32, String> {
        let hash = self.hasher.hash_one(id);
        let names = &self.names;
        if let Some(&i) = self.table.find(hash, |&i| &*names[i as usize] == id) {
            return Ok(i);
        }
        let i = u32::try_from(self.names.len())
            .ok()
            .filter(|&i| i < u32::MAX)
            .ok_or("more nodes than a graph can hold")?;
        self.names.push(id.into());
        let (names, hasher) = (&self.names, &self.hasher);
        self.table
            .insert_unique(hash, i, |&j| hasher.hash_one(&*names[j as usize]));
        Ok(i)
    }
}

#[derive(Default)]
pub(super) struct Document {
    stack: Vec<Open>,
    /// The text of the open `<data>` or `<default>`.
    text: String,
    keys: Vec<Key>,
    key_ids: HashMap<Box<str>, usize>,
    ids: Ids,
    edges: Vec<[u32; 2]>,
    node_attrs: AttrColumns,
    edge_attrs: AttrColumns,
    seen_root: bool,
    graphs: u32,
    directed: bool,
    /// `groggy:keys` of the graph: `int` or `str`.
    keys_mark: Option<String>,
}

impl Document {
    pub(super) fn start(&mut self, e: &BytesStart<'_>, _empty: bool) -> Result<(), String> {
        let local = e.local_name();
        let name = local.as_ref();
        let open = match (self.stack.last(), name) {
            (None, b"graphml") if !self.seen_root => {
                self.seen_root = true;
                Open::Root
            }
            (None, _) => {
                return Err(format!(
                    "not a GraphML file: the root element is <{}>, not <graphml>",
                    String::from_utf8_lossy(e.name().as_ref())
                ))
            }
            (Some(Open::Root), b"key") => self.key(e)?,
            (Some(Open::Root), b"graph") => self.graph(e)?,
            (Some(Open::Key(k)), b"default") => {
                self.text.clear();
                Open::Default(*k)
            }
            (Some(Open::Graph), b"node") => self.node(e)?,
            (Some(Open::Graph), b"edge") => self.edge(e)?,
            (Some(Open::Graph), b"hyperedge") => {
                return Err(
                    "hyperedges are not supported (groggy graphs join two nodes per \
                            edge)"
                        .into(),
                )
            }
            (Some(Open::Graph | Open::Node(_)), b"locator") => {
                return Err("graph locators (graphs in other files) are not followed".into())
            }
            (Some(Open::Node(_) | Open::Edge(_)), b"graph") => {
                return Err(
                    "nested graphs (a <graph> inside a node or an edge) are not \
                            supported"
                        .into(),
                )
            }
            (Some(Open::Node(_)), b"port") => return Err("ports are not supported".into()),
            (Some(Open::Node(n)), b"data") => {
                let on = On::Node(*n);
                self.data(e, on)?
            }
            (Some(Open::Edge(i)), b"data") => {
                let on = On::Edge(*i);
                self.data(e, on)?
            }
            (Some(Open::Data { .. } | Open::Default(_)), _) => {
                return Err(format!(
                    "<{}> inside a value: groggy reads values that are text",
                    String::from_utf8_lossy(name)
                ))
            }
            (Some(_), _) => Open::Skip,
        };
        self.stack.push(open);
        Ok(())
    }

    pub(super) fn end(&mut self) -> Result<(), String> {
        match self.stack.pop() {
            Some(Open::Data { key, on }) => {
                let k = &self.keys[key];
                let value = kinds::parse(k.kind, &self.text)
                    .map_err(|why| format!("data of key {:?}: {why}", k.id))?;
                match on {
                    On::Node(n) => {
                        let c = k.node_column.expect("a node key has a node column");
                        self.node_attrs.set(c, n as usize, value);
                    }
                    On::Edge(i) => {
                        let c = k.edge_column.expect("an edge key has an edge column");
                        self.edge_attrs.set(c, i, value);
                    }
                }
            }
            Some(Open::Default(key)) => {
                let k = &mut self.keys[key];
                let value = kinds::parse(k.kind, &self.text)
                    .map_err(|why| format!("default of key {:?}: {why}", k.id))?;
                k.default = Some(value);
            }
            _ => {}
        }
        Ok(())
    }

    /// Text (or a resolved reference) inside the open element.
    pub(super) fn text(&mut self, text: &str) -> Result<(), String> {
        if matches!(
            self.stack.last(),
            Some(Open::Data { .. } | Open::Default(_))
        ) {
            self.text.push_str(text);
        }
        Ok(())
    }

    fn key(&mut self, e: &BytesStart<'_>) -> Result<Open, String> {
        let [id, domain, name, type_name, yfiles, groggy] = attributes(
            e,
            [
                b"id",
                b"for",
                b"attr.name",
                b"attr.type",
                b"yfiles.type",
                GROGGY_KIND.as_bytes(),
            ],
        )?;
        let id = id.ok_or("a <key> without an id")?;
        if self.key_ids.contains_key(&*id) {
            return Err(format!("key {id:?} is declared twice"));
        }
        let domain = match domain.as_deref().unwrap_or("all") {
            "node" => Domain::Node,
            "edge" => Domain::Edge,
            "all" => Domain::All,
            "graph" | "graphml" | "hyperedge" | "port" | "endpoint" => Domain::Other,
            other => return Err(format!("key {id:?} is for {other:?}, not a GraphML domain")),
        };
        let ignored = yfiles.is_some();
        let kind = match ignored {
            true => AttrKind::Str,
            false => kinds::kind_of(type_name.as_deref().unwrap_or("string"), groggy.as_deref())
                .map_err(|why| format!("key {id:?}: {why}"))?,
        };
        let name = name.as_deref().unwrap_or(&id);
        let wanted = |d: Domain| !ignored && (domain == d || domain == Domain::All);
        let node_column = wanted(Domain::Node).then(|| self.node_attrs.column(name));
        let edge_column = wanted(Domain::Edge).then(|| self.edge_attrs.column(name));
        let k = self.keys.len();
        self.key_ids.insert(id.as_ref().into(), k);
        self.keys.push(Key {
            id: id.as_ref().into(),
            domain,
            kind,
            ignored,
            node_column,
            edge_column,
            default: None,
        });
        Ok(Open::Key(k))
    }

    fn graph(&mut self, e: &BytesStart<'_>) -> Result<Open, String> {
        self.graphs += 1;
        if self.graphs > 1 {
            return Err("more than one <graph> in the file (groggy reads one graph)".into());
        }
        let [edgedefault, keys] = attributes(e, [b"edgedefault", GROGGY_KEYS.as_bytes()])?;
        self.directed = match edgedefault.as_deref() {
            Some("directed") => true,
            Some("undirected") | None => false,
            Some(other) => return Err(format!("edgedefault {other:?} is not GraphML")),
        };
        self.keys_mark = keys.map(Cow::into_owned);
        Ok(Open::Graph)
    }

    fn node(&mut self, e: &BytesStart<'_>) -> Result<Open, String> {
        let [id] = attributes(e, [b"id"])?;
        let id = id.ok_or("a <node> without an id")?;
        Ok(Open::Node(self.ids.position(&id)?))
    }

    fn edge(&mut self, e: &BytesStart<'_>) -> Result<Open, String> {
        let [source, target, directed, sourceport, targetport] = attributes(
            e,
            [
                b"source",
                b"target",
                b"directed",
                b"sourceport",
                b"targetport",
            ],
        )?;
        if sourceport.is_some() || targetport.is_some() {
            return Err("ports are not supported".into());
        }
        if let Some(directed) = directed {
            let says = match &*directed {
                "true" => true,
                "false" => false,
                other => return Err(format!("directed={other:?} is not true or false")),
            };
            if says != self.directed {
                return Err(format!(
                    "an edge with directed=\"{directed}\" in a graph whose edgedefault is \
                     {}: graphs of both kinds of edges are not supported",
                    if self.directed {
                        "directed"
                    } else {
                        "undirected"
                    }
                ));
            }
        }
        let source = source.ok_or("an <edge> without a source")?;
        let target = target.ok_or("an <edge> without a target")?;
        let pair = [self.ids.position(&source)?, self.ids.position(&target)?];
        self.edges.push(pair);
        Ok(Open::Edge(self.edges.len() - 1))
    }

    fn data(&mut self, e: &BytesStart<'_>, on: On) -> Result<Open, String> {
        let [key] = attributes(e, [b"key"])?;
        let key = key.ok_or("a <data> without a key")?;
        let &k = self
            .key_ids
            .get(&*key)
            .ok_or_else(|| format!("<data> of key {key:?}, which no <key> declares"))?;
        let declared = &self.keys[k];
        if declared.ignored {
            return Ok(Open::Skip);
        }
        let (fits, what) = match on {
            On::Node(_) => (declared.node_column.is_some(), "a node"),
            On::Edge(_) => (declared.edge_column.is_some(), "an edge"),
        };
        if !fits {
            return Err(format!(
                "key {key:?} is declared for {}, not for {what}",
                match declared.domain {
                    Domain::Node => "nodes",
                    Domain::Edge => "edges",
                    _ => "the graph",
                }
            ));
        }
        self.text.clear();
        Ok(Open::Data { key: k, on })
    }

    /// The graph the document describes: defaults filled in, node ids turned into keys.
    pub(super) fn finish(mut self) -> Result<Loaded, String> {
        if !self.seen_root {
            return Err("no <graphml> element: not a GraphML file".into());
        }
        if let Some(open) = self.stack.last() {
            let inside = match open {
                Open::Root => "<graphml>",
                Open::Key(_) | Open::Default(_) => "a <key>",
                Open::Graph => "the <graph>",
                Open::Node(_) => "a <node>",
                Open::Edge(_) => "an <edge>",
                Open::Data { .. } => "a <data>",
                Open::Skip => "an element",
            };
            return Err(format!("the file ends inside {inside} (truncated?)"));
        }
        if self.graphs == 0 {
            return Err("no <graph> element".into());
        }
        let (nodes, edges) = (self.ids.names.len(), self.edges.len());
        for k in &self.keys {
            let Some(default) = &k.default else { continue };
            for (column, attrs, len) in [
                (k.node_column, &mut self.node_attrs, nodes),
                (k.edge_column, &mut self.edge_attrs, edges),
            ] {
                let Some(c) = column else { continue };
                for entity in 0..len {
                    if !attrs.has(c, entity) {
                        attrs.set(c, entity, default.clone());
                    }
                }
            }
        }
        let keys = node_keys(self.ids.names, self.keys_mark.as_deref())?;
        Ok(Loaded {
            directed: self.directed,
            keys,
            edges: self.edges,
            node_attrs: self.node_attrs,
            edge_attrs: self.edge_attrs,
        })
    }
}

/// Node ids as keys: int keys when the graph says `groggy:keys="int"`, or says nothing and
/// every id is an int64 written as groggy and networkx write them (`-12`, not `+12` or
/// `012`); string keys otherwise.
fn node_keys(ids: Vec<Box<str>>, mark: Option<&str>) -> Result<Vec<NodeKey>, String> {
    let ints = match mark {
        Some("str") => false,
        Some("int") => true,
        Some(other) => return Err(format!("{GROGGY_KEYS}={other:?} is not int or str")),
        None => !ids.is_empty() && ids.iter().all(|id| canonical_int(id).is_some()),
    };
    if !ints {
        return Ok(ids.into_iter().map(NodeKey::Str).collect());
    }
    ids.iter()
        .map(|id| {
            canonical_int(id).map(NodeKey::Int).ok_or_else(|| {
                format!("node id {id:?} is not an int, but the graph says {GROGGY_KEYS}=\"int\"")
            })
        })
        .collect()
}

/// The int64 whose decimal text `id` is, exactly: no sign but `-`, no leading zero, no `-0`.
fn canonical_int(id: &str) -> Option<i64> {
    let digits = id.strip_prefix('-').unwrap_or(id);
    let canonical = match digits.as_bytes() {
        [b'0'] => digits.len() == id.len(),
        [b'1'..=b'9', ..] => true,
        _ => false,
    };
    canonical.then(|| parse_i64(id.as_bytes())).flatten()
}

/// The values of the attributes `names` of `e` (absent: `None`), unescaped.
fn attributes<'a, const N: usize>(
    e: &'a BytesStart<'_>,
    names: [&[u8]; N],
) -> Result<[Option<Cow<'a, str>>; N], String> {
    let mut found: [Option<Cow<'a, str>>; N] = std::array::from_fn(|_| None);
    for a in e.attributes() {
        let a = a.map_err(|e| format!("malformed attribute: {e}"))?;
        if let Some(i) = names.iter().position(|n| *n == a.key.as_ref()) {
            found[i] = Some(attribute_value(a)?);
        }
    }
    Ok(found)
}

/// An attribute's value as XML defines it: line breaks and TABs written as such become
/// spaces (those written as character references stay), references are resolved, and an
/// entity other than the five of XML is an error (never expanded).
fn attribute_value(a: Attribute<'_>) -> Result<Cow<'_, str>, String> {
    let not_utf8 = || "an attribute value that is not valid UTF-8".to_string();
    let raw: Cow<'_, str> = match a.value {
        Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(b).map_err(|_| not_utf8())?),
        Cow::Owned(v) => Cow::Owned(String::from_utf8(v).map_err(|_| not_utf8())?),
    };
    let unescape = |s: &str| -> Result<String, String> {
        quick_xml::escape::unescape(s)
            .map(Cow::into_owned)
            .map_err(|e| format!("bad attribute value: {e} (entities are never expanded)"))
    };
    if raw.contains(['\t', '\n', '\r']) {
        let spaced = raw.replace("\r\n", " ").replace(['\t', '\n', '\r'], " ");
        return unescape(&spaced).map(Cow::Owned);
    }
    match raw {
        Cow::Borrowed(s) => quick_xml::escape::unescape(s)
            .map_err(|e| format!("bad attribute value: {e} (entities are never expanded)")),
        Cow::Owned(s) => unescape(&s).map(Cow::Owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_canonical_ints_are_int_keys() {
        for (id, int) in [
            ("0", Some(0)),
            ("-12", Some(-12)),
            ("9223372036854775807", Some(i64::MAX)),
            ("-0", None),
            ("012", None),
            ("+1", None),
            ("", None),
            ("-", None),
            ("9223372036854775808", None),
            ("n0", None),
        ] {
            assert_eq!(canonical_int(id), int, "{id:?}");
        }
    }

    #[test]
    fn the_mark_decides_the_key_kind() {
        let ids = || vec!["1".into(), "2".into()];
        assert_eq!(node_keys(ids(), None).unwrap()[0], NodeKey::Int(1));
        assert_eq!(
            node_keys(ids(), Some("str")).unwrap()[0],
            NodeKey::Str("1".into())
        );
        let mixed = vec!["1".into(), "a".into()];
        assert_eq!(
            node_keys(mixed.clone(), None).unwrap()[0],
            NodeKey::Str("1".into())
        );
        assert!(node_keys(mixed, Some("int")).is_err());
    }
}
