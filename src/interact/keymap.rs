//! Keys resolve through this table into actions; the help overlay and footer are generated
//! from it, so what is shown and what works cannot drift apart.

use super::Action;
pub use super::context::Context;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    /// The key as people write it.
    pub key_label: &'static str,
    /// Key into the UI strings (`assets/i18n`): what the key does.
    pub description: &'static str,
    /// Shown in the footer; every binding is in the help overlay.
    pub in_footer: bool,
    /// Set by the user in `<config>/keys.ron`, not built in.
    pub user: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;

use Action as A;
use Context as C;
use KeyCode as K;

macro_rules! keys {
    ($( $ctx:ident $code:expr, $mods:expr => $action:expr, $label:literal, $desc:literal, $footer:literal; )*) => {
        &[$( Binding {
            context: C::$ctx,
            code: $code,
            modifiers: $mods,
            action: $action,
            key_label: $label,
            description: $desc,
            in_footer: $footer,
            user: false,
        }, )*]
    };
}

pub const KEYMAP: &[Binding] = keys! {
    Global K::F(1), NONE => A::ToggleHelp, "F1", "key.help", true;
    Global K::Char('c'), CTRL => A::Quit, "Ctrl-C", "key.quit", true;
    Run K::Char('z'), CTRL => A::Undo, "Ctrl-Z", "key.undo", false;
    Run K::Char('y'), CTRL => A::Redo, "Ctrl-Y", "key.redo", false;

    Run K::PageDown, NONE => A::NextStep, "PgDn", "key.next_step", true;
    Run K::PageUp, NONE => A::PrevStep, "PgUp", "key.prev_step", true;
    Run K::F(10), NONE => A::GoHome, "F10", "key.home", false;
    Run K::F(7), NONE => A::Pause, "F7", "key.pause", false;
    Run K::F(8), NONE => A::MoreTime, "F8", "key.more_time", false;
    Run K::F(9), NONE => A::RoomView, "F9", "key.room_view", false;
    Run K::F(6), NONE => A::Joining, "F6", "key.joining", false;

    Join K::Esc, NONE => A::Cancel, "Esc", "key.close_help", true;
    Join K::Up, NONE => A::Up, "↑", "key.previous", false;
    Join K::Down, NONE => A::Down, "↓", "key.next", false;
    Join K::Enter, NONE => A::Commit, "Enter", "key.let_in", true;
    Join K::Delete, NONE => A::Delete, "Del", "key.revoke_device", true;
    Join K::Char('a'), NONE => A::Anonymous, "a", "key.anonymous", true;
    Join K::F(6), NONE => A::Joining, "F6", "key.joining_off", true;

    Help K::Esc, NONE => A::Cancel, "Esc", "key.close_help", true;
    Help K::Char('?'), NONE => A::Cancel, "?", "key.close_help", false;

    Info K::Esc, NONE => A::Cancel, "Esc", "key.close_help", true;
    Info K::Up, NONE => A::Up, "↑↓", "key.scroll_down", true;
    Info K::Down, NONE => A::Down, "↓", "key.scroll_down", false;
    Info K::PageUp, NONE => A::PageUp, "PgUp PgDn", "key.scroll_page", true;
    Info K::PageDown, NONE => A::PageDown, "PgDn", "key.scroll_page", false;
    Info K::Home, NONE => A::First, "Home End", "key.first_last", true;
    Info K::End, NONE => A::Last, "End", "key.first_last", false;

    Confirm K::Char('y'), NONE => A::Confirm, "y", "key.yes", true;
    Confirm K::Char('j'), NONE => A::Confirm, "j", "key.yes", false;
    Confirm K::Enter, NONE => A::Confirm, "Enter", "key.yes", false;
    Confirm K::Char('n'), NONE => A::Cancel, "n", "key.no", true;
    Confirm K::Esc, NONE => A::Cancel, "Esc", "key.no", false;

    Prompt K::Enter, NONE => A::Commit, "Enter", "key.save", true;
    Prompt K::Tab, NONE => A::NextField, "Tab", "key.next_field", true;
    Prompt K::BackTab, SHIFT => A::PrevField, "Shift-Tab", "key.prev_field", false;
    Prompt K::Esc, NONE => A::Cancel, "Esc", "key.cancel", true;

    PromptLines K::Char('s'), CTRL => A::Commit, "Ctrl-S", "key.save", true;
    PromptLines K::F(2), NONE => A::Commit, "F2", "key.save", true;
    PromptLines K::Enter, ALT => A::Commit, "Alt-Enter", "key.save", false;
    PromptLines K::Esc, NONE => A::Cancel, "Esc", "key.cancel", true;

    Home K::Up, NONE => A::Up, "↑", "key.previous", false;
    Home K::Down, NONE => A::Down, "↓", "key.next", false;
    Home K::Enter, NONE => A::Commit, "Enter", "key.continue", true;
    Home K::Char('n'), NONE => A::New, "n", "key.new_session", true;
    Home K::Char('r'), NONE => A::Review, "r", "key.review", true;
    Home K::Char('t'), NONE => A::Themes, "t", "key.themes", true;
    Home K::Char('f'), NONE => A::FollowUp, "f", "key.follow_up_session", true;
    Home K::Char('s'), NONE => A::Sync, "s", "key.sync", true;

    Review K::Up, NONE => A::Up, "↑", "key.previous", false;
    Review K::Down, NONE => A::Down, "↓", "key.next", false;
    Review K::Enter, NONE => A::Commit, "Enter", "key.look", true;
    Review K::F(2), NONE => A::Reopen, "F2", "key.reopen", true;
    Review K::F(3), NONE => A::Compare, "F3", "key.compare", true;
    Review K::F(4), NONE => A::Trend, "F4", "key.trend", true;
    Review K::F(7), NONE => A::Themes, "F7", "key.themes", true;
    Review K::F(5), NONE => A::Export, "F5", "key.export_reports", true;
    Review K::F(6), NONE => A::FollowUp, "F6", "key.follow_up_session", true;
    Review K::Tab, NONE => A::Sort, "Tab", "key.sort", true;
    Review K::Esc, NONE => A::Cancel, "Esc", "key.clear_or_back", false;

    ReviewDetail K::Up, NONE => A::Up, "↑", "key.scroll_up", false;
    ReviewDetail K::Down, NONE => A::Down, "↓", "key.scroll_down", true;
    ReviewDetail K::Esc, NONE => A::Cancel, "Esc", "key.back_to_list", true;
    ReviewDetail K::Char('?'), NONE => A::ToggleHelp, "?", "key.help", false;
    Home K::Char('q'), NONE => A::Quit, "q", "key.quit_plain", true;

    Present K::Up, NONE => A::Up, "↑", "key.previous", false;
    Present K::Down, NONE => A::Down, "↓", "key.next", false;
    Present K::Enter, NONE => A::Commit, "Enter", "key.show_session", true;
    Present K::Char('q'), NONE => A::Quit, "q", "key.quit_plain", false;
    Present K::Esc, NONE => A::Quit, "Esc", "key.quit_plain", true;
    Home K::Char('?'), NONE => A::ToggleHelp, "?", "key.help", false;

    Setup K::Tab, NONE => A::NextField, "Tab", "key.next_field", true;
    Setup K::BackTab, SHIFT => A::PrevField, "Shift-Tab", "key.prev_field", true;
    Setup K::Enter, NONE => A::Commit, "Enter", "key.setup_enter", true;
    Setup K::Left, NONE => A::Left, "←", "key.choose", false;
    Setup K::Right, NONE => A::Right, "→", "key.choose", false;
    Setup K::Up, NONE => A::Up, "↑", "key.previous", false;
    Setup K::Down, NONE => A::Down, "↓", "key.next", false;
    Setup K::F(2), NONE => A::Edit, "F2", "key.rename_participant", false;
    Setup K::F(3), NONE => A::Delete, "F3", "key.remove_participant", false;
    Setup K::F(4), NONE => A::Interviews, "F4", "key.interviews", true;
    Setup K::Up, ALT => A::MoveUp, "Alt-↑", "key.move_up", false;
    Setup K::Down, ALT => A::MoveDown, "Alt-↓", "key.move_down", false;
    Setup K::Esc, NONE => A::Cancel, "Esc", "key.cancel_setup", true;

    Script K::Up, NONE => A::Up, "↑", "key.previous", false;
    Script K::Down, NONE => A::Down, "↓", "key.next", false;
    Script K::Char(' '), NONE => A::Toggle, "Space", "key.tick", true;
    Script K::Char('i'), NONE => A::Details, "i", "key.details", true;
    Script K::Char('?'), NONE => A::ToggleHelp, "?", "key.help", false;

    Pulse K::Tab, NONE => A::NextParticipant, "Tab", "key.next_participant", true;
    Pulse K::BackTab, SHIFT => A::PrevParticipant, "Shift-Tab", "key.prev_participant", false;
    Pulse K::Up, NONE => A::Up, "↑", "key.prev_item", false;
    Pulse K::Down, NONE => A::Down, "↓", "key.next_item", false;
    Pulse K::Char('1'), NONE => A::Pick(1), "1–5", "key.score", true;
    Pulse K::Char('2'), NONE => A::Pick(2), "2", "key.score", false;
    Pulse K::Char('3'), NONE => A::Pick(3), "3", "key.score", false;
    Pulse K::Char('4'), NONE => A::Pick(4), "4", "key.score", false;
    Pulse K::Char('5'), NONE => A::Pick(5), "5", "key.score", false;
    Pulse K::Char('0'), NONE => A::Pick(0), "0", "key.clear_score", false;
    Pulse K::Char('v'), NONE => A::Reveal, "v", "key.reveal", true;
    Ballots K::Tab, NONE => A::NextParticipant, "Tab", "key.next_ballot", true;
    Ballots K::BackTab, SHIFT => A::PrevParticipant, "Shift-Tab", "key.prev_ballot", false;
    Ballots K::Up, NONE => A::Up, "↑", "key.prev_item", false;
    Ballots K::Down, NONE => A::Down, "↓", "key.next_item", false;
    Ballots K::Char('1'), NONE => A::Pick(1), "1–5", "key.score", true;
    Ballots K::Char('2'), NONE => A::Pick(2), "2", "key.score", false;
    Ballots K::Char('3'), NONE => A::Pick(3), "3", "key.score", false;
    Ballots K::Char('4'), NONE => A::Pick(4), "4", "key.score", false;
    Ballots K::Char('5'), NONE => A::Pick(5), "5", "key.score", false;
    Ballots K::Char('0'), NONE => A::Pick(0), "0", "key.clear_score", false;
    Ballots K::Char('v'), NONE => A::Reveal, "v", "key.reveal", true;
    Ballots K::Char('n'), NONE => A::Names, "n", "key.low_names", false;
    Ballots K::Char('?'), NONE => A::ToggleHelp, "?", "key.help", false;
    Pulse K::Char('n'), NONE => A::Names, "n", "key.low_names", true;
    Pulse K::Char('?'), NONE => A::ToggleHelp, "?", "key.help", false;

    Roles K::Tab, NONE => A::NextParticipant, "Tab", "key.next_participant", true;
    Roles K::BackTab, SHIFT => A::PrevParticipant, "Shift-Tab", "key.prev_participant", false;
    Roles K::Down, NONE => A::NextParticipant, "↓", "key.next_participant", false;
    Roles K::Up, NONE => A::PrevParticipant, "↑", "key.prev_participant", false;
    Roles K::Char('1'), NONE => A::Pick(1), "1–n", "key.role", true;
    Roles K::Char('2'), NONE => A::Pick(2), "2", "key.role", false;
    Roles K::Char('3'), NONE => A::Pick(3), "3", "key.role", false;
    Roles K::Char('4'), NONE => A::Pick(4), "4", "key.role", false;
    Roles K::Char('5'), NONE => A::Pick(5), "5", "key.role", false;
    Roles K::Char('6'), NONE => A::Pick(6), "6", "key.role", false;
    Roles K::Char('0'), NONE => A::Pick(0), "0", "key.clear_role", false;
    Roles K::Char('?'), NONE => A::ToggleHelp, "?", "key.help", false;

    Question K::Enter, NONE => A::Commit, "Enter", "key.add_idea", true;
    Question K::Tab, NONE => A::NextParticipant, "Tab", "key.next_participant", true;
    Question K::BackTab, SHIFT => A::PrevParticipant, "Shift-Tab", "key.prev_participant", false;
    Question K::Up, NONE => A::Up, "↑", "key.select_idea", false;
    Question K::Down, NONE => A::Down, "↓", "key.select_idea", false;
    Question K::F(2), NONE => A::Edit, "F2", "key.edit_idea", true;
    Question K::F(3), NONE => A::Delete, "F3", "key.delete_idea", true;
    Question K::F(5), NONE => A::Tidy, "F5", "key.tidy", true;
    Question K::Esc, NONE => A::Cancel, "Esc", "key.cancel_edit", false;

    Interview K::Enter, NONE => A::Commit, "Enter", "key.add_answer", true;
    Interview K::Tab, NONE => A::NextField, "Tab", "key.next_question", true;
    Interview K::BackTab, SHIFT => A::PrevField, "Shift-Tab", "key.prev_question", false;
    Interview K::Up, NONE => A::Up, "↑", "key.select_answer", false;
    Interview K::Down, NONE => A::Down, "↓", "key.select_answer", false;
    Interview K::F(2), NONE => A::Edit, "F2", "key.edit_answer", true;
    Interview K::F(3), NONE => A::Delete, "F3", "key.delete_answer", false;
    Interview K::F(4), NONE => A::Notes, "F4", "key.what_i_heard", true;
    Interview K::Esc, NONE => A::Cancel, "Esc", "key.cancel_edit", false;

    Board K::Up, NONE => A::Up, "↑", "key.previous", false;
    Board K::Down, NONE => A::Down, "↓", "key.next", false;
    Board K::Char(' '), NONE => A::Toggle, "Space", "key.denominator", true;
    Board K::Char('m'), NONE => A::Move, "m", "key.move", true;
    Board K::Char('g'), NONE => A::Merge, "g", "key.merge", true;
    Board K::Char('s'), NONE => A::Split, "s", "key.split", true;
    Board K::Char('o'), NONE => A::PullOut, "o", "key.pull_out", false;
    Board K::Char('t'), NONE => A::Tidy, "t", "key.tidy", false;
    Board K::Char('r'), NONE => A::Rename, "r", "key.rename", true;
    Board K::Char('l'), NONE => A::Lock, "l", "key.lock", false;
    Board K::Char('w'), NONE => A::Why, "w", "key.why", true;
    Board K::Char('v'), NONE => A::AddDot, "v", "key.add_dot", true;
    Board K::Char('x'), NONE => A::TakeDot, "x", "key.take_dot", true;
    Board K::Tab, NONE => A::NextParticipant, "Tab", "key.next_voter", true;
    Board K::BackTab, SHIFT => A::PrevParticipant, "Shift-Tab", "key.prev_voter", false;
    Board K::Char('b'), NONE => A::Sort, "b", "key.rank_by", false;
    Board K::Char('k'), NONE => A::MarkTop, "k", "key.mark_top", true;
    Board K::Char('n'), NONE => A::Rerank, "n", "key.rerank", false;
    Board K::Char('+'), NONE => A::Coarser, "+", "key.coarser", false;
    Board K::Char('-'), NONE => A::Finer, "-", "key.finer", false;
    Board K::Esc, NONE => A::Cancel, "Esc", "key.cancel_mark", false;
    Board K::Enter, NONE => A::Commit, "Enter", "key.open_group", false;
    Board K::Char('?'), NONE => A::ToggleHelp, "?", "key.help", false;
    Board K::Char('['), NONE => A::PrevGroup, "[ ]", "key.group_jump", true;
    Board K::Char(']'), NONE => A::NextGroup, "]", "key.group_jump", false;
    Board K::Home, NONE => A::First, "Home End", "key.first_last", false;
    Board K::End, NONE => A::Last, "End", "key.first_last", false;
    Board K::Char('f'), NONE => A::Overview, "f", "key.overview", true;
    Board K::Right, NONE => A::Right, "→", "key.open_group", false;
    Board K::Left, NONE => A::Left, "←", "key.close_group", false;
    Board K::Char('1'), NONE => A::Pick(1), "1–9", "key.pick_group", false;
    Board K::Char('2'), NONE => A::Pick(2), "2", "key.pick_group", false;
    Board K::Char('3'), NONE => A::Pick(3), "3", "key.pick_group", false;
    Board K::Char('4'), NONE => A::Pick(4), "4", "key.pick_group", false;
    Board K::Char('5'), NONE => A::Pick(5), "5", "key.pick_group", false;
    Board K::Char('6'), NONE => A::Pick(6), "6", "key.pick_group", false;
    Board K::Char('7'), NONE => A::Pick(7), "7", "key.pick_group", false;
    Board K::Char('8'), NONE => A::Pick(8), "8", "key.pick_group", false;
    Board K::Char('9'), NONE => A::Pick(9), "9", "key.pick_group", false;

    BoardPick K::Up, NONE => A::Up, "↑↓", "key.choose_group", true;
    BoardPick K::Down, NONE => A::Down, "↓", "key.choose_group", false;
    BoardPick K::Enter, NONE => A::Commit, "Enter", "key.drop_there", true;
    BoardPick K::Esc, NONE => A::Cancel, "Esc", "key.cancel", true;
    BoardPick K::Char('1'), NONE => A::Pick(1), "1–9", "key.pick_listed", true;
    BoardPick K::Char('2'), NONE => A::Pick(2), "2", "key.pick_listed", false;
    BoardPick K::Char('3'), NONE => A::Pick(3), "3", "key.pick_listed", false;
    BoardPick K::Char('4'), NONE => A::Pick(4), "4", "key.pick_listed", false;
    BoardPick K::Char('5'), NONE => A::Pick(5), "5", "key.pick_listed", false;
    BoardPick K::Char('6'), NONE => A::Pick(6), "6", "key.pick_listed", false;
    BoardPick K::Char('7'), NONE => A::Pick(7), "7", "key.pick_listed", false;
    BoardPick K::Char('8'), NONE => A::Pick(8), "8", "key.pick_listed", false;
    BoardPick K::Char('9'), NONE => A::Pick(9), "9", "key.pick_listed", false;

    Bridge K::Char('a'), NONE => A::New, "a", "key.add_action", true;
    Bridge K::Up, NONE => A::Up, "↑", "key.previous", false;
    Bridge K::Down, NONE => A::Down, "↓", "key.next", false;
    Bridge K::F(2), NONE => A::Edit, "F2", "key.edit_action", true;
    Bridge K::F(3), NONE => A::Delete, "F3", "key.delete_action", true;
    Bridge K::Char('t'), NONE => A::Notes, "t", "key.notes", true;
    Bridge K::Char('?'), NONE => A::ToggleHelp, "?", "key.help", false;

    LastTime K::Up, NONE => A::Up, "↑", "key.previous", false;
    LastTime K::Down, NONE => A::Down, "↓", "key.next", false;
    LastTime K::Char('1'), NONE => A::Pick(1), "1", "key.outcome_done", true;
    LastTime K::Char('2'), NONE => A::Pick(2), "2", "key.outcome_in_progress", true;
    LastTime K::Char('3'), NONE => A::Pick(3), "3", "key.outcome_dropped", true;
    LastTime K::Char('0'), NONE => A::Pick(0), "0", "key.outcome_clear", false;
    LastTime K::F(2), NONE => A::Edit, "F2", "key.outcome_note", true;
    LastTime K::Char('c'), NONE => A::CarryOver, "c", "key.carry_over", true;
    LastTime K::Char('?'), NONE => A::ToggleHelp, "?", "key.help", false;

    Close K::Tab, NONE => A::NextField, "Tab", "key.summary_or_checklist", true;
    Close K::Up, NONE => A::Up, "↑", "key.previous", false;
    Close K::Down, NONE => A::Down, "↓", "key.next", false;
    Close K::Char(' '), NONE => A::Toggle, "Space", "key.tick", false;
    Close K::Char('d'), NONE => A::Edit, "d", "key.follow_up", true;
    Close K::Char('e'), NONE => A::Export, "e", "key.export", true;
    Close K::Char('f'), NONE => A::Finish, "f", "key.finish", true;
    Close K::Char('i'), NONE => A::Details, "i", "key.details", true;
    Close K::Char('?'), NONE => A::ToggleHelp, "?", "key.help", false;
};

