//! The open session and what belongs to it whatever the step: its file, its undo history,
//! how the last save went, and the live grouping engines. Changes go through `transact`
//! (see `transaction.rs`); this module saves and reports.
//!
//! Below the steps and the screens: it knows the domain, the store and the grouping engines,
//! and tells the facilitator what happened as a `Message`.

pub(crate) mod device_save;
pub mod edit_text;
pub mod error_text;
pub(crate) mod live_groups;
pub(crate) mod meaning;
pub(crate) mod regroup;
mod transaction;
pub mod worker;

pub use live_groups::LiveGroups;
pub use transaction::Tx;

use crate::domain::{Change, Clock, History, Language, Session};
use crate::i18n::{tr, trf};
use crate::interact::Message;
use crate::store::{ReadOnlyReason, SaveNote, SessionFile, StoreError};

/// How the last save went, for the header.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// On disk as shown.
    Saved,
    /// The last change is only in memory; the text says why.
    Failed(String),
}

pub struct Workspace {
    file: SessionFile,
    history: History,
    save: SaveStatus,
    groups: LiveGroups,
    /// Counts the transactions that changed the session in memory, saved or not.
    pub(super) revision: u64,
    /// The revision last on disk: behind `revision` while devices' ideas wait for their
    /// save off the loop (`device_save`), or after a failed save.
    pub(super) saved_revision: u64,
}

impl Workspace {
    pub fn new(file: SessionFile, groups: LiveGroups) -> Workspace {
        Workspace {
            file,
            history: History::default(),
            save: SaveStatus::Saved,
            groups,
            revision: 0,
            saved_revision: 0,
        }
    }

    /// Changes when a transaction, an undo or a redo changed the session, even when saving
    /// it then failed: what was typed went in, so it must not be offered again.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The open session's file (its path, whether it is read-only, its save guard).
    pub fn file(&self) -> &SessionFile {
        &self.file
    }

    /// How the last save went, for the header.
    pub fn save_status(&self) -> &SaveStatus {
        &self.save
    }

    /// The live grouping engines of the session's grouped steps.
    pub fn groups(&self) -> &LiveGroups {
        &self.groups
    }

    /// The engines themselves (previews, explanations, the encoder's progress): they hold
    /// no part of the session, which changes only through `transact`.
    pub fn groups_mut(&mut self) -> &mut LiveGroups {
        &mut self.groups
    }

    /// The session to read beside the engines to ask (an explanation, a connection).
    pub fn session_and_groups(&mut self) -> (&Session, &mut LiveGroups) {
        (self.file.session(), &mut self.groups)
    }

    /// The group `draft` would join on `step`, as the engine sees it now.
    pub fn preview(&mut self, step: &str, draft: &str) -> Option<crate::domain::GroupId> {
        self.groups.preview(self.file.session(), step, draft)
    }

    pub fn session(&self) -> &Session {
        self.file.session()
    }

    pub fn lang(&self) -> Language {
        self.file.session().language()
    }

    pub fn step_id(&self) -> String {
        self.file.session().current_step().id.clone()
    }

