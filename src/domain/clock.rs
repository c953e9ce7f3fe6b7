use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::cell::Cell;
use std::time::{Duration, Instant};

/// Where "now" comes from, injected so tests and snapshots are deterministic.
///
/// One time rule: what is stored is a UTC timestamp; what a person reads (a date on a
/// screen, in a report, in a file name) is in the user's time zone, `time_zone()`.
pub trait Clock {
    /// The wall-clock time, for what is stored in a session.
    fn now(&self) -> Timestamp;
    /// A monotonic reading, for measuring time on screen (the timebox); never stored.
    fn monotonic(&self) -> Instant;
    /// The user's time zone, in which every date is shown.
    fn time_zone(&self) -> TimeZone;
}

/// The day `at` falls on in `zone`: what a screen, a report or a file name shows.
pub fn local_date(at: Timestamp, zone: &TimeZone) -> jiff::civil::Date {
    at.to_zoned(zone.clone()).date()
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

    fn time_zone(&self) -> TimeZone {
        TimeZone::system()
    }
}

/// A clock for tests: starts at a given instant and advances one second per reading. Its
/// monotonic time stands still until `advance` moves it, so screens render the same each run.
/// Its time zone is UTC unless `in_zone` says otherwise.
pub struct FixedClock {
    next: Cell<i64>,
    base: Instant,
    elapsed: Cell<Duration>,
    zone: TimeZone,
}

impl FixedClock {
    pub fn at(ts: Timestamp) -> Self {
        FixedClock {
            next: Cell::new(ts.as_second()),
            base: Instant::now(),
            elapsed: Cell::new(Duration::ZERO),
            zone: TimeZone::UTC,
        }
    }

    /// The same clock with the user in `zone`.
    pub fn in_zone(self, zone: TimeZone) -> Self {
        FixedClock { zone, ..self }
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

    fn time_zone(&self) -> TimeZone {
        self.zone.clone()
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

    fn time_zone(&self) -> TimeZone {
        (**self).time_zone()
    }
}
