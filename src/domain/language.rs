use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The language a workshop is run in. Sessions often mix both; this is the facilitator's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Nl,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Nl];

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
        }
    }

    /// The language of a locale name such as `nl_NL.UTF-8` or `en_GB`, when it is one of ours.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let code = locale.split(['_', '.', '@', '-']).next()?;
        match code.to_ascii_lowercase().as_str() {
            "nl" => Some(Language::Nl),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// A number as this language writes it: `3.5` in English, `3,5` in Dutch.
    pub fn decimal(self, value: f64, places: usize) -> String {
        let text = format!("{value:.places$}");
        match self {
            Language::En => text,
            Language::Nl => text.replace('.', ","),
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Language::En),
            "nl" | "dutch" | "nederlands" => Ok(Language::Nl),
            other => Err(format!("unknown language '{other}' (use en or nl)")),
        }
    }
}
