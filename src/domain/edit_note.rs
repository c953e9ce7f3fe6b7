//! What one undoable edit did, kept beside its undo snapshot so "Undone: …" and "Redone: …"
//! can say it: the kind of change and, where there is one, the text it was about (cut short).

use super::{Change, Session};

/// The kinds of edit the status line names (each has its words in the UI strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    Title,
    Organisation,
    Team,
    Programme,
    Goal,
    Facilitator,
    Language,
    ParticipantAdded,
    ParticipantRenamed,
    ParticipantRemoved,
    ParticipantMoved,
    Score,
    PulseShown,
    PulseMode,
    Role,
    IdeaAdded,
    IdeaEdited,
    IdeaAuthor,
    IdeaRemoved,
    /// The board's groups reshaped (moved, merged, split, renamed, regrouped...).
    Groups,
    GroupingLevel,
    Denominator,
    ActionAdded,
    ActionEdited,
    ActionRemoved,
    Notes,
    Checklist,
    FollowUpDate,
    Finished,
    DotAdded,
    DotTaken,
    Outcome,
    /// The board ranked anew (`n`).
    Ranked,
    CarriedOver,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditNote {
    pub kind: EditKind,
    /// The idea, name, action or group the edit was about; empty when there is none.
    pub subject: String,
    /// How many more changes the same edit made (three pasted ideas: the first, and 2).
    pub more: usize,
}

/// The longest subject kept, in characters: the note is one short status line.
const SUBJECT_CHARS: usize = 40;

impl EditNote {
    pub fn new(kind: EditKind, subject: &str) -> EditNote {
        let subject = subject.trim();
        let subject = if subject.chars().count() > SUBJECT_CHARS {
            let cut: String = subject.chars().take(SUBJECT_CHARS - 1).collect();
            format!("{}…", cut.trim_end())
        } else {
            subject.to_string()
        };
        EditNote {
            kind,
            subject,
            more: 0,
        }
    }

    /// The board's groups reshaped by the facilitator.
    pub fn groups() -> EditNote {
        EditNote::new(EditKind::Groups, "")
    }

    /// What `change` will do to `before` (the session it is about to be applied to); none
    /// for moving around, which is not undone.
    pub fn of(change: &Change, before: &Session) -> Option<EditNote> {
        use EditKind as K;
        let idea = |id| before.find_idea(id).map_or("", |i| i.text.as_str());
        let name = |id| before.participant(id).map_or("", |p| p.name.as_str());
        let (kind, subject): (EditKind, &str) = match change {
            Change::GoToStep(_) | Change::Focus(_) => return None,
            Change::SetTitle(t) => (K::Title, t),
            Change::SetOrganisation(t) => (K::Organisation, t),
            Change::SetTeam(t) => (K::Team, t),
            Change::SetProgramme(t) => (K::Programme, t),
            Change::SetGoal(_) => (K::Goal, ""),
            Change::SetFacilitator(t) => (K::Facilitator, t),
            Change::SetLanguage(_) => (K::Language, ""),
            Change::AddParticipant(n) => (K::ParticipantAdded, n),
            Change::RenameParticipant { name, .. } => (K::ParticipantRenamed, name),
            Change::RemoveParticipant(id) => (K::ParticipantRemoved, name(*id)),
            Change::MoveParticipant { id, .. } => (K::ParticipantMoved, name(*id)),
            Change::SetPulse { .. } | Change::SetBallot { .. } => (K::Score, ""),
            Change::RevealPulse { .. } => (K::PulseShown, ""),
            Change::SetPulseMode(_) => (K::PulseMode, ""),
            Change::SetRole { participant, .. } => (K::Role, name(*participant)),
            Change::AddIdea { text, .. }
            | Change::AddDeviceIdea { text, .. }
            | Change::AddAnswer { text, .. } => (K::IdeaAdded, text),
            Change::EditIdea { id, .. } => (K::IdeaEdited, idea(*id)),
            Change::SetIdeaAuthor { id, .. } => (K::IdeaAuthor, idea(*id)),
            Change::RemoveIdea(id) => (K::IdeaRemoved, idea(*id)),
            Change::SetGroups { .. } => (K::Groups, ""),
            Change::SetGroupingLevel { .. } => (K::GroupingLevel, ""),
            Change::ToggleDenominator { label, .. } => (K::Denominator, label),
            Change::AddAction { what, .. } => (K::ActionAdded, what),
            Change::EditAction { what, .. } => (K::ActionEdited, what),
            Change::RemoveAction(id) => (K::ActionRemoved, action_what(before, *id)),
            Change::SetNotes { .. } | Change::SetHeard { .. } => (K::Notes, ""),
            Change::ToggleChecklist { .. } => (K::Checklist, ""),
            Change::SetFollowUp(_) => (K::FollowUpDate, ""),
            Change::Finish => (K::Finished, ""),
            Change::AddDot { .. } => (K::DotAdded, ""),
            Change::TakeDot { .. } => (K::DotTaken, ""),
            Change::SetOutcome { .. } => (K::Outcome, ""),
            // Holding the order comes with a reshape, which names the edit.
            Change::PinOrder { order, .. } if !order.is_empty() => return None,
            Change::PinOrder { .. } => (K::Ranked, ""),
            Change::CarryOver { what, .. } => (K::CarriedOver, what),
        };
        Some(EditNote::new(kind, subject))
    }
}

fn action_what(session: &Session, id: super::ActionId) -> &str {
    session
        .results
        .values()
        .flat_map(|r| r.actions.iter())
        .find(|a| a.id == id)
        .map_or("", |a| a.what.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_subject_is_cut_with_an_ellipsis() {
        let note = EditNote::new(EditKind::IdeaAdded, &"word ".repeat(20));
        assert!(note.subject.chars().count() <= SUBJECT_CHARS);
        assert!(note.subject.ends_with('…'));
        assert_eq!(
            EditNote::new(EditKind::IdeaAdded, " short ").subject,
            "short"
        );
    }
}
