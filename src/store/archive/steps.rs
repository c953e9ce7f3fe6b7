//! The steps of one sync, each safe to repeat: bring in the others' commits, settle the
//! archive's policy, write and commit each changed own session, push (again after bringing
//! in what someone pushed first).

use super::conflict::{keep_other_version, resolve_merge};
use super::git::Git;
use super::layout::{self, Policy, SESSIONS_DIR, Sharing};
use super::state::{SharedRecord, SyncState};
use super::{SyncError, SyncReport};
use crate::domain::{FORMAT_VERSION, Session};
use crate::store::{Listing, Paths, SessionFile, list_sessions, read_session, render_session};

/// How often a push rejected because someone pushed first is tried again.
const PUSH_TRIES: usize = 5;

pub fn run(paths: &Paths, git: &mut Git, full: bool) -> Result<SyncReport, SyncError> {
    let branch = current_branch(git)?;
    // Merges name nobody until the policy says names may be shared.
    git.neutral = true;
    let mut report = SyncReport::default();
    // Offline, the own sessions are still committed here; the next sync sends them.
    let offline = integrate(git, &branch, &mut report).err();
    let sharing = settle_policy(git, full)?;
    report.sharing = sharing;
    git.neutral = sharing == Sharing::Anonymous || !has_identity(git)?;
    let mut state = SyncState::load(&git.dir);
    share_own(paths, git, sharing, &mut state, &mut report)?;
    if let Some(e) = offline {
        return Err(e);
    }
    push(git, &branch, &mut report)?;
    state.last_sync = Some(jiff::Timestamp::now());
    save_state(&state, git)?;
    Ok(report)
}

fn current_branch(git: &Git) -> Result<String, SyncError> {
    Ok(git
        .run(&["symbolic-ref", "--short", "HEAD"])?
        .trim()
        .to_string())
}

fn has_commit(git: &Git, rev: &str) -> Result<bool, SyncError> {
    Ok(git.succeeds(&["rev-parse", "--verify", "--quiet", rev])?)
}

fn has_identity(git: &Git) -> Result<bool, SyncError> {
    let email = git.output(&["config", "user.email"])?;
    Ok(email.status.success() && !email.stdout.trim_ascii().is_empty())
}

/// Fetches and merges the others' commits. Where both sides changed one session file, ours
/// stays and theirs becomes a conflict copy.
fn integrate(git: &Git, branch: &str, report: &mut SyncReport) -> Result<(), SyncError> {
    git.run(&["fetch", "--quiet", "origin"])?;
    let theirs = format!("refs/remotes/origin/{branch}");
    if !has_commit(git, &theirs)? {
        return Ok(());
    }
    let before = has_commit(git, "HEAD")?
        .then(|| git.run(&["rev-parse", "HEAD"]))
        .transpose()?;
    let merged = git.output(&[
        "merge",
        "--quiet",
        "--no-edit",
        "-m",
        "Brought in the others' sessions",
        &theirs,
    ])?;
    if !merged.status.success() {
        let copies = resolve_merge(git)?;
        if copies == 0 && !git.dir.join(".git").join("MERGE_HEAD").exists() {
            return Err(super::git::failed(&["merge"], &merged).into());
        }
        git.run(&[
            "commit",
            "--quiet",
            "--no-edit",
            "-m",
            "Kept both versions of sessions changed in two places at once",
        ])?;
        report.conflict_copies += copies;
    }
    let changed = match before {
        Some(before) => git.run(&[
            "diff",
            "--name-only",
            before.trim(),
            "HEAD",
            "--",
            SESSIONS_DIR,
        ])?,
        None => git.run(&["ls-files", "--", SESSIONS_DIR])?,
    };
    report.received += changed.lines().count();
    Ok(())
}

/// The archive's sharing. A new, empty archive gets its policy file now: full when asked
/// for, else anonymous.
fn settle_policy(git: &Git, full: bool) -> Result<Sharing, SyncError> {
    let file = git.dir.join(layout::POLICY_FILE);
    if file.exists() || has_commit(git, "HEAD")? {
        let sharing = Policy::read(&git.dir).sharing;
        if full && sharing != Sharing::Full {
            return Err(SyncError::PolicyIsAnonymous);
        }
        return Ok(sharing);
    }
    let sharing = if full {
        Sharing::Full
    } else {
        Sharing::Anonymous
    };
    let text = Policy { sharing }.render();
    crate::store::write_atomic(&file, text.as_bytes()).map_err(|e| SyncError::io(&file, e))?;
    let message = match sharing {
        Sharing::Anonymous => "Archive policy: share anonymous copies of sessions",
        Sharing::Full => "Archive policy: share sessions in full",
    };
    commit(git, &[layout::POLICY_FILE.to_string()], message)?;
    Ok(sharing)
}

/// Writes each own session that changed since it was last shared into the archive, each as
/// its own commit.
fn share_own(
    paths: &Paths,
    git: &Git,
    sharing: Sharing,
    state: &mut SyncState,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let sessions = git.dir.join(SESSIONS_DIR);
    std::fs::create_dir_all(&sessions).map_err(|e| SyncError::io(&sessions, e))?;
    for listing in list_sessions(&paths.sessions_dir())? {
        let Listing::Session(summary) = listing else {
            continue;
        };
        if !state.unshared(&summary.id, summary.updated)
            && state
                .own
                .get(&summary.id)
                .is_some_and(|r| sessions.join(format!("{}.ron", r.name)).exists())
        {
            continue;
        }
        let Some(session) = named_session(&summary.path)? else {
            report.skipped.push(summary.id.clone());
            continue;
        };
        if share_one(git, &summary.id, &session, sharing, state)? {
            report.shared += 1;
        }
    }
    Ok(())
}

