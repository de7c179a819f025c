//! Clustering and cores: triangle counts, clustering coefficients (networkx's
//! definitions: plain, weighted by the geometric mean of normalised weights, and
//! Fagiolo's directed ones), transitivity, core numbers and k-cores.

mod coefficients;
mod cores;
mod triangles;

pub use coefficients::{average_clustering, clustering, transitivity};
pub use cores::{core_number, k_core};
pub use triangles::triangles;
