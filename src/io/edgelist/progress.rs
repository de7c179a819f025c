//! Pacing of the caller's progress callback.

/// Calls the caller's progress callback about every 1%, never going backwards.
pub(crate) struct Progress<'a> {
    callback: &'a mut dyn FnMut(u64, u64),
    total: u64,
    /// The next report is due at this many bytes.
    next: u64,
    last: Option<u64>,
}

impl<'a> Progress<'a> {
    pub(crate) fn new(callback: &'a mut dyn FnMut(u64, u64)) -> Progress<'a> {
        Progress {
            callback,
            total: 0,
            next: 0,
            last: None,
        }
    }

    /// Starts (or, for a second pass, resumes) counting towards `total` bytes; the first
    /// report is due at 1%.
    pub(crate) fn start(&mut self, total: u64) {
        self.total = total;
        self.next = self.next.max(self.step());
    }

    fn step(&self) -> u64 {
        (self.total / 100).max(1)
    }

    pub(crate) fn update(&mut self, done: u64) {
        let done = done.min(self.total);
        if self.total == 0 || done < self.next || Some(done) <= self.last {
            return;
        }
        (self.callback)(done, self.total);
        self.last = Some(done);
        self.next = done + self.step();
    }

    pub(crate) fn finish(&mut self) {
        if self.last != Some(self.total) {
            (self.callback)(self.total, self.total);
            self.last = Some(self.total);
        }
    }
}
