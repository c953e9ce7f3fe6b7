//! The sentence encoder's worker: embeddings and long regroups are computed off the event
//! loop, so typing never waits for them. Jobs go in through a [`WorkerHandle`]; what comes
//! out arrives as `AppEvent::Worker(WorkerEvent)` in the one event channel, like input.
//!
//! The worker keeps embeddings by text and model in the cache folder
//! ([`crate::store::EmbeddingCache`]), so a session opened again has them at once. A new
//! idea's embedding goes before any backlog (a session's ideas still to embed after opening).
//!
//! Tests run the same jobs inline ([`WorkerHandle::inline`]): a job is done when it is
//! submitted and its events wait in the channel until the test hands them to the app.

use crate::grouping::{Constraints, Encoder, Engine, KnownEmbeddings, Lang};
use crate::store::{EmbeddingCache, text_key};
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

/// Where the worker's events go (the program's event loop); false once nobody listens.
pub type Outlet = Box<dyn Fn(WorkerEvent) -> bool + Send>;
use std::sync::{Arc, Mutex, PoisonError};

/// Texts embedded per message: small enough that a new idea soon gets its turn.
const CHUNK: usize = 8;

/// Work for the worker.
#[derive(Debug, Clone)]
pub enum Job {
    /// Load the encoder now (a session opened); the first job of any kind does too.
    Load,
    /// Embed the text being typed, for the preview; not kept (drafts change every key). A
    /// newer draft replaces one still waiting.
    Draft(String),
    /// Embed these texts; `urgent` ones (a new idea) go before the backlog.
    Embed { texts: Vec<String>, urgent: bool },
    /// Regroup a board from scratch at its constraints' granularity.
    Regroup(RegroupJob),
}

#[derive(Debug, Clone)]
pub struct RegroupJob {
    pub id: u64,
    pub ideas: Vec<(u64, String)>,
    pub constraints: Constraints,
}

/// What the worker tells the event loop.
#[derive(Debug, Clone)]
pub enum WorkerEvent {
    /// The encoder is loaded: its dimension, prior centre and stance axis.
    Ready {
        dim: usize,
        prior: Option<Vec<f32>>,
        axis: Option<crate::grouping::stance::Axis>,
    },
    /// Embeddings of these texts (from the cache or just computed).
    Embedded(Vec<(String, Vec<f32>)>),
    /// The embedding of a draft.
    Draft { text: String, vector: Vec<f32> },
    /// How far a regroup has come (texts embedded of those it needs, then clustering).
    Progress { job: u64, done: usize, total: usize },
    /// A regroup is done: the board it proposes.
    Regrouped { job: u64, constraints: Constraints },
    /// The encoder could not be loaded (the grouping stays with shared words), in English.
    Unavailable(String),
}

/// Where the work is done, on whichever thread runs it.
struct Service {
    encoder: &'static Encoder,
    cache: Option<EmbeddingCache>,
    memory: HashMap<u128, Vec<f32>>,
    /// texts the encoder embedded (not found in the cache)
    computed: usize,
}

impl Service {
    fn start(cache_dir: Option<PathBuf>) -> Result<Service, String> {
        let encoder = Encoder::builtin().map_err(|e| e.to_string())?;
        let (cache, memory) = match cache_dir
            .map(|dir| EmbeddingCache::open(&dir, encoder.checksum(), encoder.dim()))
        {
            Some(Ok((cache, memory, _trouble))) => (Some(cache), memory),
            // no cache folder we can use: embeddings are kept in memory for this run only
            Some(Err(_)) | None => (None, HashMap::new()),
        };
        Ok(Service {
            encoder,
            cache,
            memory,
            computed: 0,
        })
    }

    fn ready(&self) -> WorkerEvent {
        use crate::grouping::Embedder;
        WorkerEvent::Ready {
            dim: self.encoder.dim(),
            prior: self.encoder.prior_centre(),
            axis: self.encoder.stance_axis(),
        }
    }

