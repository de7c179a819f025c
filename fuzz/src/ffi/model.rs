//! What a graph should hold: nodes and edges in order, and (while known) the attributes of
//! each, updated only after the library reports success.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use groggy::core::AttrValue;

use super::keys::Key;

pub type Attrs = BTreeMap<String, AttrValue>;

#[derive(Clone, Debug)]
pub struct Model {
    pub directed: bool,
    pub nodes: Vec<Key>,
    /// Endpoints as first added.
    pub edges: Vec<(Key, Key)>,
    pub node_attrs: HashMap<Key, Attrs>,
    /// By the edge's endpoints as stored in `edges`.
    pub edge_attrs: HashMap<(Key, Key), Attrs>,
    /// False once the graph went through a step whose attribute effect is not modelled
    /// (an edge list read back keeps only weights).
    pub attrs_known: bool,
    /// In a memory pool: additions may fail with `GR_STATUS_OUT_OF_MEMORY`.
    pub pooled: bool,
}

impl Model {
    pub fn new(directed: bool) -> Model {
        Model {
            directed,
            nodes: Vec::new(),
            edges: Vec::new(),
            node_attrs: HashMap::new(),
            edge_attrs: HashMap::new(),
            attrs_known: true,
            pooled: false,
        }
    }

    pub fn has_node(&self, k: &Key) -> bool {
        self.nodes.contains(k)
    }

    /// The position of the edge `u - v` (either way round when undirected).
    pub fn find_edge(&self, u: &Key, v: &Key) -> Option<usize> {
        self.edges
            .iter()
            .position(|(a, b)| (a == u && b == v) || (!self.directed && a == v && b == u))
    }

    pub fn edge_id(&self, u: &Key, v: &Key) -> Option<(Key, Key)> {
        self.find_edge(u, v).map(|i| self.edges[i].clone())
    }

    pub fn add_node(&mut self, k: &Key, attrs: &[(String, AttrValue)]) {
        if !self.has_node(k) {
            self.nodes.push(k.clone());
        }
        let entry = self.node_attrs.entry(k.clone()).or_default();
        for (name, value) in attrs {
            entry.insert(name.clone(), value.clone());
        }
    }

    pub fn add_edge(&mut self, u: &Key, v: &Key, attrs: &[(String, AttrValue)]) {
        self.add_node(u, &[]);
        self.add_node(v, &[]);
        let id = match self.edge_id(u, v) {
            Some(id) => id,
            None => {
                self.edges.push((u.clone(), v.clone()));
                (u.clone(), v.clone())
            }
        };
        let entry = self.edge_attrs.entry(id).or_default();
        for (name, value) in attrs {
            entry.insert(name.clone(), value.clone());
        }
    }

    pub fn remove_node(&mut self, k: &Key) {
        self.nodes.retain(|n| n != k);
        self.node_attrs.remove(k);
        let gone: Vec<(Key, Key)> = self
            .edges
            .iter()
            .filter(|(a, b)| a == k || b == k)
            .cloned()
            .collect();
        for e in gone {
            self.edge_attrs.remove(&e);
        }
        self.edges.retain(|(a, b)| a != k && b != k);
    }

    pub fn remove_edge(&mut self, u: &Key, v: &Key) {
        if let Some(i) = self.find_edge(u, v) {
            let e = self.edges.remove(i);
            self.edge_attrs.remove(&e);
        }
    }

    pub fn clear(&mut self) {
        let pooled = self.pooled;
        *self = Model::new(self.directed);
        self.pooled = pooled;
    }

    /// The induced subgraph on `keys` (those not in the graph ignored).
    pub fn subgraph(&self, keys: &[Key]) -> Model {
        let keep: HashSet<&Key> = keys.iter().collect();
        let mut m = Model::new(self.directed);
        m.attrs_known = self.attrs_known;
        m.pooled = self.pooled;
        m.nodes = self
            .nodes
            .iter()
            .filter(|k| keep.contains(k))
            .cloned()
            .collect();
        m.edges = self
            .edges
            .iter()
            .filter(|(a, b)| keep.contains(a) && keep.contains(b))
            .cloned()
            .collect();
        for k in &m.nodes {
            if let Some(a) = self.node_attrs.get(k) {
                m.node_attrs.insert(k.clone(), a.clone());
            }
        }
        for e in &m.edges {
            if let Some(a) = self.edge_attrs.get(e) {
                m.edge_attrs.insert(e.clone(), a.clone());
            }
        }
        m
    }

