//! What an undo or redo took back or did again, in words: "Undone: idea “…” added."

use crate::domain::{EditKind, EditNote, Language};
use crate::i18n::trf;

/// "Undone: …." (`back`) or "Redone: …." for the edit `note` describes.
pub fn travelled(lang: Language, back: bool, note: &EditNote) -> String {
    let mut what = trf(lang, key(note.kind), &[&note.subject]);
    if note.more > 0 {
        what = trf(lang, "msg.edit_and_more", &[&what, &note.more]);
    }
    let key = if back {
        "msg.undone_what"
    } else {
        "msg.redone_what"
    };
    trf(lang, key, &[&what])
}

/// The words for each kind of edit; `{}` is the text it was about, where it has one.
fn key(kind: EditKind) -> &'static str {
    match kind {
        EditKind::Title => "msg.edit_title",
        EditKind::Organisation => "msg.edit_organisation",
        EditKind::Team => "msg.edit_team",
        EditKind::Programme => "msg.edit_programme",
        EditKind::Goal => "msg.edit_goal",
        EditKind::Facilitator => "msg.edit_facilitator",
        EditKind::Language => "msg.edit_language",
        EditKind::ParticipantAdded => "msg.edit_participant_added",
        EditKind::ParticipantRenamed => "msg.edit_participant_renamed",
        EditKind::ParticipantRemoved => "msg.edit_participant_removed",
        EditKind::ParticipantMoved => "msg.edit_participant_moved",
        EditKind::Score => "msg.edit_score",
        EditKind::PulseShown => "msg.edit_pulse_shown",
        EditKind::PulseMode => "msg.edit_pulse_mode",
        EditKind::Role => "msg.edit_role",
        EditKind::IdeaAdded => "msg.edit_idea_added",
        EditKind::IdeaEdited => "msg.edit_idea_edited",
        EditKind::IdeaAuthor => "msg.edit_idea_author",
        EditKind::IdeaRemoved => "msg.edit_idea_removed",
        EditKind::Groups => "msg.edit_groups",
        EditKind::GroupingLevel => "msg.edit_grouping_level",
        EditKind::Denominator => "msg.edit_denominator",
        EditKind::ActionAdded => "msg.edit_action_added",
        EditKind::ActionEdited => "msg.edit_action_edited",
        EditKind::ActionRemoved => "msg.edit_action_removed",
        EditKind::Notes => "msg.edit_notes",
        EditKind::Checklist => "msg.edit_checklist",
        EditKind::FollowUpDate => "msg.edit_follow_up_date",
        EditKind::Finished => "msg.edit_finished",
        EditKind::DotAdded => "msg.edit_dot_added",
        EditKind::DotTaken => "msg.edit_dot_taken",
        EditKind::Outcome => "msg.edit_outcome",
        EditKind::Ranked => "msg.edit_ranked",
        EditKind::CarriedOver => "msg.edit_carried_over",
    }
}