    /// Why the session cannot be changed, if it cannot.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.file.read_only()
    }

    /// Why the session is read-only, in the session's language.
    pub fn read_only_text(&self) -> Option<String> {
        self.read_only().map(|r| reason_text(self.lang(), r))
    }

    /// A change of where the facilitator looks (the step, the person in focus): saved like
    /// any change, or, when the session is read-only, made in memory only.
    pub fn look(&mut self, change: Change, clock: &dyn Clock) -> Option<Message> {
        if self.read_only().is_none() {
            return self.commit(change, clock);
        }
        debug_assert!(
            !change.is_undoable(),
            "look is for moving around, not editing"
        );
        match self.file.session_mut().apply(change, clock) {
            Ok(_) => None,
            Err(e) => Message::error(error_text::change_error(self.lang(), &e)),
        }
    }

    /// Undo (`back`) or redo the last edit, and save; true when the session moved.
    pub fn travel(&mut self, back: bool, clock: &dyn Clock) -> (bool, Option<Message>) {
        if self.read_only().is_some() {
            return (false, None);
        }
        let note = if back {
            self.history.next_undo()
        } else {
            self.history.next_redo()
        }
        .cloned();
        let moved = if back {
            self.history.undo(self.file.session_mut(), clock)
        } else {
            self.history.redo(self.file.session_mut(), clock)
        };
        if !moved {
            let key = if back {
                "msg.nothing_to_undo"
            } else {
                "msg.nothing_to_redo"
            };
            return (false, Message::info(tr(self.lang(), key)));
        }
        self.revision += 1;
        self.groups.invalidate();
        let saved = self.save_after_change();
        let told = match note {
            Some(note) => edit_text::travelled(self.lang(), back, &note),
            None => tr(self.lang(), if back { "msg.undone" } else { "msg.redone" }).into(),
        };
        (true, saved.or_else(|| Message::info(told)))
    }

    /// Embeddings arrived from the worker: they go to the engines, groups that moved are
    /// saved, and a board none of whose embeddings is missing now settles on the worker (a
    /// read-only session only learns them, for its engines).
    pub fn take_embeddings(
        &mut self,
        batch: Vec<(String, Vec<f32>)>,
        clock: &dyn Clock,
    ) -> Option<Message> {
        if self.read_only().is_some() {
            self.groups.supply(batch);
            return None;
        }
        let told = self.transact(clock, |tx| {
            tx.supply(batch);
            Ok(())
        });
        self.groups.settle(self.file.session());
        told
    }

    /// A regroup finished on the worker: applied if the board is still what it was given,
    /// else asked again with the board as it is now. Then a board waiting to settle may.
    pub fn finish_regroup(
        &mut self,
        job: u64,
        constraints: crate::grouping::Constraints,
        clock: &dyn Clock,
    ) -> Option<Message> {
        let told = self.apply_regroup(job, constraints, clock);
        if self.read_only().is_none() {
            self.groups.settle(self.file.session());
        }
        told
    }

    fn apply_regroup(
        &mut self,
        job: u64,
        constraints: crate::grouping::Constraints,
        clock: &dyn Clock,
    ) -> Option<Message> {
        use meaning::{Finished, RegroupPurpose};
        let meaning = self.groups.meaning.as_mut()?;
        match meaning.finished(self.file.session(), job, constraints) {
            Finished::Stale => None,
            Finished::Again => {
                let pending = meaning.pending.take()?;
                let level = match pending.purpose {
                    RegroupPurpose::Level(level) => level,
                    _ => self
                        .session()
                        .results(&pending.step)
                        .map_or(0, |r| r.grouping_level),
                };
                let session = &self.file.session();
                self.groups
                    .regroup_later(session, &pending.step, level, pending.purpose);
                None
            }
            Finished::Apply {
                step,
                purpose,
                constraints,
            } => {
                if self.read_only().is_some() {
                    return None;
                }
                if !purpose.asked_for()
                    && self.groups.shows(self.file.session(), &step, &constraints)
                {
                    // nobody asked, and nothing moved: nothing to save
                    return None;
                }
                regroup::applied(self, clock, &step, purpose, |tx| {
                    tx.adopt(&step, &constraints, purpose.asked_for())
                })
            }
        }
    }

    /// The groups a step shows now.
    pub fn groups_of(&self, step: &str) -> Vec<crate::domain::Group> {
        self.session()
            .results(step)
            .map(|r| r.groups.clone())
            .unwrap_or_default()
    }

    /// Saves what is in memory; a failure is shown in the header and told.
    pub fn save_after_change(&mut self) -> Option<Message> {
        let result = self.file.save();
        self.saved(result, self.revision)
    }

    /// What a save up to `revision` came to: on disk (and, when nothing newer waits, the
    /// header says "saved"), or failed, which the header and a message say.
    pub(super) fn saved(
        &mut self,
        result: Result<(), StoreError>,
        revision: u64,
    ) -> Option<Message> {
        match result {
            Ok(()) => {
                self.saved_revision = self.saved_revision.max(revision);
                if self.saved_revision >= self.revision {
                    self.save = SaveStatus::Saved;
                }
                self.save_note()
            }
            Err(e) => {
                let text = error_text::store_error(self.lang(), &e);
                self.save = SaveStatus::Failed(text.clone());
                Message::error(trf(self.lang(), "msg.not_saved", &[&text]))
            }
        }
    }

    /// Tells what a save found underneath: the file deleted, or changed by another program.
    fn save_note(&self) -> Option<Message> {
        match self.file.take_note()? {
            SaveNote::Recreated => Message::error(tr(self.lang(), "msg.file_recreated")),
            SaveNote::KeptOtherVersion(kept) => {
                let name = kept.file_name().unwrap_or_default().to_string_lossy();
                Message::error(trf(self.lang(), "msg.file_replaced", &[&name]))
            }
        }
    }

    /// Saves again if the last save failed, or devices' ideas still wait for their save (on
    /// the way out); read-only sessions are left alone.
    pub fn save_now(&mut self) -> Result<(), StoreError> {
        let behind = self.saved_revision < self.revision;
        if self.read_only().is_some() || !(behind || matches!(self.save, SaveStatus::Failed(_))) {
            return Ok(());
        }
        self.file.save()?;
        self.save = SaveStatus::Saved;
        self.saved_revision = self.revision;
        Ok(())
    }
}

/// Why a session cannot be changed, in `lang` (the store says it in English, for logs).
pub fn reason_text(lang: Language, reason: &ReadOnlyReason) -> String {
    match reason {
        ReadOnlyReason::LockedElsewhere => tr(lang, "reason.locked_elsewhere").to_string(),
        ReadOnlyReason::NewerVersion { found } => trf(
            lang,
            "reason.newer_version",
            &[found, &crate::domain::FORMAT_VERSION],
        ),
        ReadOnlyReason::CannotLock(why) => trf(lang, "reason.cannot_lock", &[why]),
        ReadOnlyReason::Requested => tr(lang, "reason.requested").to_string(),
    }
}
