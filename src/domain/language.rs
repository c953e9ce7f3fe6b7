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
