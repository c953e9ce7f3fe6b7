//! The step's timebox: how long the step has run (monotonic, from the injected clock), paused
//! and extended by the facilitator, and whether the one quiet signal for "time is up" is due.

use std::time::{Duration, Instant};

/// Minutes one press of "more time" adds.
pub const EXTEND_MINUTES: u32 = 5;

#[derive(Debug, Clone)]
pub struct Timebox {
    started: Instant,
    /// Since when the clock stands still, if it does.
    paused_at: Option<Instant>,
    /// The template's minutes plus what the facilitator added.
    minutes: u32,
    /// The bell has rung for this step (it rings once).
    rung: bool,
}

impl Timebox {
    pub fn start(now: Instant, minutes: u32) -> Timebox {
        Timebox {
            started: now,
            paused_at: None,
            minutes,
            rung: false,
        }
    }

    /// How long the step has run, not counting pauses.
    pub fn elapsed(&self, now: Instant) -> Duration {
        self.paused_at
            .unwrap_or(now)
            .saturating_duration_since(self.started)
    }

    pub fn budget(&self) -> Duration {
        Duration::from_secs(u64::from(self.minutes) * 60)
    }

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    pub fn is_over(&self, now: Instant) -> bool {
        self.elapsed(now) >= self.budget()
    }

    /// Pauses a running clock, or resumes a paused one; true when it is paused now.
    pub fn toggle_pause(&mut self, now: Instant) -> bool {
        match self.paused_at.take() {
            Some(since) => {
                self.started += now.saturating_duration_since(since);
                false
            }
            None => {
                self.paused_at = Some(now);
                true
            }
        }
    }

    /// Five more minutes; a bell already rung may ring again when the new time is up.
    pub fn extend(&mut self, now: Instant) {
        self.minutes = self.minutes.saturating_add(EXTEND_MINUTES);
        if !self.is_over(now) {
            self.rung = false;
        }
    }

    /// True once, when the time has just run out.
    pub fn bell_due(&mut self, now: Instant) -> bool {
        if self.rung || !self.is_over(now) || self.budget().is_zero() {
            return false;
        }
        self.rung = true;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pause_stops_the_clock_and_extending_adds_five_minutes() {
        let t0 = Instant::now();
        let mut t = Timebox::start(t0, 1);
        let at = |s| t0 + Duration::from_secs(s);
        assert!(t.toggle_pause(at(10)));
        assert_eq!(t.elapsed(at(100)), Duration::from_secs(10));
        assert!(!t.toggle_pause(at(100)));
        assert_eq!(t.elapsed(at(110)), Duration::from_secs(20));
        assert!(!t.bell_due(at(69)));
        assert!(t.bell_due(at(150)));
        assert!(!t.bell_due(at(151)), "the bell rings once");
        t.extend(at(151));
        assert_eq!(t.budget(), Duration::from_secs(6 * 60));
        assert!(!t.is_over(at(151)));
        assert!(
            t.bell_due(at(450)),
            "and once more when the extra time is up"
        );
    }
}
