//! `gr_pool`: a memory pool graphs can share, with an optional limit. An operation on a
//! graph in the pool that could take the pool over its limit fails with
//! `GR_STATUS_OUT_OF_MEMORY` before changing anything.

use std::sync::Arc;

use crate::core::{GraphCore, MemoryPool};

use super::boundary::{borrow, out, run};
use super::graph::{gr_graph, graph};
use super::handles::{free_handle, into_handle};
use super::status::gr_status;

/// A memory pool. It lives as long as its handle or any graph in it.
pub struct gr_pool {
    pool: Arc<MemoryPool>,
}

/// Creates a pool; `limit_bytes` below 0 means no limit.
///
/// # Safety
/// `out_pool` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_pool_new(limit_bytes: i64, out_pool: *mut *mut gr_pool) -> gr_status {
    run("pool_new", || {
        // SAFETY: promised by the caller.
        let out_pool = unsafe { out(out_pool, "pool")? };
        let limit = u64::try_from(limit_bytes).ok();
        *out_pool = into_handle(gr_pool {
            pool: Arc::new(MemoryPool::new(limit)),
        });
        Ok(())
    })
}

/// # Safety
/// `pool` is NULL or a live pool handle, which must not be used afterwards (graphs in the
/// pool keep it alive).
#[no_mangle]
pub unsafe extern "C" fn gr_pool_free(pool: *mut gr_pool) {
    // SAFETY: passed on to the caller.
    unsafe { free_handle(pool) }
}

/// The pool's figures: bytes allocated for its graphs in all, the most held at once, bytes
/// held now, and the limit (`*out_limit` is -1 when there is none).
///
/// # Safety
/// `pool` is NULL or a live pool; the outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_pool_stats(
    pool: *const gr_pool,
    out_total_allocated: *mut u64,
    out_peak_usage: *mut u64,
    out_pool_usage: *mut u64,
    out_limit: *mut i64,
) -> gr_status {
    run("pool_stats", || {
        // SAFETY: promised by the caller.
        let (pool, total, peak, usage, limit) = unsafe {
            (
                borrow(pool, "pool")?,
                out(out_total_allocated, "total_allocated")?,
                out(out_peak_usage, "peak_usage")?,
                out(out_pool_usage, "pool_usage")?,
                out(out_limit, "limit")?,
            )
        };
        let stats = pool.pool.stats();
        *total = stats.total_allocated;
        *peak = stats.peak_usage;
        *usage = stats.pool_usage;
        *limit = stats
            .limit
            .map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        Ok(())
    })
}

/// Creates an empty graph whose memory counts for `pool` (its copies and subgraphs too).
///
/// # Safety
/// `pool` is NULL or a live pool; `out_graph` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_new_in_pool(
    directed: bool,
    pool: *const gr_pool,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    run("graph_new", || {
        // SAFETY: promised by the caller.
        let (pool, out_graph) = unsafe { (borrow(pool, "pool")?, out(out_graph, "graph")?) };
        let core = GraphCore::new_in(directed, Some(Arc::clone(&pool.pool)));
        *out_graph = into_handle(gr_graph::new(core));
        Ok(())
    })
}

/// Bytes the graph's structures hold now (nodes, edges, keys and attribute columns,
/// capacities included; not snapshots or results).
///
/// # Safety
/// `g` is NULL or a live graph; `out_bytes` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_memory_usage(
    g: *const gr_graph,
    out_bytes: *mut usize,
) -> gr_status {
    run("memory_usage", || {
        // SAFETY: promised by the caller.
        let (g, out_bytes) = unsafe { (graph(g)?, out(out_bytes, "bytes")?) };
        *out_bytes = g.core.read().heap_size();
        Ok(())
    })
}