    /// The embeddings of `texts`: what is kept, then the rest computed (and kept), in
    /// chunks; each chunk is told to `send` as it is ready.
    fn embed(&mut self, texts: &[String], send: &mut dyn FnMut(WorkerEvent)) {
        let (known, missing): (Vec<&String>, Vec<&String>) = texts
            .iter()
            .partition(|t| self.memory.contains_key(&text_key(t)));
        if !known.is_empty() {
            let batch = known
                .iter()
                .map(|t| ((*t).clone(), self.memory[&text_key(t)].clone()))
                .collect();
            send(WorkerEvent::Embedded(batch));
        }
        for chunk in missing.chunks(CHUNK) {
            let refs: Vec<&str> = chunk.iter().map(|t| t.as_str()).collect();
            let vectors = self.encoder.embed(&refs);
            self.computed += refs.len();
            let keys: Vec<u128> = refs.iter().map(|t| text_key(t)).collect();
            if let Some(cache) = self.cache.as_mut() {
                let entries: Vec<(u128, &[f32])> = keys
                    .iter()
                    .zip(&vectors)
                    .map(|(k, v)| (*k, v.as_slice()))
                    .collect();
                if cache.append(&entries).is_err() {
                    // a cache that cannot be written is only slower next time
                    self.cache = None;
                }
            }
            for (k, v) in keys.iter().zip(&vectors) {
                self.memory.insert(*k, v.clone());
            }
            let batch = refs.iter().map(|t| t.to_string()).zip(vectors).collect();
            send(WorkerEvent::Embedded(batch));
        }
    }

    /// Regroups a board with every idea's embedding, telling progress on the way: the
    /// ideas embedded (or found in the cache) count for half, the clustering for the rest.
    fn regroup(&mut self, job: RegroupJob, send: &mut dyn FnMut(WorkerEvent)) {
        let texts: Vec<String> = job.ideas.iter().map(|(_, t)| t.clone()).collect();
        let total = 2 * texts.len() + 1;
        let known = KnownEmbeddings::for_model(&self.encoder);
        let mut done = 0;
        for chunk in texts.chunks(CHUNK * 4) {
            let mut arrived = Vec::new();
            self.embed(chunk, &mut |event| {
                if let WorkerEvent::Embedded(batch) = &event {
                    arrived.extend(batch.iter().cloned());
                }
                send(event);
            });
            done += chunk.len();
            known.insert(arrived);
            send(WorkerEvent::Progress {
                job: job.id,
                done,
                total,
            });
        }
        let half = texts.len();
        let constraints = Engine::regrouped(
            Lang::Auto,
            Some(Box::new(known)),
            &job.ideas,
            &job.constraints,
            &mut |step, steps| {
                send(WorkerEvent::Progress {
                    job: job.id,
                    done: half + step * half / steps.max(1),
                    total,
                })
            },
        );
        send(WorkerEvent::Regrouped {
            job: job.id,
            constraints,
        });
    }

    fn run(&mut self, job: Job, send: &mut dyn FnMut(WorkerEvent)) {
        match job {
            Job::Load => {}
            Job::Draft(text) => {
                let vector = match self.memory.get(&text_key(&text)) {
                    Some(v) => v.clone(),
                    None => self.encoder.embed(&[text.as_str()]).remove(0),
                };
                send(WorkerEvent::Draft { text, vector });
            }
            Job::Embed { texts, .. } => self.embed(&texts, send),
            Job::Regroup(job) => self.regroup(job, send),
        }
    }
}

enum Mode {
    Thread(Sender<Job>),
    Inline {
        service: Option<Service>,
        events: Outlet,
    },
}

/// How the program hands work to the worker; cheap to clone.
#[derive(Clone)]
pub struct WorkerHandle {
    mode: Arc<Mutex<Mode>>,
}

