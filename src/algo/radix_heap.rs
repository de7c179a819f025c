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

    /// Empties the heap for a new search (keys may start from 0 again), keeping the
    /// buckets' memory for reuse.
    pub fn clear(&mut self) {
        self.buckets.iter_mut().for_each(Vec::clear);
        self.last = 0;
        self.head = 0;
        self.len = 0;
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

    /// The item with the smallest key (equal keys in the order they were pushed), left
    /// in place.
    pub fn peek(&mut self) -> Option<(u64, u32)> {
        self.front_at_most(u64::MAX)
            .then(|| self.buckets[0][self.head])
    }

    /// Takes the item with the smallest key if that key is at most `bound`. It looks no
    /// further, so a caller may go on pushing keys down to `bound` (or to the key it took).
    pub fn pop_at_most(&mut self, bound: u64) -> Option<(u64, u32)> {
        if !self.front_at_most(bound) {
            return None;
        }
        self.len -= 1;
        self.head += 1;
        Some(self.buckets[0][self.head - 1])
    }

    /// Whether the smallest key is at most `bound`; if so, bucket 0 holds its items from
    /// `head` on. `last` moves only to a key at most `bound`, since pushes may not go
    /// below it.
    fn front_at_most(&mut self, bound: u64) -> bool {
        if self.len == 0 {
            return false;
        }
        if self.head < self.buckets[0].len() {
            return self.last <= bound;
        }
        self.buckets[0].clear();
        self.head = 0;
        let i = self
            .buckets
            .iter()
            .position(|b| !b.is_empty())
            .expect("len > 0 means some bucket holds an item");
        let least = self.buckets[i]
            .iter()
            .map(|&(k, _)| k)
            .min()
            .expect("bucket is not empty");
        if least > bound {
            return false;
        }
        self.redistribute(i, least);
        true
    }

    /// Makes `least`, the smallest key of bucket `i` (the lowest non-empty bucket), the
    /// new `last`, and moves that bucket's items down by their keys' distance from it.
    fn redistribute(&mut self, i: usize, least: u64) {
        self.last = least;
        let moved = std::mem::take(&mut self.buckets[i]);
        for &(key, value) in &moved {
            self.buckets[Self::bucket(least, key)].push((key, value));
        }
        // Every moved key differs from `last` only below bit `i`, so bucket `i` is still
        // empty: give it its storage back rather than allocate it again.
        let mut storage = moved;
        storage.clear();
        self.buckets[i] = storage;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl RadixHeap {
        fn pop(&mut self) -> Option<(u64, u32)> {
            self.pop_at_most(u64::MAX)
        }
    }

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

    #[test]
    fn pop_at_most_takes_only_keys_up_to_its_bound() {
        let mut heap = RadixHeap::new();
        for (key, value) in [(4, 1), (2, 2), (9, 3), (4, 4)] {
            heap.push(key, value);
        }
        assert_eq!(heap.peek(), Some((2, 2)));
        assert_eq!(heap.pop_at_most(1), None);
        let up_to_four: Vec<u32> = std::iter::from_fn(|| heap.pop_at_most(4))
            .map(|(_, v)| v)
            .collect();
        assert_eq!(up_to_four, vec![2, 1, 4]);
        // Keys between the bound and the next key may still be pushed.
        heap.push(5, 5);
        assert_eq!(heap.pop(), Some((5, 5)));
        assert_eq!(heap.peek(), Some((9, 3)));
        assert_eq!(heap.pop(), Some((9, 3)));
        assert_eq!(heap.peek(), None);
    }
}
