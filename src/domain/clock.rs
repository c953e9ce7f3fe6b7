use jiff::Timestamp;
use std::cell::Cell;

/// Where "now" comes from, injected so tests and snapshots are deterministic.
pub trait Clock {
    fn now(&self) -> Timestamp;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        // Whole seconds keep session files readable.
        Timestamp::from_second(Timestamp::now().as_second()).unwrap_or_else(|_| Timestamp::now())
    }
}

/// A clock for tests: starts at a given instant and advances one second per reading.
pub struct FixedClock {
    next: Cell<i64>,
}

impl FixedClock {
    pub fn at(ts: Timestamp) -> Self {
        FixedClock {
            next: Cell::new(ts.as_second()),
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        let s = self.next.get();
        self.next.set(s + 1);
        Timestamp::from_second(s).expect("test clock within range")
    }
}
