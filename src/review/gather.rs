//! Gathering a programme: the chosen sessions from the own folder and the shared archive
//! (`<data dir>/archive/sessions/`, read-only), and their ideas' meaning from the encoder
//! through the embedding cache, each text embedded once.

use super::programme::{Chosen, Selection};
use crate::grouping::{Encoder, KnownEmbeddings};
use crate::store::{
    EmbeddingCache, Listing, Paths, StoreError, list_sessions, read_session, text_key,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Where others' sessions arrive when the archive is synced.
pub fn archive_sessions_dir(paths: &Paths) -> PathBuf {
    paths.data_dir.join("archive").join("sessions")
}

/// What gathering found besides the sessions.
#[derive(Debug, Default)]
pub struct Gathered {
    pub chosen: Vec<Chosen>,
    /// Files that could not be read, with why (they are left out, never changed).
    pub unreadable: Vec<String>,
}

/// The own sessions `selection` admits (chosen from the folder's listing, so only those are
/// opened; interviews are not team sessions and stay out), then the archive's, leaving out an archive copy of a session already here (the
/// same moment of creation: the own named copy wins).
pub fn gather(paths: &Paths, selection: &Selection) -> Result<Gathered, StoreError> {
    let mut out = Gathered::default();
    for listing in list_sessions(&paths.sessions_dir())? {
        match listing {
            // An interview is one colleague's words, input for a team session: not one of
            // the programme's team sessions (nor a "team" in its report).
            Listing::Session(s) if s.interview => {}
            Listing::Session(s) => {
                let day = s.created.to_zoned(jiff::tz::TimeZone::UTC).date();
                if selection.admits(&s.id, &s.programme, &s.team, &s.organisation, day) {
                    read_into(&s.path, false, selection, &mut out);
                }
            }
            Listing::Unreadable { path, error } => {
                out.unreadable.push(format!("{}: {error}", path.display()));
            }
            Listing::Kept(_) => {}
        }
    }
    let seen: BTreeSet<jiff::Timestamp> = out.chosen.iter().map(|c| c.session.created()).collect();
    let archive = archive_sessions_dir(paths);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&archive)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    for path in files {
        read_into(&path, true, selection, &mut out);
        if let Some(last) = out.chosen.last()
            && last.archived
            && seen.contains(&last.session.created())
        {
            out.chosen.pop();
        }
    }
    Ok(out)
}

fn read_into(path: &Path, archived: bool, selection: &Selection, out: &mut Gathered) {
    match read_session(path) {
        Ok(parsed) if parsed.session.is_interview() => {}
        Ok(parsed) if selection.admits_session(&parsed.session) => out.chosen.push(Chosen {
            session: parsed.session,
            archived,
        }),
        Ok(_) => {}
        Err(e) => out.unreadable.push(e.to_string()),
    }
}

/// How the meaning was had: texts found in the cache, and computed now.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MeaningStats {
    pub cached: usize,
    pub computed: usize,
}

/// The embeddings of every idea of `chosen`: from the cache in `cache_dir`, the rest from the
/// built-in encoder (and kept in the cache). `None` when the encoder cannot be had: the
/// themes then go by words alone.
pub fn meaning_of(
    chosen: &[Chosen],
    cache_dir: Option<&Path>,
) -> Option<(KnownEmbeddings, MeaningStats)> {
    meaning_with_progress(chosen, cache_dir, &mut |_, _| true)
}

