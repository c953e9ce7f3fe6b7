use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
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
/// It can be shared between threads (the join server reads the app's clock).
pub struct FixedClock {
    next: AtomicI64,
    base: Instant,
    /// Nanoseconds `advance` has moved the monotonic time on.
    elapsed: AtomicU64,
    zone: TimeZone,
}

impl FixedClock {
    pub fn at(ts: Timestamp) -> Self {
        FixedClock {
            next: AtomicI64::new(ts.as_second()),
            base: Instant::now(),
            elapsed: AtomicU64::new(0),
            zone: TimeZone::UTC,
        }
    }

    /// The same clock with the user in `zone`.
    pub fn in_zone(self, zone: TimeZone) -> Self {
        FixedClock { zone, ..self }
    }

    /// Moves the monotonic time on, as if `by` had passed.
    pub fn advance(&self, by: Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        self.elapsed.fetch_add(nanos, Ordering::Relaxed);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        let s = self.next.fetch_add(1, Ordering::Relaxed);
        Timestamp::from_second(s).expect("test clock within range")
    }

    fn monotonic(&self) -> Instant {
        self.base + Duration::from_nanos(self.elapsed.load(Ordering::Relaxed))
    }

    fn time_zone(&self) -> TimeZone {
        self.zone.clone()
    }
}

/// A shared clock, so a test can move time on after handing the clock to the app (and the
/// app to its join server).
impl<C: Clock> Clock for std::sync::Arc<C> {
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