/// What footers and help need to know of the screen to show its keys truthfully.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shown {
    /// How many numbered choices the step offers (its roles).
    pub choices: Option<usize>,
    /// A read-only session: keys that edit are not offered.
    pub read_only: bool,
    /// A review page still being worked out (the themes gathering): nothing to scroll yet.
    pub gathering: bool,
}

impl Shown {
    /// The key as shown: a range ending in `n` ("1–n") ends at the number of choices the step
    /// offers (four roles: "1–4").
    pub fn label(&self, b: &Binding) -> String {
        match (b.key_label.strip_suffix('n'), self.choices) {
            (Some(start), Some(n)) if start.ends_with('–') => format!("{start}{n}"),
            _ => b.key_label.to_string(),
        }
    }

    /// Keys not to offer here: numbers past the step's choices, and edits of a read-only
    /// session.
    pub fn hides(&self, b: &Binding) -> bool {
        let past_choices = self
            .choices
            .is_some_and(|n| b.key_label.parse::<usize>().is_ok_and(|k| k > n));
        let steps = b.context.is_step() || b.context == Context::Run;
        let scrolls = b.context == Context::ReviewDetail && matches!(b.action, A::Up | A::Down);
        past_choices || (self.read_only && steps && b.action.edits()) || (self.gathering && scrolls)
    }
}

