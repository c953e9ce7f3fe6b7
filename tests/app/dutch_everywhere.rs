//! Every screen of a Dutch session, and the program's own screens for a Dutch user, in Dutch:
//! a word that only the English strings table uses is a string left untranslated.

use crate::common;

use ambassador::domain::Language;
use common::drive::Harness;
use crossterm::event::KeyCode;
use std::collections::BTreeSet;

/// Words of four letters or more, lower-cased.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// Words the English table uses and the Dutch one never does ("saved", "press", "idea" …).
fn english_only() -> BTreeSet<String> {
    let en = words(include_str!("../../assets/i18n/en.ron"));
    let nl = words(include_str!("../../assets/i18n/nl.ron"));
    en.difference(&nl).cloned().collect()
}

struct Walk {
    english: BTreeSet<String>,
    /// What the session itself holds (names, the goal, ideas) may be in any language.
    allowed: BTreeSet<String>,
    found: Vec<String>,
}

impl Walk {
    fn new(h: &Harness) -> Walk {
        let mut allowed = words(&h.dir.path().display().to_string());
        if let ambassador::app::Screen::Run(run) = &h.app.screen {
            // Only the texts the session holds, not the file's field names ("ideas", "title").
            let ron = run.session().to_ron();
            for text in ron.split('"').skip(1).step_by(2) {
                allowed.extend(words(text));
            }
            allowed.extend(words(&run.file().path.display().to_string()));
        }
        Walk {
            english: english_only(),
            allowed,
            found: Vec::new(),
        }
    }

    fn look(&mut self, h: &mut Harness, what: &str) {
        for (w, hgt) in [(120, 40), (80, 24)] {
            let screen = h.render(w, hgt);
            let stray: Vec<String> = words(&screen)
                .into_iter()
                .filter(|w| self.english.contains(w) && !self.allowed.contains(w))
                .collect();
            if !stray.is_empty() {
                self.found
                    .push(format!("{what} at {w}x{hgt}: {stray:?}\n{screen}"));
            }
        }
    }

    fn assert_all_dutch(&self) {
        assert!(
            self.found.is_empty(),
            "English on Dutch screens:\n{}",
            self.found.join("\n")
        );
    }
}

#[test]
fn every_step_overlay_and_message_of_a_dutch_session_is_dutch() {
    let mut h = Harness::session("dutch-walk", Language::Nl, &["Jan", "Sanne"]);
    let mut walk = Walk::new(&h);
    walk.look(&mut h, "welkom");
    h.typed(" ");
    walk.look(&mut h, "welkom, afgevinkt");
    h.key(KeyCode::F(1));
    walk.look(&mut h, "hulp bij welkom");
    h.key(KeyCode::Esc);
    h.page_down(1).typed("2").typed("9");
    walk.look(&mut h, "graadmeter met een verkeerd cijfer");
    h.typed("n");
    walk.look(&mut h, "graadmeter met wie laag scoorde");
    h.page_down(1).typed("1").typed("7");
    walk.look(&mut h, "rollen");
    h.page_down(1)
        .idea("trots op ons werk")
        .key(KeyCode::Tab)
        .idea("verhalen delen op LinkedIn");
    h.enter();
    walk.look(&mut h, "vraag, lege Enter");
    h.typed("een halve gedachte").key(KeyCode::Esc);
    walk.look(&mut h, "vraag, concept gewist");
    h.key(KeyCode::F(3));
    walk.look(&mut h, "vraag, verwijderen bevestigen");
    h.typed("n");
    h.key(KeyCode::F(1));
    walk.look(&mut h, "hulp bij een vraag");
    h.key(KeyCode::Esc);
    h.page_down(4);
    walk.look(&mut h, "gemene delers");
    h.typed("w");
    walk.look(&mut h, "waarom samen");
    h.key(KeyCode::Esc).typed(" ").typed("r");
    walk.look(&mut h, "groep hernoemen");
    h.key(KeyCode::Esc).typed("g");
    walk.look(&mut h, "groep kiezen om mee samen te voegen");
    h.typed("zzz");
    walk.look(&mut h, "geen groep gevonden");
    h.enter();
    walk.look(&mut h, "geen groep gevonden, Enter");
    h.key(KeyCode::Esc);
    walk.look(&mut h, "samenvoegen geannuleerd");
    h.typed("+");
    walk.look(&mut h, "fijner groeperen");
    h.key(KeyCode::F(9));
    walk.look(&mut h, "zaalscherm-opdracht");
    h.key(KeyCode::Esc);
    h.page_down(1).typed("a");
    walk.look(&mut h, "actie toevoegen");
    h.typed("Een verhaal per maand").enter();
    walk.look(&mut h, "brug");
    h.page_down(1);
    walk.look(&mut h, "afsluiting");
    h.typed("d");
    walk.look(&mut h, "vervolgdatum");
    h.ctrl('u').typed("morgen").enter();
    walk.look(&mut h, "vervolgdatum fout");
    h.key(KeyCode::Esc).typed("f");
    walk.look(&mut h, "afgerond");
    h.reopen_read_only();
    walk.look(&mut h, "alleen lezen");
    h.typed("d");
    walk.look(&mut h, "alleen lezen, bewerken geweigerd");
    h.key(KeyCode::PageUp);
    walk.look(&mut h, "alleen lezen, rondkijken");
    walk.assert_all_dutch();
}

#[test]
fn home_review_setup_compare_and_trend_are_dutch_for_a_dutch_user() {
    let mut h = Harness::session("dutch-walk-home", Language::Nl, &["Jan", "Sanne"]);
    h.page_down(3).idea("trots op ons werk");
    let paths = Harness::paths(h.dir.path());
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_dir.join("config.ron"), "(language: Some(nl))").unwrap();
    let mut walk = Walk::new(&h);
    h.app = ambassador::app::App::new(
        ambassador::app::Start::Home { paths },
        Box::new(common::clock()),
    );
    walk.look(&mut h, "start");
    h.key(KeyCode::F(1));
    walk.look(&mut h, "hulp op start");
    h.key(KeyCode::Esc).typed("n");
    walk.look(&mut h, "nieuwe sessie");
    for _ in 0..7 {
        h.enter();
    }
    walk.look(&mut h, "nieuwe sessie, fouten");
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    h.typed("r");
    walk.look(&mut h, "terugkijken");
    h.key(KeyCode::F(3));
    walk.look(&mut h, "vergelijken, kies de tweede");
    h.key(KeyCode::Esc).key(KeyCode::F(4));
    walk.look(&mut h, "verloop");
    walk.assert_all_dutch();
}

/// The walk itself can fail: an English screen is caught.
#[test]
fn the_walk_catches_an_english_screen() {
    assert!(english_only().len() > 100, "{:?}", english_only().len());
    let mut h = Harness::session("dutch-walk-self-check", Language::En, &["Jan"]);
    let mut walk = Walk::new(&h);
    walk.allowed.clear();
    walk.look(&mut h, "an English welcome");
    assert!(!walk.found.is_empty());
}