/// The own session at `path`, with an archive name (given and saved now if it has none);
/// `None` when it cannot be shared now (open in another window, or from a newer program).
fn named_session(path: &std::path::Path) -> Result<Option<Session>, SyncError> {
    let parsed = read_session(path)?;
    if parsed.found_version > FORMAT_VERSION {
        return Ok(None);
    }
    if parsed
        .session
        .archive_name()
        .is_some_and(layout::is_archive_name)
    {
        return Ok(Some(parsed.session));
    }
    let mut file = SessionFile::open(path)?;
    if file.read_only().is_some() {
        return Ok(None);
    }
    if !file
        .session()
        .archive_name()
        .is_some_and(layout::is_archive_name)
    {
        let name = layout::new_archive_name(file.session().created());
        file.session_mut().set_archive_name(&name);
        file.save()?;
    }
    Ok(Some(file.into_session()))
}

fn share_one(
    git: &Git,
    id: &str,
    session: &Session,
    sharing: Sharing,
    state: &mut SyncState,
) -> Result<bool, SyncError> {
    let name = session.archive_name().unwrap_or_default().to_string();
    let rel = format!("{SESSIONS_DIR}/{name}.ron");
    let target = git.dir.join(&rel);
    let copy = super::shared::shared_copy(session, &name, sharing);
    let bytes = render_session(&target, &copy)?;
    let mut paths = vec![rel.clone()];
    let here = std::fs::read(&target).ok();
    if here
        .as_ref()
        .is_some_and(|h| same_version(&target, h, session))
    {
        // Already there (another copy of this very version shared it): nothing to write.
        let record = state.own.entry(id.to_string()).or_insert(SharedRecord {
            name: name.clone(),
            updated: None,
            fingerprints: Vec::new(),
        });
        record.name = name;
        record.begin(here.as_deref().unwrap_or_default());
        record.updated = Some(session.updated());
        return save_state(state, git).map(|()| false);
    }
    if let Some(here) = &here
        && !state.is_own_share(&name, here)
        && let Some(kept) =
            keep_other_version(&git.dir, &rel, here).map_err(|e| SyncError::io(&target, e))?
    {
        paths.push(kept);
    }
    // Noted before the file is written: a sync killed after the write knows the file as its
    // own, and one killed before it shares the session again.
    let record = state.own.entry(id.to_string()).or_insert(SharedRecord {
        name: name.clone(),
        updated: None,
        fingerprints: Vec::new(),
    });
    record.name = name;
    record.begin(&bytes);
    save_state(state, git)?;
    crate::store::write_atomic(&target, &bytes).map_err(|e| SyncError::io(&target, e))?;
    commit(
        git,
        &paths,
        &message(session, here.is_some(), paths.len() > 1),
    )?;
    if let Some(r) = state.own.get_mut(id) {
        r.updated = Some(session.updated());
    }
    save_state(state, git).map(|()| true)
}

/// Whether the archive file `bytes` holds the same version of `session`: last changed at the
/// same moment. (Anonymous copies of one version differ in their random tokens.)
fn same_version(path: &std::path::Path, bytes: &[u8], session: &Session) -> bool {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| crate::store::parse_session_text(path, text).ok())
        .is_some_and(|p| p.session.updated() == session.updated())
}

/// "Session of 5 Dec 2026: 12 ideas, 4 groups (updated)": no person, no title.
fn message(session: &Session, updated: bool, conflict: bool) -> String {
    let day = session
        .created()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%-d %b %Y");
    let groups: usize = session
        .template()
        .steps
        .iter()
        .filter_map(|s| session.results(&s.id))
        .map(|r| r.groups.len())
        .sum();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = format!(
        "Session of {day}: {}, {}",
        count(session.idea_count(), "idea", "ideas"),
        count(groups, "group", "groups")
    );
    if updated {
        text.push_str(" (updated)");
    }
    if conflict {
        text.push_str("; the archive's other version kept as a conflict copy");
    }
    text
}

/// Commits `paths` alone, when something in them changed (a repeated step commits nothing).
fn commit(git: &Git, paths: &[String], message: &str) -> Result<(), SyncError> {
    let mut add = vec!["add", "--"];
    add.extend(paths.iter().map(String::as_str));
    git.run(&add)?;
    let mut staged = vec!["diff", "--cached", "--quiet", "--"];
    staged.extend(paths.iter().map(String::as_str));
    if git.succeeds(&staged)? {
        return Ok(());
    }
    let mut args = vec!["commit", "--quiet", "--no-verify", "-m", message, "--"];
    args.extend(paths.iter().map(String::as_str));
    git.run(&args)?;
    Ok(())
}

/// Pushes; when someone pushed first, brings their commits in and tries again.
fn push(git: &Git, branch: &str, report: &mut SyncReport) -> Result<(), SyncError> {
    if !has_commit(git, "HEAD")? {
        return Ok(());
    }
    let target = format!("HEAD:refs/heads/{branch}");
    let args = ["push", "--quiet", "origin", target.as_str()];
    for attempt in 1..=PUSH_TRIES {
        let out = git.output(&args)?;
        if out.status.success() {
            return Ok(());
        }
        let said = String::from_utf8_lossy(&out.stderr);
        let someone_first = [
            "[rejected]",
            "fetch first",
            "non-fast-forward",
            "cannot lock ref",
        ]
        .iter()
        .any(|s| said.contains(s));
        if !someone_first || attempt == PUSH_TRIES {
            return Err(super::git::failed(&args, &out).into());
        }
        integrate(git, branch, report)?;
    }
    Ok(())
}

fn save_state(state: &SyncState, git: &Git) -> Result<(), SyncError> {
    state
        .save(&git.dir)
        .map_err(|e| SyncError::io(&SyncState::file(&git.dir), e))
}
