//! Devices' ideas are saved with the costly part off the event loop. The loop applies a batch
//! in memory (grouped, undoable, on screen at once) and gives a copy of the session to the
//! saver thread, which renders it (the whole session as RON, most of a save's time); the loop
//! writes those bytes when they come back (write, fsync, rename: the same save as any other)
//! and only then tells the devices "received". A key typed meanwhile waits for the write at
//! most, not for the rendering. A later save of the facilitator's own already holds the
//! batch: then the bytes are not written, and the devices are answered at once.

use super::AppEvent;
use super::{Message, workspace::Workspace};
use crate::domain::{IdeaId, Session};
use crate::join::{Answer, Refusal, Request};
use crate::store::{StoreError, render_session};
use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};

/// A batch of devices' ideas in memory, on its way to disk.
pub struct DeviceSave {
    /// The workspace's revision with the batch in it.
    revision: u64,
    path: PathBuf,
    /// The session to render (taken by the saver thread).
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
            session: Some(Box::new(ws.session().clone())),
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

/// The saver thread: renders each batch's session and sends it back to the loop.
pub struct Saver {
    jobs: Sender<DeviceSave>,
}

impl Saver {
    /// `None` if no thread could be started: batches are then saved on the loop.
    pub fn start(events: Sender<AppEvent>) -> Option<Saver> {
        let (jobs, inbox) = channel::<DeviceSave>();
        std::thread::Builder::new()
            .name("device-save".into())
            .spawn(move || {
                for mut job in inbox {
                    if let Some(session) = job.session.take() {
                        job.bytes = Some(render_session(&job.path, &session));
                    }
                    if events.send(AppEvent::DeviceSaved(Box::new(job))).is_err() {
                        break;
                    }
                }
            })
            .ok()?;
        Some(Saver { jobs })
    }

    /// Hands a batch over; it comes back if the thread is gone.
    pub fn send(&self, job: DeviceSave) -> Option<DeviceSave> {
        self.jobs.send(job).err().map(|e| e.0)
    }
}

/// A batch came back rendered: written (unless a later save wrote as much already), then
/// answered. A failed write is told like any failed save; the ideas stay in memory, and the
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
    let result = match job.bytes.take() {
        Some(Ok(bytes)) => ws.file.save_rendered(bytes),
        Some(Err(e)) => Err(e),
        None => ws.file.save(),
    };
    let ok = result.is_ok();
    let told = ws.saved(result, job.revision);
    job.answer(ok);
    told
}

/// No saver thread: the batch is saved here and now.
pub fn finish_now(ws: &mut Workspace, mut job: DeviceSave) -> Option<Message> {
    job.session = None;
    finish(ws, job)
}
