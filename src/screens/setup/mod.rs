//! The setup screen: workshop, language, session details and participants.

pub mod draw;
mod interviews;
mod participants;

use crate::domain::{Clock, Earlier, Language, NewSession, PulseMode, Session, Template};
use crate::i18n::tr;
use crate::interact::text::TextField;
use crate::interact::{Action, Message};
use crate::store::{Paths, SessionFile, list_templates};
use crossterm::event::KeyEvent;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum SetupField {
    Template,
    Language,
    Pulse,
    #[default]
    Title,
    Organisation,
    Team,
    Programme,
    Goal,
    Facilitator,
    Participants,
    Start,
    /// The interviews a team session draws on: reached with F4 (not with Tab), left with
    /// Enter, Esc or Tab.
    Interviews,
}

impl SetupField {
    pub const ALL: [SetupField; 11] = [
        SetupField::Template,
        SetupField::Language,
        SetupField::Pulse,
        SetupField::Title,
        SetupField::Organisation,
        SetupField::Team,
        SetupField::Programme,
        SetupField::Goal,
        SetupField::Facilitator,
        SetupField::Participants,
        SetupField::Start,
    ];

    fn index(self) -> usize {
        SetupField::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

pub struct SetupState {
    /// Every usable template (the user's own replace built-in ones with the same id and language).
    pub templates: Vec<Template>,
    /// Templates that did not load, with the error naming file, line and column.
    pub broken_templates: Vec<String>,
    /// Distinct template ids, in the order first seen.
    pub template_ids: Vec<String>,
    pub template_index: usize,
    pub language: Language,
    /// How the pulse is kept: private ballots unless the facilitator chooses open.
    pub pulse_mode: PulseMode,
    pub title: TextField,
    pub organisation: TextField,
    pub team: TextField,
    pub programme: TextField,
    pub goal: TextField,
    pub facilitator: TextField,
    pub participant_input: TextField,
    pub participants: Vec<String>,
    pub selected_participant: Option<usize>,
    /// The participant being renamed through the input field.
    pub renaming: Option<usize>,
    pub field: SetupField,
    /// Validation messages shown next to their field.
    pub errors: BTreeMap<SetupField, String>,
    /// The session the new one follows up.
    pub follows: Option<Earlier>,
    /// The interviews it can draw on, what is chosen of them, and where the form was.
    pub interviews: interviews::Picker,
}

pub enum SetupOutcome {
    Stay(Option<Message>),
    Cancel,
    /// Esc on a form with something typed in it: ask before throwing it away.
    ConfirmCancel,
    Created(Box<SessionFile>),
}

impl SetupState {
    pub fn new(paths: &Paths, language: Language) -> SetupState {
        let mut templates: Vec<Template> = Vec::new();
        let mut broken_templates = Vec::new();
        match list_templates(&paths.templates_dir()) {
            Ok(entries) => {
                for entry in entries {
                    match entry.template {
                        Ok(t) => {
                            templates.retain(|o| !(o.id == t.id && o.language == t.language));
                            templates.push(t);
                        }
                        Err(e) => broken_templates.push(e.to_string()),
                    }
                }
            }
            Err(e) => broken_templates.push(e.to_string()),
        }
        if templates.is_empty() {
            templates = crate::store::builtin_templates();
        }
        let mut template_ids: Vec<String> = Vec::new();
        for t in &templates {
            if !template_ids.contains(&t.id) {
                template_ids.push(t.id.clone());
            }
        }
        SetupState {
            templates,
            broken_templates,
            template_ids,
            template_index: 0,
            language,
            pulse_mode: PulseMode::default(),
            title: TextField::default(),
            organisation: TextField::default(),
            team: TextField::default(),
            programme: TextField::default(),
            goal: TextField::default(),
            facilitator: TextField::default(),
            participant_input: TextField::default(),
            participants: Vec::new(),
            selected_participant: None,
            renaming: None,
            field: SetupField::Title,
            errors: BTreeMap::new(),
            follows: None,
            interviews: interviews::Picker::load(paths),
        }
    }

    /// The setup of a follow-up of `earlier`: its details and participants filled in (all
    /// editable), the follow-up workshop chosen, in the earlier session's language.
    pub fn follow_up(paths: &Paths, earlier: &Session) -> SetupState {
        let mut setup = SetupState::new(paths, earlier.language());
        let details =
            crate::store::follow_up_details(&paths.sessions_dir(), earlier, earlier.language());
        setup.title.set_text(&details.title);
        setup.organisation.set_text(&details.organisation);
        setup.team.set_text(&details.team);
        setup.programme.set_text(&details.programme);
        setup.goal.set_text(&details.goal);
        setup.facilitator.set_text(&details.facilitator);
        setup.participants = details.participants;
        setup.follows = details.follows;
        if let Some(i) = setup
            .template_ids
            .iter()
            .position(|id| id == crate::store::FOLLOW_UP_TEMPLATE)
        {
            setup.template_index = i;
        }
        setup
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The template the session would be made from: the chosen id in the chosen language when
    /// there is such a translation.
    pub fn template(&self) -> &Template {
        let id = &self.template_ids[self.template_index.min(self.template_ids.len() - 1)];
        self.templates
            .iter()
            .find(|t| &t.id == id && t.language == self.language)
            .or_else(|| self.templates.iter().find(|t| &t.id == id))
            .expect("every id comes from a template")
    }

    pub fn focused_text(&mut self) -> Option<&mut TextField> {
        match self.field {
            SetupField::Title => Some(&mut self.title),
            SetupField::Organisation => Some(&mut self.organisation),
            SetupField::Team => Some(&mut self.team),
            SetupField::Programme => Some(&mut self.programme),
            SetupField::Goal => Some(&mut self.goal),
            SetupField::Facilitator => Some(&mut self.facilitator),
            SetupField::Participants => Some(&mut self.participant_input),
            _ => None,
        }
    }

    pub fn type_key(&mut self, key: KeyEvent) {
        let field = self.field;
        if field == SetupField::Interviews {
            // Space chooses the interview under the cursor, as F4 does.
            if key.code == crossterm::event::KeyCode::Char(' ') {
                self.interviews.toggle();
            }
            return;
        }
        if let Some(text) = self.focused_text() {
            text.input(key);
            self.errors.remove(&field);
        }
    }

    /// Pasting names into the participants field adds one participant per line.
    pub fn paste(&mut self, text: &str) -> Option<Message> {
        if self.field == SetupField::Participants && text.contains('\n') {
            for line in text.lines() {
                self.participant_input.set_text(line);
                self.add_participant();
            }
            return None;
        }
        if let Some(field) = self.focused_text() {
            field.insert(text);
        }
        None
    }

    pub fn update(&mut self, action: Action, paths: &Paths, clock: &dyn Clock) -> SetupOutcome {
        if self.field == SetupField::Interviews {
            return SetupOutcome::Stay(self.pick_interviews(action));
        }
        match action {
            Action::Interviews => return SetupOutcome::Stay(self.open_interviews()),
            // Esc first dismisses what the form says; only then does it leave, asking when
            // leaving would throw away what was typed.
            Action::Cancel if !self.errors.is_empty() => self.errors.clear(),
            Action::Cancel if self.is_filled() => return SetupOutcome::ConfirmCancel,
            Action::Cancel => return SetupOutcome::Cancel,
            Action::NextField => self.move_field(1),
            Action::PrevField => self.move_field(-1),
            Action::Left | Action::Right => {
                self.choose(if action == Action::Left { -1 } else { 1 })
            }
            Action::Up | Action::Down if self.field == SetupField::Participants => {
                self.select_participant(action == Action::Down)
            }
            Action::Up => self.move_field(-1),
            Action::Down => self.move_field(1),
            Action::Edit => return SetupOutcome::Stay(self.start_rename()),
            Action::Delete => return SetupOutcome::Stay(self.remove_participant()),
            Action::MoveUp | Action::MoveDown => self.reorder(action == Action::MoveUp),
            Action::Commit => return self.commit(paths, clock),
            _ => {}
        }
        SetupOutcome::Stay(None)
    }

    /// F4: the interviews to choose from in place of the names; with none, says so.
    fn open_interviews(&mut self) -> Option<Message> {
        if self.interviews.choices.is_empty() {
            return Message::info(tr(self.language, "setup.no_interviews"));
        }
        self.interviews.back_to = self.field;
        self.field = SetupField::Interviews;
        None
    }

    /// Keys while choosing interviews: ↑ ↓ move, F4 (or Space) chooses, Enter and Esc go
    /// back to the form where it was, Tab on from there.
    fn pick_interviews(&mut self, action: Action) -> Option<Message> {
        match action {
            Action::Up => self.interviews.step(false),
            Action::Down => self.interviews.step(true),
            Action::Interviews | Action::Toggle => self.interviews.toggle(),
            Action::Commit | Action::Cancel => self.field = self.interviews.back_to,
            Action::NextField | Action::PrevField => {
                self.field = self.interviews.back_to;
                self.move_field(if action == Action::NextField { 1 } else { -1 });
            }
            _ => {}
        }
        None
    }

    /// Whether leaving now would lose anything the facilitator typed.
    pub fn is_filled(&self) -> bool {
        !self.participants.is_empty()
            || !self.interviews.chosen.is_empty()
            || [
                &self.title,
                &self.organisation,
                &self.team,
                &self.programme,
                &self.goal,
                &self.facilitator,
                &self.participant_input,
            ]
            .iter()
            .any(|field| !field.text().trim().is_empty())
    }

    fn move_field(&mut self, by: isize) {
        let n = SetupField::ALL.len() as isize;
        let next = (self.field.index() as isize + by).rem_euclid(n);
        self.field = SetupField::ALL[next as usize];
    }

    fn choose(&mut self, by: isize) {
        let code = if by < 0 {
            crossterm::event::KeyCode::Left
        } else {
            crossterm::event::KeyCode::Right
        };
        if let Some(text) = self.focused_text() {
            text.input(KeyEvent::from(code));
            return;
        }
        match self.field {
            SetupField::Template => {
                let n = self.template_ids.len() as isize;
                self.template_index = (self.template_index as isize + by).rem_euclid(n) as usize;
            }
            SetupField::Language => {
                let all = Language::ALL;
                let i = all.iter().position(|l| *l == self.language).unwrap_or(0) as isize;
                self.language = all[(i + by).rem_euclid(all.len() as isize) as usize];
            }
            SetupField::Pulse => {
                self.pulse_mode = match self.pulse_mode {
                    PulseMode::Private => PulseMode::Open,
                    PulseMode::Open => PulseMode::Private,
                };
            }
            _ => {}
        }
    }

    fn select_participant(&mut self, down: bool) {
        let n = self.participants.len();
        if n == 0 {
            return;
        }
        self.selected_participant = Some(match (self.selected_participant, down) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1).min(n - 1),
            (Some(i), false) => i.saturating_sub(1),
        });
    }

    /// F2: the selected name goes into the field to be renamed; with none selected, says
    /// how to choose one.
    fn start_rename(&mut self) -> Option<Message> {
        let Some(i) = self.chosen_participant() else {
            return self.nothing_chosen();
        };
        self.field = SetupField::Participants;
        self.participant_input.set_text(&self.participants[i]);
        self.renaming = Some(i);
        None
    }

    /// F3: the selected name leaves the list; with none selected, says how to choose one.
    fn remove_participant(&mut self) -> Option<Message> {
        let Some(i) = self.chosen_participant() else {
            return self.nothing_chosen();
        };
        self.participants.remove(i);
        self.renaming = None;
        self.selected_participant = if self.participants.is_empty() {
            None
        } else {
            Some(i.min(self.participants.len() - 1))
        };
        None
    }

    fn chosen_participant(&self) -> Option<usize> {
        self.selected_participant
            .filter(|i| *i < self.participants.len())
    }

    /// Why F2 or F3 did nothing: no names yet, or none chosen with ↑ ↓.
    fn nothing_chosen(&self) -> Option<Message> {
        let key = if self.participants.is_empty() {
            "setup.no_names_yet"
        } else {
            "setup.choose_a_name"
        };
        Message::info(tr(self.language, key))
    }

    /// "13 people: this workshop is meant for 3–12" when the count is outside the template's
    /// range (and not zero: the form says what is needed then). Starting is still allowed.
    pub fn range_notice(&self) -> Option<String> {
        let range = self.template().people?;
        let n = self.participants.len();
        if n == 0 || range.contains(n) {
            return None;
        }
        Some(if n == 1 {
            crate::i18n::trf(self.language, "setup.outside_range_one", &[&range])
        } else {
            crate::i18n::trf(self.language, "setup.outside_range", &[&n, &range])
        })
    }

    fn reorder(&mut self, up: bool) {
        let Some(i) = self.selected_participant else {
            return;
        };
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        if let Some(j) = j.filter(|j| *j < self.participants.len()) {
            self.participants.swap(i, j);
            self.selected_participant = Some(j);
        }
    }

    /// Adds (or renames) the participant typed in the field; false when refused.
    fn add_participant(&mut self) -> bool {
        let name = self.participant_input.text().trim().to_string();
        if name.is_empty() {
            return false;
        }
        let clash = self
            .participants
            .iter()
            .enumerate()
            .any(|(i, p)| Some(i) != self.renaming && p.to_lowercase() == name.to_lowercase());
        if clash {
            self.errors.insert(
                SetupField::Participants,
                crate::i18n::trf(self.language, "setup.duplicate_participant", &[&name]),
            );
            return false;
        }
        match self.renaming.take() {
            Some(i) if i < self.participants.len() => self.participants[i] = name,
            _ => self.participants.push(name),
        }
        self.participant_input.clear();
        self.errors.remove(&SetupField::Participants);
        true
    }

    fn commit(&mut self, paths: &Paths, clock: &dyn Clock) -> SetupOutcome {
        match self.field {
            SetupField::Participants if !self.participant_input.is_empty() => {
                self.add_participant();
            }
            SetupField::Start => return self.start(paths, clock),
            _ => self.move_field(1),
        }
        SetupOutcome::Stay(None)
    }

    fn validate(&mut self) -> bool {
        self.errors.clear();
        if self.title.text().trim().is_empty() {
            self.errors.insert(
                SetupField::Title,
                tr(self.language, "setup.title_needed").into(),
            );
        }
        if self.participants.is_empty() {
            self.errors.insert(
                SetupField::Participants,
                tr(self.language, "setup.participants_needed").into(),
            );
        }
        if let Some(first) = self.errors.keys().next() {
            self.field = *first;
            return false;
        }
        true
    }

    fn start(&mut self, paths: &Paths, clock: &dyn Clock) -> SetupOutcome {
        if !self.validate() {
            return SetupOutcome::Stay(Message::error(tr(self.language, "setup.fix_fields")));
        }
        let heard = match self.interviews.heard(paths) {
            Ok(heard) => heard,
            Err(e) => {
                let why = match e {
                    crate::review::InterviewError::Store(e) => {
                        crate::workspace::error_text::store_error(self.language, &e)
                    }
                    crate::review::InterviewError::NotAnInterview(name) => {
                        crate::i18n::trf(self.language, "setup.not_an_interview", &[&name])
                    }
                };
                let first = why.lines().next().unwrap_or_default().to_string();
                return SetupOutcome::Stay(Message::error(crate::i18n::trf(
                    self.language,
                    "setup.interviews_unreadable",
                    &[&first],
                )));
            }
        };
        let mut template = self.template().clone();
        template.language = self.language;
        let details = NewSession {
            title: self.title.text(),
            organisation: self.organisation.text(),
            team: self.team.text(),
            programme: self.programme.text(),
            goal: self.goal.text(),
            facilitator: self.facilitator.text(),
            participants: self.participants.clone(),
            follows: self.follows.clone(),
            pulse_mode: self.pulse_mode,
            heard,
        };
        let created = paths
            .ensure_sessions_dir()
            .and_then(|dir| SessionFile::create(&dir, template, details, clock));
        match created {
            Ok(file) => SetupOutcome::Created(Box::new(file)),
            Err(e) => SetupOutcome::Stay(Message::error(
                crate::workspace::error_text::store_error(self.language, &e),
            )),
        }
    }
}
