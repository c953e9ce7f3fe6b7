//! Devices' ideas are saved with the costly part off the event loop. The loop applies a batch
//! in memory (grouped, undoable, on screen at once) and gives a copy of the session to the
//! saver thread, which renders it (the whole session as RON, most of a save's time); the loop
//! writes those bytes when they come back (write, fsync, rename: the same save as any other)
//! and only then tells the devices "received". A key typed meanwhile waits for the write at
//! most, not for the rendering. A later save of the facilitator's own already holds the
//! batch: then the bytes are not written, and the devices are answered at once.

use super::{SaveStatus, Workspace};
use crate::domain::{IdeaId, Session};
use crate::interact::Message;
use crate::join::{Answer, Refusal, Request};
use crate::store::{StoreError, render_session};
use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};

/// A batch of devices' ideas in memory, on its way to disk.
pub struct DeviceSave {
    /// The workspace's revision with the batch in it.
    revision: u64,
    path: PathBuf,
    /// A copy of the session for the saver thread to render (given by [`Saver::send`]).
    session: Option<Box<Session>>,
    bytes: Option<Result<Vec<u8>, StoreError>>,
    answers: Vec<(Request, Result<IdeaId, Refusal>)>,
}

impl DeviceSave {
    /// The batch just applied to `ws`, with what each request is to be told once it is saved.
    pub fn new(ws: &Workspace, answers: Vec<(Request, Result<IdeaId, Refusal>)>) -> DeviceSave {
        DeviceSave {
            revision: ws.revision,
            path: ws.file.path.clone(),
            session: None,
            bytes: None,
            answers,
        }
    }

    fn answer(self, saved: bool) {
        tell(self.answers, saved);
    }

    /// The session was closed before the batch came back: whatever leaving saved, the
    /// devices send again, and their keys find what is there.
    pub fn abandon(self) {
        self.answer(false);
    }
}

/// Tells every device how its post went: "received" only if `saved`.
pub fn tell(answers: Vec<(Request, Result<IdeaId, Refusal>)>, saved: bool) {
    for (request, outcome) in answers {
        request.answer(match outcome {
            Ok(id) if saved => Answer::Received(Some(id)),
            Ok(_) => Answer::Refused(Refusal::NotSaved),
            Err(why) => Answer::Refused(why),
        });
    }
}

/// Where rendered batches go (the program's event loop); false once nobody listens.
pub type Outlet = Box<dyn Fn(Box<DeviceSave>) -> bool + Send>;

/// The saver thread: renders each batch's session and sends it back to the loop.
pub struct Saver {
    jobs: Sender<DeviceSave>,
}

impl Saver {
    /// `None` if no thread could be started: batches are then saved on the loop.
    pub fn start(events: Outlet) -> Option<Saver> {
        let (jobs, inbox) = channel::<DeviceSave>();
        std::thread::Builder::new()
            .name("device-save".into())
            .spawn(move || {
                for mut job in inbox {
                    if let Some(session) = job.session.take() {
                        job.bytes = Some(render_session(&job.path, &session));
                    }
                    if !events(Box::new(job)) {
                        break;
                    }
                }
            })
            .ok()?;
        Some(Saver { jobs })
    }

    /// Hands a batch over with a copy of `session` to render; it comes back if the thread
    /// is gone.
    pub fn send(&self, mut job: DeviceSave, session: &Session) -> Option<DeviceSave> {
        job.session = Some(Box::new(session.clone()));
        self.jobs.send(job).err().map(|e| {
            let mut job = e.0;
            job.session = None;
            job
        })
    }
}

/// A batch came back rendered, or was never sent (no saver thread: it is rendered here):
/// written (unless a later save wrote as much already), then answered. A failed write is told like any failed save; the ideas stay in memory, and the
/// next save (or the one on the way out) takes them.
pub fn finish(ws: &mut Workspace, mut job: DeviceSave) -> Option<Message> {
    if job.path != ws.file.path {
        job.abandon();
        return None;
    }
    if ws.saved_revision >= job.revision {
        job.answer(true);
        return None;
    }
    // A newer change failed to save since this batch was rendered: its bytes are what the
    // rescue on the way out holds, and writing the older rendering would clear them. The
    // session as it is now is saved instead (it holds the batch too).
    let newer_failed = ws.revision > job.revision && matches!(ws.save, SaveStatus::Failed(_));
    let revision = if newer_failed {
        ws.revision
    } else {
        job.revision
    };
    let result = match job.bytes.take() {
        Some(Ok(bytes)) if !newer_failed => ws.file.save_rendered(bytes),
        Some(Err(e)) if !newer_failed => Err(e),
        _ => ws.file.save(),
    };
    let ok = result.is_ok();
    let told = ws.saved(result, revision);
    job.answer(ok);
    told
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Change, FixedClock, NewSession};
    use crate::store::{SessionFile, read_session};
    use crate::workspace::live_groups::LiveGroups;

    #[test]
    fn a_batch_rendered_before_a_newer_failed_save_writes_the_newer_session() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::at("2026-11-27T09:00:00Z".parse().unwrap());
        let template = crate::store::builtin_templates().remove(0);
        let details = NewSession {
            title: "Batch".into(),
            participants: vec!["Ann".into()],
            ..Default::default()
        };
        let file = SessionFile::create(dir.path(), template, details, &clock).unwrap();
        let path = file.path.clone();
        let mut ws = Workspace::new(file, LiveGroups::default());
        ws.revision = 1;
        let mut job = DeviceSave::new(&ws, Vec::new());
        job.bytes = Some(render_session(&job.path, ws.session()));
        // a newer change whose save failed: only in memory (and in the rescue)
        ws.file
            .apply(Change::SetGoal("the newer goal".into()), &clock)
            .unwrap();
        ws.revision = 2;
        ws.save = SaveStatus::Failed("disk full".into());
        finish(&mut ws, job);
        assert_eq!(
            read_session(&path).unwrap().session.goal(),
            "the newer goal",
            "{:?}",
            ws.save
        );
        assert_eq!(ws.save, SaveStatus::Saved);
    }
}