    /// Names some live node (edge) has.
    pub fn node_attr_names(&self) -> HashSet<String> {
        self.nodes
            .iter()
            .filter_map(|k| self.node_attrs.get(k))
            .flat_map(|a| a.keys().cloned())
            .collect()
    }

    pub fn edge_attr_names(&self) -> HashSet<String> {
        self.edges
            .iter()
            .filter_map(|e| self.edge_attrs.get(e))
            .flat_map(|a| a.keys().cloned())
            .collect()
    }

    pub fn node_attr(&self, k: &Key, name: &str) -> Option<&AttrValue> {
        self.node_attrs.get(k).and_then(|a| a.get(name))
    }

    pub fn edge_attr(&self, e: &(Key, Key), name: &str) -> Option<&AttrValue> {
        self.edge_attrs.get(e).and_then(|a| a.get(name))
    }

    /// Successors in edge order (both ways when undirected), with repeats.
    pub fn successors(&self, k: &Key) -> Vec<Key> {
        let mut out = Vec::new();
        for (a, b) in &self.edges {
            if a == k {
                out.push(b.clone());
            } else if !self.directed && b == k {
                out.push(a.clone());
            }
        }
        out
    }

    pub fn predecessors(&self, k: &Key) -> Vec<Key> {
        if !self.directed {
            return self.successors(k);
        }
        self.edges
            .iter()
            .filter(|(_, b)| b == k)
            .map(|(a, _)| a.clone())
            .collect()
    }

    /// In + out when directed; a self-loop counts twice when undirected.
    pub fn degree(&self, k: &Key) -> usize {
        self.edges
            .iter()
            .map(|(a, b)| usize::from(a == k) + usize::from(b == k))
            .sum()
    }

    pub fn in_degree(&self, k: &Key) -> usize {
        if !self.directed {
            return self.degree(k);
        }
        self.edges.iter().filter(|(_, b)| b == k).count()
    }

    pub fn out_degree(&self, k: &Key) -> usize {
        if !self.directed {
            return self.degree(k);
        }
        self.edges.iter().filter(|(a, _)| a == k).count()
    }

    /// Hop distances from `k` to every node it reaches.
    pub fn distances(&self, k: &Key) -> HashMap<Key, i64> {
        let mut dist = HashMap::new();
        dist.insert(k.clone(), 0);
        let mut queue = VecDeque::from([k.clone()]);
        while let Some(u) = queue.pop_front() {
            let d = dist[&u];
            for v in self.successors(&u) {
                if !dist.contains_key(&v) {
                    dist.insert(v.clone(), d + 1);
                    queue.push_back(v);
                }
            }
        }
        dist
    }

    /// Weak (undirected) components as sets.
    pub fn components(&self) -> Vec<HashSet<Key>> {
        let undirected = Model {
            directed: false,
            ..self.clone()
        };
        let mut seen: HashSet<Key> = HashSet::new();
        let mut out = Vec::new();
        for k in &self.nodes {
            if seen.contains(k) {
                continue;
            }
            let comp: HashSet<Key> = undirected.distances(k).into_keys().collect();
            seen.extend(comp.iter().cloned());
            out.push(comp);
        }
        out
    }

    /// Strong components as sets (quadratic; graphs here are small).
    pub fn strong_components(&self) -> Vec<HashSet<Key>> {
        let reach: HashMap<&Key, HashMap<Key, i64>> =
            self.nodes.iter().map(|k| (k, self.distances(k))).collect();
        let mut seen: HashSet<Key> = HashSet::new();
        let mut out = Vec::new();
        for k in &self.nodes {
            if seen.contains(k) {
                continue;
            }
            let comp: HashSet<Key> = self
                .nodes
                .iter()
                .filter(|v| reach[k].contains_key(*v) && reach[*v].contains_key(k))
                .cloned()
                .collect();
            seen.extend(comp.iter().cloned());
            out.push(comp);
        }
        out
    }
}
