//! Everything that can happen to the program arrives as one `AppEvent`: terminal input, a
//! tick of time, or a message from another thread (a signal now; grouping results, file
//! notices and devices on the local network later). `App::handle` is the one entry point.

use super::{Action, App, Context, Message, Outcome, RunState, Screen};
use crate::app::hit::{Hit, hit};
use crate::i18n::trf;
use crate::workspace::worker::{WorkerEvent, WorkerHandle};
use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use std::sync::mpsc::Sender;

pub enum AppEvent {
    /// A key, a paste, a click or a resize from the terminal.
    Input(Event),
    /// Time passed with nothing else happening: the timebox moves on screen.
    Tick,
    /// The program was asked to leave (SIGTERM, SIGINT) or its terminal closed (SIGHUP).
    Signal(i32),
    /// A request from a participant's device (see `join`), answered on its own channel.
    Join(crate::join::Request),
    /// The encoder's worker: embeddings, regroup progress and results.
    Worker(WorkerEvent),
    /// A batch of devices' ideas, rendered off the loop, to be written and answered.
    DeviceSaved(Box<crate::workspace::device_save::DeviceSave>),
    /// A sync with the programme's archive ended (`syncing.rs`): what it did, or why not.
    Synced(Result<crate::store::archive::SyncReport, String>),
    /// Common ground across sessions, worked out on its own thread (`themes.rs`): how far
    /// it is, then the result.
    Themes(crate::review::gather::ThemesEvent),
}

impl AppEvent {
    /// The encoder worker's events, into the loop's channel.
    pub fn worker_outlet(events: Sender<AppEvent>) -> crate::workspace::worker::Outlet {
        Box::new(move |e| events.send(AppEvent::Worker(e)).is_ok())
    }

    /// Devices' batches rendered off the loop, into the loop's channel.
    pub fn saver_outlet(events: Sender<AppEvent>) -> crate::workspace::device_save::Outlet {
        Box::new(move |batch| events.send(AppEvent::DeviceSaved(batch)).is_ok())
    }
}

/// The most device requests taken in one round (their new ideas saved in one write): a key
/// typed meanwhile waits for one batch at most.
const IDEAS_PER_BATCH: usize = 8;

impl App {
    pub fn handle(&mut self, event: AppEvent) -> Outcome {
        let outcome = self.handle_event(event);
        self.refresh_join();
        if let Screen::Run(run) = &mut self.screen {
            run.beat(self.clock.as_ref());
        }
        outcome
    }

    fn handle_event(&mut self, event: AppEvent) -> Outcome {
        match event {
            AppEvent::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => self.key(key),
            AppEvent::Input(Event::Paste(text)) => {
                self.paste(&text);
                Outcome::Continue
            }
            AppEvent::Input(Event::Mouse(mouse)) => {
                self.on_mouse(mouse);
                Outcome::Continue
            }
            AppEvent::Input(_) | AppEvent::Tick => Outcome::Continue,
            AppEvent::Signal(signal) => self.leave_on_signal(signal),
            AppEvent::Join(request) => {
                self.take_join(vec![request]);
                self.publish_join();
                Outcome::Continue
            }
            AppEvent::Worker(event) => {
                self.on_worker(event);
                Outcome::Continue
            }
            AppEvent::DeviceSaved(batch) => {
                let _ = self.device_saved(*batch);
                Outcome::Continue
            }
            AppEvent::Synced(result) => {
                self.synced(result);
                Outcome::Continue
            }
            AppEvent::Themes(event) => {
                self.themes_arrived(event);
                Outcome::Continue
            }
        }
    }

    /// Groups by meaning with the built-in encoder on this worker, from when it says it is
    /// ready (its messages come in through `handle`). Without it, shared words only; a
    /// model2vec folder named in the config stays in charge.
    pub fn attach_worker(&mut self, worker: WorkerHandle) {
        if self.meaning.model.is_none() {
            // a session opened from the command line is open before the worker exists
            if matches!(self.screen, Screen::Run(_)) {
                worker.submit(super::worker::Job::Load);
            }
            self.meaning.worker = Some(worker);
        }
    }

    /// A comparison just made on shared words: matched by meaning with what is known, and
    /// the rest asked of the worker (matched again once it has all arrived). Before the
    /// encoder is ready nothing is known: everything is asked, which also loads it.
    pub(super) fn compare_by_meaning(&mut self) {
        let Screen::Review(review) = &mut self.screen else {
            return;
        };
        let (Some(view), Some(worker)) = (review.compare_view(), &self.meaning.worker) else {
            return;
        };
        let nothing = crate::grouping::KnownEmbeddings::new(0, None);
        let texts = view.match_by(self.meaning.known.as_ref().unwrap_or(&nothing));
        if !texts.is_empty() {
            worker.submit(super::worker::Job::Embed {
                texts,
                urgent: true,
            });
        }
    }

