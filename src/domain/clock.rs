use jiff::Timestamp;
use std::cell::Cell;
use std::time::{Duration, Instant};

/// Where "now" comes from, injected so tests and snapshots are deterministic.
pub trait Clock {
    /// The wall-clock time, for what is stored in a session.
    fn now(&self) -> Timestamp;
    /// A monotonic reading, for measuring time on screen (the timebox); never stored.
    fn monotonic(&self) -> Instant;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        // Whole seconds keep session files readable.
        Timestamp::from_second(Timestamp::now().as_second()).unwrap_or_else(|_| Timestamp::now())
    }

    fn monotonic(&self) -> Instant {
        Instant::now()
    }
}

/// A clock for tests: starts at a given instant and advances one second per reading. Its
/// monotonic time stands still until `advance` moves it, so screens render the same each run.
pub struct FixedClock {
    next: Cell<i64>,
    base: Instant,
    elapsed: Cell<Duration>,
}

impl FixedClock {
    pub fn at(ts: Timestamp) -> Self {
        FixedClock {
            next: Cell::new(ts.as_second()),
            base: Instant::now(),
            elapsed: Cell::new(Duration::ZERO),
        }
    }

    /// Moves the monotonic time on, as if `by` had passed.
    pub fn advance(&self, by: Duration) {
        self.elapsed.set(self.elapsed.get() + by);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        let s = self.next.get();
        self.next.set(s + 1);
        Timestamp::from_second(s).expect("test clock within range")
    }

    fn monotonic(&self) -> Instant {
        self.base + self.elapsed.get()
    }
}

/// A shared clock, so a test can move time on after handing the clock to the app.
impl<C: Clock> Clock for std::rc::Rc<C> {
    fn now(&self) -> Timestamp {
        (**self).now()
    }

    fn monotonic(&self) -> Instant {
        (**self).monotonic()
    }
}
