//! Regrouping a board on request (F5 tidy, `+`/`−` granularity), the same on a question
//! step and on the common ground. With the encoder's worker the regroup runs there and is
//! applied when it is done (see `app/meaning.rs`); without it, here and now. Either way the
//! facilitator is told what happened: how many groups before and after, or why nothing moved.

use super::Tx;
use crate::domain::{Change, Clock, Group, Language};
use crate::i18n::{tr, trf};
use crate::interact::Message;
use crate::workspace::Workspace;
use crate::workspace::live_groups::granularity;
use crate::workspace::meaning::RegroupPurpose;

/// Regroups the current step's free ideas for `purpose`.
pub fn regroup(ws: &mut Workspace, clock: &dyn Clock, purpose: RegroupPurpose) -> Option<Message> {
    let lang = ws.lang();
    if let Some(reason) = ws.read_only_text() {
        return Message::error(trf(lang, "msg.read_only_nothing_changed", &[&reason]));
    }
    let step = ws.step_id();
    let stored = ws.session().results(&step).map_or(0, |r| r.grouping_level);
    let level = match purpose {
        RegroupPurpose::Level(level) if level == stored => {
            let key = if level < 0 {
                "msg.coarsest"
            } else {
                "msg.finest"
            };
            return Message::info(tr(lang, key));
        }
        RegroupPurpose::Level(level) => level,
        _ => stored,
    };
    let free = ws.groups.engine(ws.file.session(), &step).free_ideas();
    if free > 0
        && ws
            .groups
            .regroup_later(ws.file.session(), &step, level, purpose)
    {
        return Message::info(tr(lang, "msg.regrouping"));
    }
    let reshaped = step.clone();
    applied(ws, clock, &step, purpose, move |tx| {
        tx.reshape(&reshaped, |e| match purpose {
            RegroupPurpose::Level(level) => e.set_granularity(granularity(level)),
            _ => e.regroup(),
        })
    })
}

/// Regroups `step` as one transaction (the new level first, for `+`/`−`, then `body`) and
/// says what it did when the facilitator asked for it.
pub fn applied(
    ws: &mut Workspace,
    clock: &dyn Clock,
    step: &str,
    purpose: RegroupPurpose,
    body: impl FnOnce(&mut Tx),
) -> Option<Message> {
    let before = ws.groups_of(step);
    let free = ws.groups.engine(ws.file.session(), step).free_ideas();
    let failed = ws.transact(clock, |tx| {
        if let RegroupPurpose::Level(level) = purpose {
            tx.apply(Change::SetGroupingLevel {
                step: step.to_string(),
                level,
            })?;
        }
        body(tx);
        Ok(())
    });
    let after = ws.groups_of(step);
    failed.or_else(|| {
        purpose
            .asked_for()
            .then(|| told(ws.lang(), purpose, &before, &after, free))?
    })
}

/// What a regroup did, in words.
pub fn told(
    lang: Language,
    purpose: RegroupPurpose,
    before: &[Group],
    after: &[Group],
    free: usize,
) -> Option<Message> {
    let what = tr(
        lang,
        match purpose {
            RegroupPurpose::Level(l) if l < 0 => "regroup.coarser",
            RegroupPurpose::Level(0) => "regroup.default",
            RegroupPurpose::Level(_) => "regroup.finer",
            RegroupPurpose::Tidy | RegroupPurpose::FirstLook | RegroupPurpose::Settle => {
                "regroup.tidy"
            }
        },
    );
    let text = if free == 0 {
        trf(lang, "msg.regroup_nothing_free", &[&what])
    } else if before == after {
        trf(lang, "msg.regroup_unchanged", &[&what, &free])
    } else {
        trf(lang, "msg.regrouped", &[&what, &before.len(), &after.len()])
    };
    Message::info(text)
}