    /// A session just opened groups by meaning if the encoder is ready.
    pub(super) fn connect_meaning(&self, run: &mut RunState) {
        if self.meaning.known.is_none()
            && let Some(worker) = &self.meaning.worker
        {
            // the encoder loads when the first session opens, not on the home screen
            worker.submit(super::worker::Job::Load);
        }
        if let (Some(known), Some(worker)) = (&self.meaning.known, &self.meaning.worker) {
            let (session, groups) = run.ws.session_and_groups();
            groups.connect(known.clone(), worker.clone(), session);
        }
    }

    /// What the encoder's worker sent: it is ready, embeddings arrived, a regroup moved on.
    fn on_worker(&mut self, event: WorkerEvent) {
        let clock = self.clock.as_ref();
        let run = match &mut self.screen {
            Screen::Run(run) => Some(run),
            _ => None,
        };
        match event {
            WorkerEvent::Ready { dim, prior, axis } => {
                let known = crate::grouping::KnownEmbeddings::new(dim, prior).with_axis(axis);
                if let (Some(run), Some(worker)) = (run, &self.meaning.worker) {
                    let (session, groups) = run.ws.session_and_groups();
                    groups.connect(known.clone(), worker.clone(), session);
                }
                self.meaning.known = Some(known);
            }
            WorkerEvent::Embedded(batch) => match run {
                Some(run) => {
                    if let Some(m) = run.ws.take_embeddings(batch, clock) {
                        self.message = Some(m);
                    }
                }
                None => {
                    if let Some(known) = &self.meaning.known {
                        let texts: Vec<String> = batch.iter().map(|(t, _)| t.clone()).collect();
                        known.insert(batch);
                        if let Screen::Review(review) = &mut self.screen
                            && let Some(view) = review.compare_view()
                        {
                            view.arrived(texts.iter().map(String::as_str), known);
                        }
                    }
                }
            },
            WorkerEvent::Draft { text, vector } => {
                if let Some(run) = run
                    && let Some(m) = run.ws.groups().meaning.as_ref()
                {
                    m.known.set_draft(text, vector);
                    run.draft_meaning_arrived();
                }
            }
            WorkerEvent::Progress { job, done, total } => {
                if let Some(m) = run.and_then(|r| r.ws.groups_mut().meaning.as_mut()) {
                    m.progress(job, done, total);
                }
            }
            WorkerEvent::Regrouped { job, constraints } => {
                if let Some(run) = run
                    && let Some(m) = run.ws.finish_regroup(job, constraints, clock)
                {
                    self.message = Some(m);
                }
            }
            WorkerEvent::Unavailable(why) => {
                self.meaning.worker = None;
                let lang = self.language();
                self.message = Message::error(trf(lang, "msg.encoder_unavailable", &[&why]));
            }
        }
    }

    /// Everything that arrived together, before the next frame: the facilitator's keys and
    /// signals first, in order. Devices' requests wait for a round without keys, so a key is
    /// drawn without waiting for them; then one batch goes (its new ideas saved in one
    /// write), and the rest waits for the next round (`join_waiting`).
    pub fn handle_all(&mut self, events: impl IntoIterator<Item = AppEvent>) -> Outcome {
        let mut keys = false;
        for event in events {
            match event {
                AppEvent::Join(request) => self.join.queue.push_back(request),
                event => {
                    keys |= matches!(event, AppEvent::Input(_));
                    match self.handle(event) {
                        Outcome::Continue => {}
                        leave => {
                            self.refuse_join();
                            return leave;
                        }
                    }
                }
            }
        }
        let n = self.join.queue.len().min(IDEAS_PER_BATCH);
        if n > 0 && !keys {
            let batch: Vec<_> = self.join.queue.drain(..n).collect();
            self.take_join(batch);
        }
        self.publish_join();
        Outcome::Continue
    }

    /// Whether device requests are waiting for the next round.
    pub fn join_waiting(&self) -> bool {
        !self.join.queue.is_empty()
    }

    /// Clicks select rows and agenda steps; the wheel moves the selection.
    fn on_mouse(&mut self, mouse: MouseEvent) {
        let scrolls = matches!(
            self.context(),
            Context::Home | Context::Question | Context::Board | Context::Bridge
        );
        match mouse.kind {
            MouseEventKind::ScrollDown if scrolls => {
                self.update(Action::Down);
            }
            MouseEventKind::ScrollUp if scrolls => {
                self.update(Action::Up);
            }
            MouseEventKind::Down(MouseButton::Left) => {
                match hit(self, self.drawn_size.get(), mouse.column, mouse.row) {
                    Some(Hit::Row(row)) => self.select_row(row),
                    Some(Hit::Step(step)) => self.jump_to_step(step),
                    None => {}
                }
            }
            _ => {}
        }
    }

    /// Saves what a failed save left and leaves with the signal's exit status.
    fn leave_on_signal(&mut self, signal: i32) -> Outcome {
        self.keep_draft();
        let message = self.last_save();
        Outcome::Signalled { signal, message }
    }
}
