//! A radix heap: a priority queue for keys that never go below the last one popped, which
//! is what Dijkstra pushes (a distance plus a non-negative weight). Items sit in buckets
//! by the highest bit in which their key differs from the last popped key; popping
//! redistributes one bucket at a time, so each item moves at most 64 times in all, and
//! the buckets are plain vectors (cheap to fill and scan, unlike a binary heap's sifting).

/// Keys are `u64` (non-negative `f64` distances as their bits, which sort the same way).
pub(crate) struct RadixHeap {
    last: u64,
    buckets: Vec<Vec<(u64, u32)>>,
    /// Bucket 0 (keys equal to `last`) is read front to back from here, so equal keys
    /// come out in the order they went in (as networkx settles ties: by push order).
    head: usize,
    len: usize,
}

impl RadixHeap {
    pub fn new() -> RadixHeap {
        RadixHeap {
            last: 0,
            buckets: (0..65).map(|_| Vec::new()).collect(),
            head: 0,
            len: 0,
        }
    }

    fn bucket(last: u64, key: u64) -> usize {
        64 - (key ^ last).leading_zeros() as usize
    }

    /// Adds `value` with `key`, which must not be below the last key popped.
    pub fn push(&mut self, key: u64, value: u32) {
        debug_assert!(key >= self.last, "radix heap keys must be monotone");
        self.buckets[Self::bucket(self.last, key)].push((key, value));
        self.len += 1;
    }

    /// The item with the smallest key; equal keys in the order they were pushed.
    pub fn pop(&mut self) -> Option<(u64, u32)> {
        if self.len == 0 {
            return None;
        }
        if self.head == self.buckets[0].len() {
            self.buckets[0].clear();
            self.head = 0;
            let i = self
                .buckets
                .iter()
                .position(|b| !b.is_empty())
                .expect("len > 0 means some bucket holds an item");
            let moved = std::mem::take(&mut self.buckets[i]);
            self.last = moved
                .iter()
                .map(|&(k, _)| k)
                .min()
                .expect("bucket is not empty");
            for (key, value) in moved {
                self.buckets[Self::bucket(self.last, key)].push((key, value));
            }
        }
        self.len -= 1;
        self.head += 1;
        Some(self.buckets[0][self.head - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_key_order_while_keys_stay_monotone() {
        let mut heap = RadixHeap::new();
        let mut popped = Vec::new();
        let mut state = 12345u64;
        let mut random = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            state >> 40
        };
        heap.push(0, 0);
        let mut pushes = 1;
        while let Some((key, _)) = heap.pop() {
            popped.push(key);
            if pushes < 5000 {
                for _ in 0..3 {
                    heap.push(key + random(), pushes);
                    pushes += 1;
                }
            }
        }
        assert!(popped.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(popped.len(), pushes as usize);
    }

    #[test]
    fn equal_keys_come_out_in_push_order() {
        let mut heap = RadixHeap::new();
        heap.push(5, 1);
        heap.push(3, 2);
        heap.push(5, 3);
        heap.push(3, 4);
        let order: Vec<u32> = std::iter::from_fn(|| heap.pop().map(|(_, v)| v)).collect();
        assert_eq!(order, vec![2, 4, 1, 3]);
    }
}
