//! The session's side of joining: what a device's request does to the open session. Ideas,
//! edits, scores and roles go through the transaction API like the facilitator's own (so
//! grouping, undo and saving are the same), and "received" is answered only once the change
//! is saved to disk. Every idea a batch brings is saved in one write.

use crate::domain::{
    Change, ChangeError, Clock, GroupId, IdeaId, ParticipantId, Session, StepKind,
};
use crate::join::{Answer, Ask, Page, Refusal, Request, Roster};
use crate::workspace::SaveStatus;
use crate::workspace::Workspace;
use crate::workspace::device_save::DeviceSave;

/// Answers requests that only read the session, and changes that are not new ideas; new
/// ideas are left in `ideas` for `take_ideas`, which saves them together.
pub fn answer(ws: &mut Workspace, clock: &dyn Clock, request: Request) -> Option<Request> {
    // A private pulse is scored on ballots without names: a device without a name may too.
    let private_pulse = ws.session().pulse_mode() == crate::domain::PulseMode::Private;
    let named_only = match &request.ask {
        Ask::Pulse { .. } if private_pulse => false,
        Ask::Edit { participant, .. }
        | Ask::Pulse { participant, .. }
        | Ask::Role { participant, .. }
        | Ask::Dot { participant, .. } => *participant == ParticipantId::ANONYMOUS,
        Ask::Roster | Ask::Page { .. } | Ask::Idea { .. } => false,
    };
    if named_only {
        return refuse(request, Refusal::NamedOnly);
    }
    let answer = match &request.ask {
        Ask::Idea { .. } => return Some(request),
        Ask::Roster => Answer::Roster(roster(ws.session())),
        Ask::Page {
            participant,
            ballot,
        } => match page(ws.session(), *participant, ballot) {
            Some(page) => Answer::Page(Box::new(page)),
            None => Answer::Refused(Refusal::UnknownParticipant),
        },
        Ask::Edit {
            participant,
            idea,
            text,
        } => edit(ws, clock, *participant, *idea, text),
        Ask::Pulse {
            participant,
            ballot,
            item,
            score,
        } => {
            let step = ws.session().current_step();
            let change = match &step.kind {
                StepKind::Pulse { .. } if private_pulse => Change::SetBallot {
                    step: step.id.clone(),
                    ballot: ballot.clone(),
                    item: item.clone(),
                    score: Some(*score),
                    by_hand: false,
                },
                StepKind::Pulse { .. } => Change::SetPulse {
                    step: step.id.clone(),
                    participant: *participant,
                    item: item.clone(),
                    score: Some(*score),
                },
                _ => return refuse(request, Refusal::StepMoved),
            };
            commit(ws, clock, change)
        }
        Ask::Role { participant, role } => {
            let step = ws.session().current_step();
            let change = match &step.kind {
                StepKind::Roles { .. } => Change::SetRole {
                    step: step.id.clone(),
                    participant: *participant,
                    role: Some(role.clone()),
                },
                _ => return refuse(request, Refusal::StepMoved),
            };
            commit(ws, clock, change)
        }
        Ask::Dot {
            participant,
            step,
            group,
            mine,
        } => dot(ws, clock, *participant, *step, *group, *mine),
    };
    request.answer(answer);
    None
}

fn refuse(request: Request, why: Refusal) -> Option<Request> {
    request.answer(Answer::Refused(why));
    None
}

/// A change from a device, saved before it is answered.
fn commit(ws: &mut Workspace, clock: &dyn Clock, change: Change) -> Answer {
    if ws.read_only().is_some() {
        return Answer::Refused(Refusal::NotSaved);
    }
    // A refused change is rolled back; the device is told, the facilitator's screen is not
    // bothered.
    let refused = ws
        .try_transact(clock, |tx| tx.apply(change).map(|_| ()))
        .err();
    if let Some(why) = refused {
        Answer::Refused(match why {
            ChangeError::UnknownParticipant(_) => Refusal::UnknownParticipant,
            ChangeError::NoDotsLeft { .. } => Refusal::NoDotsLeft,
            ChangeError::NoDotHere { .. } => Refusal::NoDotHere,
            ChangeError::UnknownGroup(_) => Refusal::Stale,
            _ => Refusal::Invalid,
        })
    } else if *ws.save_status() == SaveStatus::Saved {
        Answer::Received(None)
    } else {
        Answer::Refused(Refusal::NotSaved)
    }
}

fn edit(
    ws: &mut Workspace,
    clock: &dyn Clock,
    participant: ParticipantId,
    idea: IdeaId,
    text: &str,
) -> Answer {
    let session = ws.session();
    let Some(found) = session.find_idea(idea) else {
        return Answer::Refused(Refusal::NotYours);
    };
    if found.participant != participant {
        return Answer::Refused(Refusal::NotYours);
    }
    // Editable until the facilitator moves on.
    if session.step_of_idea(idea) != Some(session.current_step().id.as_str()) {
        return Answer::Refused(Refusal::StepMoved);
    }
    if found.text == text {
        return Answer::Received(Some(idea));
    }
    match commit(
        ws,
        clock,
        Change::EditIdea {
            id: idea,
            text: text.to_string(),
        },
    ) {
        Answer::Received(_) => Answer::Received(Some(idea)),
        other => other,
    }
}

