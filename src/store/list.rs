//! The sessions in a data folder, for `list`, the home screen and review.

use super::StoreError;
use super::copies::{KeptCopy, kept_copy};
use super::index::{Index, Stamp};
use super::load::read_session;
use super::summary::SessionSummary;
use std::path::{Path, PathBuf};

/// A session file as listed: readable, or broken with the reason, or a copy kept next to a
/// session. Broken files and kept copies are shown, never hidden.
/// A listing is mostly a session's summary, so its size is that summary's: boxing it would
/// only add an allocation per listed session.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Listing {
    Session(SessionSummary),
    Unreadable { path: PathBuf, error: String },
    Kept(KeptCopy),
}

impl Listing {
    pub fn path(&self) -> &Path {
        match self {
            Listing::Session(s) => &s.path,
            Listing::Unreadable { path, .. } => path,
            Listing::Kept(k) => &k.path,
        }
    }
}

/// What a follow-up of `earlier` starts with, in `lang`: its details, with a default title
/// numbered among the follow-ups of the same first session in `sessions_dir`.
pub fn follow_up_details(
    sessions_dir: &Path,
    earlier: &crate::domain::Session,
    lang: crate::domain::Language,
) -> crate::domain::NewSession {
    let listings = list_sessions(sessions_dir).unwrap_or_default();
    let links: Vec<crate::domain::Link> = listings
        .iter()
        .filter_map(|l| match l {
            Listing::Session(s) => Some(crate::domain::Link {
                id: &s.id,
                title: &s.title,
                follows: s.follows.as_deref(),
            }),
            Listing::Unreadable { .. } | Listing::Kept(_) => None,
        })
        .collect();
    crate::domain::NewSession::follow_up_in(earlier, &links, lang)
}

/// All `*.ron` files in `sessions_dir`, newest first, then the unreadable ones, then copies
/// kept next to sessions; a missing folder is an empty list. Files unchanged since the last
/// listing come from the index instead of being parsed.
pub fn list_sessions(sessions_dir: &Path) -> Result<Vec<Listing>, StoreError> {
    let (paths, kept) = folder_entries(sessions_dir)?;
    let mut index = Index::load(sessions_dir);
    let mut listings: Vec<Listing> = Vec::with_capacity(paths.len() + kept.len());
    for path in paths {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let stamp = std::fs::metadata(&path).ok().map(|m| Stamp::of(&m));
        if let Some(summary) = stamp.and_then(|s| index.get(&name, s)) {
            let mut summary = summary.clone();
            summary.path = path;
            listings.push(Listing::Session(summary));
            continue;
        }
        listings.push(match read_session(&path) {
            Ok(parsed) => {
                let summary = SessionSummary::of(&parsed.session, &path);
                if let Some(stamp) = stamp {
                    index.put(&name, stamp, summary.clone());
                }
                Listing::Session(summary)
            }
            Err(e) => Listing::Unreadable {
                error: e.to_string(),
                path,
            },
        });
    }
    let present: std::collections::BTreeSet<String> = listings
        .iter()
        .filter_map(|l| Some(l.path().file_name()?.to_string_lossy().into_owned()))
        .collect();
    index.retain(&|name| present.contains(name));
    index.save_if_changed(sessions_dir);
    listings.sort_by(|a, b| match (a, b) {
        (Listing::Session(x), Listing::Session(y)) => {
            y.created.cmp(&x.created).then_with(|| y.id.cmp(&x.id))
        }
        (Listing::Session(_), Listing::Unreadable { .. }) => std::cmp::Ordering::Less,
        (Listing::Unreadable { .. }, Listing::Session(_)) => std::cmp::Ordering::Greater,
        (x, y) => x.path().cmp(y.path()),
    });
    listings.extend(kept.into_iter().map(Listing::Kept));
    Ok(listings)
}

fn session_paths(sessions_dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    folder_entries(sessions_dir).map(|(paths, _)| paths)
}

/// The session files (`*.ron`, not hidden) and the kept copies in a folder, sorted by name.
fn folder_entries(sessions_dir: &Path) -> Result<(Vec<PathBuf>, Vec<KeptCopy>), StoreError> {
    let entries = match std::fs::read_dir(sessions_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(StoreError::io("read the folder", sessions_dir, e)),
    };
    let mut paths = Vec::new();
    let mut kept = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io("read the folder", sessions_dir, e))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if path.extension().is_some_and(|x| x == "ron") && !hidden {
            paths.push(path);
        } else if let Some(copy) = kept_copy(&path) {
            kept.push(copy);
        }
    }
    paths.sort();
    kept.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((paths, kept))
}

/// Finds a session by path, by id (the file name without `.ron`), or by a part of the id that
/// only one session has (`team-zorg` for `2026-11-27-team-zorg`).
pub fn find_session(sessions_dir: &Path, query: &str) -> Result<PathBuf, StoreError> {
    // A path to something that is there (a FIFO or a device too, so opening it can say
    // what it is), not a folder.
    let as_path = Path::new(query);
    if std::fs::metadata(as_path).is_ok_and(|m| !m.is_dir())
        || std::fs::symlink_metadata(as_path).is_ok_and(|m| m.file_type().is_symlink())
        || crate::platform::files::device_name(as_path).is_some()
    {
        return Ok(as_path.to_path_buf());
    }
    let ids: Vec<(String, PathBuf)> = session_paths(sessions_dir)?
        .into_iter()
        .filter_map(|p| Some((p.file_stem()?.to_str()?.to_string(), p)))
        .collect();
    let wanted = query.trim_end_matches(".ron");
    if let Some((_, path)) = ids.iter().find(|(id, _)| id == wanted) {
        return Ok(path.clone());
    }
    let matches: Vec<&(String, PathBuf)> = ids
        .iter()
        .filter(|(id, _)| !wanted.is_empty() && id.contains(wanted))
        .collect();
    match matches.as_slice() {
        [(_, path)] => Ok(path.clone()),
        [] => Err(StoreError::NotFound {
            query: query.to_string(),
            dir: sessions_dir.to_path_buf(),
        }),
        many => {
            // Each candidate with its title: ids cut short can look alike.
            let listed = list_sessions(sessions_dir).unwrap_or_default();
            let named = |id: &String| {
                listed
                    .iter()
                    .find_map(|l| match l {
                        Listing::Session(s) if &s.id == id => {
                            Some(format!("{id} (\"{}\")", s.title))
                        }
                        _ => None,
                    })
                    .unwrap_or_else(|| id.clone())
            };
            Err(StoreError::Ambiguous {
                query: query.to_string(),
                matches: many.iter().map(|(id, _)| named(id)).collect(),
            })
        }
    }
}