impl WorkerHandle {
    /// Starts the worker thread. On its first job ([`Job::Load`] when a session opens) it
    /// loads the encoder and the cache in `cache_dir`, then says `Ready` (or `Unavailable`)
    /// into `events`; until then the program does not pay for the model (home, review).
    pub fn spawn(events: Outlet, cache_dir: Option<PathBuf>) -> std::io::Result<Self> {
        let (jobs, inbox) = mpsc::channel();
        std::thread::Builder::new()
            .name("encoder".into())
            .spawn(move || serve(cache_dir, &inbox, &events))?;
        Ok(WorkerHandle {
            mode: Arc::new(Mutex::new(Mode::Thread(jobs))),
        })
    }

    /// A worker that does each job when it is submitted, on the caller's thread (tests).
    pub fn inline(events: Outlet, cache_dir: Option<PathBuf>) -> Self {
        let service = match Service::start(cache_dir) {
            Ok(service) => {
                let _ = events(service.ready());
                Some(service)
            }
            Err(why) => {
                let _ = events(WorkerEvent::Unavailable(why));
                None
            }
        };
        WorkerHandle {
            mode: Arc::new(Mutex::new(Mode::Inline { service, events })),
        }
    }

    /// How many texts an inline worker had to embed (the rest came from its cache); `None`
    /// for the thread, which keeps its own count.
    pub fn computed(&self) -> Option<usize> {
        match &*self.mode.lock().unwrap_or_else(PoisonError::into_inner) {
            Mode::Inline { service, .. } => Some(service.as_ref().map_or(0, |s| s.computed)),
            Mode::Thread(_) => None,
        }
    }

    pub fn submit(&self, job: Job) {
        let mut mode = self.mode.lock().unwrap_or_else(PoisonError::into_inner);
        match &mut *mode {
            Mode::Thread(jobs) => {
                // a worker that is gone leaves the grouping on shared words
                let _ = jobs.send(job);
            }
            Mode::Inline { service, events } => {
                if let Some(service) = service.as_mut() {
                    service.run(job, &mut |e| {
                        let _ = events(e);
                    });
                }
            }
        }
    }
}

/// The worker thread: waits for its first job, loads the encoder, then takes jobs, new
/// ideas first, until the program ends.
fn serve(cache_dir: Option<PathBuf>, inbox: &Receiver<Job>, events: &Outlet) {
    let Ok(first) = inbox.recv() else {
        return;
    };
    let mut service = match Service::start(cache_dir) {
        Ok(service) => service,
        Err(why) => {
            let _ = events(WorkerEvent::Unavailable(why));
            return;
        }
    };
    if !events(service.ready()) {
        return;
    }
    let mut backlog: VecDeque<Job> = VecDeque::new();
    queue(&mut backlog, first);
    loop {
        if backlog.is_empty() {
            match inbox.recv() {
                Ok(job) => queue(&mut backlog, job),
                Err(_) => return,
            }
        }
        while let Ok(job) = inbox.try_recv() {
            queue(&mut backlog, job);
        }
        let Some(job) = backlog.pop_front() else {
            continue;
        };
        let mut gone = false;
        service.run(job, &mut |e| gone |= !events(e));
        if gone {
            return;
        }
    }
}

/// Puts a job in line: big embeddings in chunks, so a new idea can go between them.
fn queue(backlog: &mut VecDeque<Job>, job: Job) {
    match job {
        Job::Draft(text) => {
            backlog.retain(|j| !matches!(j, Job::Draft(_)));
            backlog.push_front(Job::Draft(text));
        }
        Job::Embed {
            mut texts,
            urgent: true,
        } => match backlog.front_mut() {
            // ideas pasted or typed in a burst are embedded together
            Some(Job::Embed {
                texts: first,
                urgent: true,
            }) if first.len() < CHUNK => first.append(&mut texts),
            _ => backlog.push_front(Job::Embed {
                texts,
                urgent: true,
            }),
        },
        Job::Embed {
            texts,
            urgent: false,
        } => backlog.extend(texts.chunks(CHUNK).map(|c| Job::Embed {
            texts: c.to_vec(),
            urgent: false,
        })),
        regroup => backlog.push_back(regroup),
    }
}