fn matches(b: &Binding, key: &KeyEvent) -> bool {
    if b.code != key.code {
        return false;
    }
    // Terminals report Shift with some characters ('?', '+') and with BackTab, or not; the
    // key already says it.
    let shift_implied = matches!(b.code, K::Char(_) | K::BackTab);
    b.modifiers == key.modifiers
        || (shift_implied && (b.modifiers | SHIFT) == (key.modifiers | SHIFT))
}

/// The keys in use: the user's own (`keys.ron`) before the built-in table, context by context.
#[derive(Debug, Default)]
pub struct Keymap {
    user: Vec<Binding>,
}

impl Keymap {
    pub fn with_user(user: Vec<Binding>) -> Keymap {
        Keymap { user }
    }

    /// Every binding of one layer, the user's first, so theirs shadow the built-in ones.
    fn layer(&self, layer: Context) -> impl Iterator<Item = &Binding> {
        self.user
            .iter()
            .chain(KEYMAP.iter())
            .filter(move |b| b.context == layer)
    }

    /// The key shown for an action in a context (the user's own first), if any key does it.
    pub fn label_of(&self, context: Context, action: Action) -> Option<&'static str> {
        self.bindings_for(context)
            .into_iter()
            .find(|b| b.action == action)
            .map(|b| b.key_label)
    }

    /// The action for a key: the context's own bindings, then the run screen's for session
    /// steps, then the global ones.
    pub fn resolve(&self, context: Context, key: KeyEvent) -> Option<Action> {
        layers(context)
            .flat_map(|layer| self.layer(layer))
            .find(|b| matches(b, &key))
            .map(|b| b.action)
    }

    /// Bindings to show for a context, its own first; a key another binding already took
    /// (a user's key over a built-in one) is left out.
    pub fn bindings_for(&self, context: Context) -> Vec<&Binding> {
        let mut out: Vec<&Binding> = Vec::new();
        for layer in layers(context) {
            for b in self.layer(layer) {
                let shadowed = out
                    .iter()
                    .any(|o| o.code == b.code && o.modifiers == b.modifiers);
                if !shadowed {
                    out.push(b);
                }
            }
        }
        out
    }
}

