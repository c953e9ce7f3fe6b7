//! What the run screen tells the room view besides the session file: the board's selection,
//! the time left of the step and a heartbeat (`store::room_sidecar`). Written when it changed
//! and at least every `BEAT`, only by the window that may write the session, and removed when
//! that window closes the session.

use super::timebox::Timebox;
use crate::domain::{Clock, GroupId};
use crate::store::room_sidecar::{self as sidecar, Room, TimeLeft};
use std::path::PathBuf;

#[derive(Debug)]
pub struct RoomFeed {
    session: PathBuf,
    /// The data folder, where the pointer to the session open now lives (`store::open_now`).
    data_dir: PathBuf,
    /// The step's clock as last started, paused, resumed or extended.
    time: TimeLeft,
    /// What the sidecar says now, once this window wrote it.
    published: Option<Room>,
    /// When this window last said it is there.
    beat: jiff::Timestamp,
    /// The join link while joining is on.
    join_link: Option<String>,
}

impl RoomFeed {
    pub fn new(
        session: PathBuf,
        data_dir: PathBuf,
        timebox: &Timebox,
        clock: &dyn Clock,
    ) -> RoomFeed {
        RoomFeed {
            session,
            data_dir,
            time: time_left(timebox, clock),
            published: None,
            beat: clock.now(),
            join_link: None,
        }
    }

    /// The step's clock was started, paused, resumed or extended.
    pub fn timer_changed(&mut self, timebox: &Timebox, clock: &dyn Clock) {
        self.time = time_left(timebox, clock);
    }

    /// Says again that this window is there, once `BEAT` has passed since it last did (the
    /// event loop calls this on every event, ticks included).
    pub fn beat(&mut self, clock: &dyn Clock) {
        let now = clock.now();
        if self.published.is_some() && now.duration_since(self.beat) >= sidecar::BEAT {
            self.beat = now;
            self.republish();
        }
    }

    /// Joining went on (with this link) or off: the room view shows the link, or stops.
    pub fn join_link_changed(&mut self, link: Option<String>) {
        self.join_link = link;
        self.republish();
    }

    /// Writes the sidecar again with what the room was last told (once it was told anything).
    fn republish(&mut self) {
        if let Some(room) = &self.published {
            let (step, selected) = (room.step.unwrap_or_default(), room.selected);
            self.publish(step, selected);
        }
    }

    /// Writes the sidecar if what the room should see changed, or the heartbeat moved on.
    pub fn publish(&mut self, step: usize, selected: Option<GroupId>) {
        let room = Room {
            selected,
            step: Some(step),
            time: Some(self.time),
            join_link: self.join_link.clone(),
            beat: Some(self.beat),
        };
        if self.published.as_ref() != Some(&room) {
            if self.published.is_none() {
                crate::store::open_now::publish(&self.data_dir, &self.session);
            }
            sidecar::publish(&self.session, &room);
            self.published = Some(room);
        }
    }
}

/// The session closes in this window (home, quit, a signal's orderly exit, or a panic's
/// unwinding): a sidecar left behind would outline and count for a session nobody runs.
impl Drop for RoomFeed {
    fn drop(&mut self) {
        if self.published.is_some() {
            sidecar::remove(&self.session);
            crate::store::open_now::clear(&self.data_dir, &self.session);
        }
    }
}

fn time_left(timebox: &Timebox, clock: &dyn Clock) -> TimeLeft {
    let now = clock.monotonic();
    let budget = i64::try_from(timebox.budget().as_secs()).unwrap_or(i64::MAX);
    let elapsed = i64::try_from(timebox.elapsed(now).as_secs()).unwrap_or(i64::MAX);
    let left = budget.saturating_sub(elapsed);
    if timebox.is_paused() {
        return TimeLeft::Paused(left);
    }
    let wall = clock.now();
    wall.checked_add(jiff::SignedDuration::from_secs(left))
        .map_or(TimeLeft::Paused(left), TimeLeft::EndsAt)
}