/// [`meaning_of`], telling `progress` how many of the texts have their meaning (of how
/// many) as it goes; when `progress` says false the work stops there and `None` comes back
/// (what was computed is kept in the cache).
pub fn meaning_with_progress(
    chosen: &[Chosen],
    cache_dir: Option<&Path>,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Option<(KnownEmbeddings, MeaningStats)> {
    let encoder = Encoder::builtin().ok()?;
    // with the encoder's stance axis, so opposite views stay apart across sessions as they
    // do on a board
    let known = KnownEmbeddings::for_model(encoder);
    let texts: BTreeSet<&str> = chosen
        .iter()
        .flat_map(|c| c.session.all_ideas().map(|(_, i)| i.text.as_str()))
        .filter(|t| !t.trim().is_empty())
        .collect();
    let opened =
        cache_dir.and_then(|d| EmbeddingCache::open(d, encoder.checksum(), encoder.dim()).ok());
    let (mut cache, stored) = match opened {
        Some((cache, stored, _trouble)) => (Some(cache), stored),
        None => (None, Default::default()),
    };
    let mut stats = MeaningStats::default();
    let mut missing: Vec<&str> = Vec::new();
    let mut found = Vec::new();
    for t in texts {
        match stored.get(&text_key(t)) {
            Some(v) => found.push((t.to_string(), v.clone())),
            None => missing.push(t),
        }
    }
    stats.cached = found.len();
    drop(stored);
    known.insert(found);
    let total = stats.cached + missing.len();
    if !progress(stats.cached, total) {
        return None;
    }
    // In slices, so what was computed is kept even if the run is stopped half-way.
    for slice in missing.chunks(256) {
        let vectors = encoder.embed(slice);
        stats.computed += slice.len();
        if let Some(c) = cache.as_mut() {
            let entries: Vec<(u128, &[f32])> = slice
                .iter()
                .zip(&vectors)
                .map(|(t, v)| (text_key(t), v.as_slice()))
                .collect();
            if c.append(&entries).is_err() {
                // a cache that cannot be written is only slower next time
                cache = None;
            }
        }
        known.insert(slice.iter().map(|t| t.to_string()).zip(vectors));
        if !progress(stats.cached + stats.computed, total) {
            return None;
        }
    }
    Some((known, stats))
}

/// Common ground across sessions worked out off the event loop (the review screen's themes):
/// gathering, meaning and grouping hundreds of sessions takes seconds.
pub struct ThemesJob {
    pub id: u64,
    pub paths: Paths,
    pub selection: Selection,
    pub today: jiff::civil::Date,
    pub cache_dir: Option<PathBuf>,
    /// Set when nobody waits for the result any more: the work stops at the next step.
    pub cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// How far a themes job has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemesStage {
    /// Reading the sessions.
    Reading,
    /// The ideas' meaning: `done` of `total` texts.
    Meaning { done: usize, total: usize },
    /// Grouping the ideas into themes.
    Grouping,
}

/// What a themes job tells the program.
#[derive(Debug)]
pub enum ThemesEvent {
    Progress {
        job: u64,
        stage: ThemesStage,
    },
    /// The report; `None` when no session was chosen; an error in English (rare: the
    /// sessions folder could not be listed).
    Done {
        job: u64,
        result: Result<Option<Box<super::programme::ProgrammeReport>>, String>,
    },
    /// Stopped as asked: nothing more comes from this job.
    Stopped {
        job: u64,
    },
}

impl ThemesJob {
    fn cancelled(&self) -> bool {
        self.cancel.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Does the work, telling `send` how far it is; its last word is `Done`, or `Stopped`
    /// once cancelled.
    pub fn run(self, send: &mut dyn FnMut(ThemesEvent)) {
        let job = self.id;
        send(ThemesEvent::Progress {
            job,
            stage: ThemesStage::Reading,
        });
        let gathered = match gather(&self.paths, &self.selection) {
            Ok(g) => g,
            Err(e) => {
                return send(ThemesEvent::Done {
                    job,
                    result: Err(e.to_string()),
                });
            }
        };
        if self.cancelled() {
            return send(ThemesEvent::Stopped { job });
        }
        if gathered.chosen.is_empty() {
            return send(ThemesEvent::Done {
                job,
                result: Ok(None),
            });
        }
        let mut going = |done: usize, total: usize| {
            if self.cancelled() {
                return false;
            }
            send(ThemesEvent::Progress {
                job,
                stage: ThemesStage::Meaning { done, total },
            });
            true
        };
        let meaning =
            meaning_with_progress(&gathered.chosen, self.cache_dir.as_deref(), &mut going);
        if self.cancelled() {
            return send(ThemesEvent::Stopped { job });
        }
        let meaning = meaning.map_or_else(|| KnownEmbeddings::new(0, None), |(known, _)| known);
        send(ThemesEvent::Progress {
            job,
            stage: ThemesStage::Grouping,
        });
        let report = super::programme::report(gathered.chosen, &meaning, self.today);
        send(if self.cancelled() {
            ThemesEvent::Stopped { job }
        } else {
            ThemesEvent::Done {
                job,
                result: Ok(Some(Box::new(report))),
            }
        });
    }
}