/// A participant's dots on a group become `mine`, through `AddDot` or `TakeDot` (the domain
/// keeps the budget). Already so: nothing to do, and "received" (a retry of a post that
/// was done). More than one dot away from it: the page was out of date.
fn dot(
    ws: &mut Workspace,
    clock: &dyn Clock,
    participant: ParticipantId,
    step: usize,
    group: GroupId,
    mine: u8,
) -> Answer {
    let session = ws.session();
    let current = session.current_step();
    if step != session.current_step_index() || current.kind != StepKind::CommonGround {
        return Answer::Refused(Refusal::StepMoved);
    }
    let step = current.id.clone();
    let now = session
        .results(&step)
        .and_then(|r| r.votes.get(&participant))
        .and_then(|v| v.get(&group))
        .copied()
        .unwrap_or(0);
    let change = if mine == now {
        return Answer::Received(None);
    } else if Some(mine) == now.checked_add(1) {
        Change::AddDot {
            step,
            participant,
            group,
        }
    } else if Some(mine) == now.checked_sub(1) {
        Change::TakeDot {
            step,
            participant,
            group,
        }
    } else {
        return Answer::Refused(Refusal::Stale);
    };
    commit(ws, clock, change)
}

/// What `take_ideas` did: the batch to save, if any, and the title of a step other than the
/// one on screen that an idea was added to (the status line says so).
#[derive(Default)]
pub struct Taken {
    pub batch: Option<DeviceSave>,
    pub elsewhere: Option<String>,
}

/// Applies every new idea in `ideas` in one transaction, in memory; the batch that comes
/// back is saved in one write (`device_save`), and only then is each told "received". A post
/// whose key is already in the session gets that idea's id again, and adds nothing; when
/// nothing waits to be saved, everyone is answered here and no batch comes back. An idea
/// for a question up to `reached` (the furthest step the devices were shown) lands there,
/// also while the facilitator looks back at an earlier step.
pub fn take_ideas(
    ws: &mut Workspace,
    clock: &dyn Clock,
    ideas: Vec<Request>,
    reached: usize,
) -> Taken {
    let mut taken = Taken::default();
    if ideas.is_empty() {
        return taken;
    }
    if ws.read_only().is_some() {
        for request in ideas {
            request.answer(Answer::Refused(Refusal::NotSaved));
        }
        return taken;
    }
    let mut outcomes: Vec<Result<IdeaId, Refusal>> = Vec::with_capacity(ideas.len());
    ws.transact_in_memory(clock, |tx| {
        for request in &ideas {
            let Ask::Idea {
                participant,
                text,
                key,
                step,
            } = &request.ask
            else {
                outcomes.push(Err(Refusal::Invalid));
                continue;
            };
            if let Some(known) = tx.session().idea_by_post_key(key) {
                outcomes.push(Ok(known.id));
                continue;
            }
            let session = tx.session();
            // A question already reached: typed before the facilitator moved on (or while
            // they look back), it still lands where it was typed; a step not reached yet
            // takes nothing.
            let now = session.current_step_index();
            let at = step.unwrap_or(now);
            let ok = at <= now.max(reached);
            let Some(target) = session.template().steps.get(at).filter(|_| ok) else {
                outcomes.push(Err(Refusal::StepMoved));
                continue;
            };
            if target.kind != StepKind::Question {
                outcomes.push(Err(Refusal::StepMoved));
                continue;
            }
            let elsewhere = (at != now).then(|| target.title.clone());
            let change = Change::AddDeviceIdea {
                step: target.id.clone(),
                participant: *participant,
                text: text.clone(),
                key: key.clone(),
            };
            outcomes.push(match tx.apply(change) {
                Ok(crate::domain::Applied::Created(id)) => {
                    taken.elsewhere = elsewhere.or(taken.elsewhere.take());
                    Ok(IdeaId(id))
                }
                Ok(_) | Err(_) => Err(Refusal::Invalid),
            });
        }
        Ok(())
    });
    let answers: Vec<_> = ideas.into_iter().zip(outcomes).collect();
    // Everything in memory is on disk already (only known keys and refusals): answered now.
    if ws.saved_revision >= ws.revision && *ws.save_status() == SaveStatus::Saved {
        crate::workspace::device_save::tell(answers, true);
        return taken;
    }
    taken.batch = Some(DeviceSave::new(ws, answers));
    taken
}

fn roster(session: &Session) -> Roster {
    Roster {
        lang: session.language(),
        title: session.title().clone(),
        participants: session
            .participants()
            .iter()
            .map(|p| (p.id, p.name.clone()))
            .collect(),
        anonymous: false,
    }
}

/// The current step as one participant's page shows it; `None` if they are not in the
/// session (any more). An anonymous device sends ideas and sees what the room sees; its
/// ideas are not listed back (every anonymous idea has the same no-author).
pub fn page(session: &Session, participant: ParticipantId, ballot: &str) -> Option<Page> {
    let anonymous = participant == ParticipantId::ANONYMOUS;
    let name = if anonymous {
        crate::i18n::tr(session.language(), "idea.anonymous").to_string()
    } else {
        session.participant(participant)?.name.clone()
    };
    let step = session.current_step();
    // The pulse's part depends on the device's own ballot, which only the request carries.
    let part = match step.kind {
        StepKind::Pulse { .. } => {
            crate::steps::pulse::device_part(session, step, participant, ballot)
        }
        _ => crate::steps::device_part(session, step, participant),
    };
    Some(Page {
        lang: session.language(),
        title: session.title().clone(),
        name,
        step: session.current_step_index(),
        step_title: step.title.clone(),
        prompt: step.prompt.clone(),
        part,
    })
}