/// The action for a key in the built-in table alone.
pub fn resolve(context: Context, key: KeyEvent) -> Option<Action> {
    Keymap::default().resolve(context, key)
}

pub(super) fn layers(context: Context) -> impl Iterator<Item = Context> {
    let run = context.is_step().then_some(Context::Run);
    std::iter::once(context)
        .chain(run)
        .chain(std::iter::once(Context::Global))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn context_keys_win_and_run_and_global_keys_apply_beneath() {
        assert_eq!(
            resolve(C::Question, key(K::PageDown, NONE)),
            Some(A::NextStep)
        );
        assert_eq!(resolve(C::Home, key(K::PageDown, NONE)), None);
        assert_eq!(resolve(C::Home, key(K::Char('c'), CTRL)), Some(A::Quit));
        assert_eq!(resolve(C::Pulse, key(K::Char('3'), NONE)), Some(A::Pick(3)));
        assert_eq!(
            resolve(C::Board, key(K::Char('?'), SHIFT)),
            Some(A::ToggleHelp)
        );
    }

    #[test]
    fn typing_contexts_leave_letters_and_question_marks_to_the_text_field() {
        for ctx in [C::Question, C::Setup, C::Prompt, C::Review] {
            assert!(ctx.is_typing());
            for c in ['?', 'a', 'm', 'q', 'é', '1'] {
                assert_eq!(resolve(ctx, key(K::Char(c), NONE)), None, "{ctx:?} {c}");
            }
        }
        // Picking a group on the board: letters filter (none is a board key), numbers pick.
        assert!(C::BoardPick.is_typing());
        for c in ['m', 'g', 's', 'v', 'x', 'f', 'r', ' ', '?', 'é', '[', '+'] {
            assert_eq!(resolve(C::BoardPick, key(K::Char(c), NONE)), None, "{c}");
        }
        assert_eq!(
            resolve(C::BoardPick, key(K::Char('2'), NONE)),
            Some(A::Pick(2))
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for a in KEYMAP {
            let twins = KEYMAP
                .iter()
                .filter(|b| {
                    b.context == a.context && b.code == a.code && b.modifiers == a.modifiers
                })
                .count();
            assert_eq!(twins, 1, "{} bound twice in {:?}", a.key_label, a.context);
        }
    }
}
