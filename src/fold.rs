//! Text folding shared by search and grouping: compatibility decomposition (NFKD), accents
//! dropped, lower case. "Patiënten Café" and "patienten cafe" fold alike; so do "ﬁ" and "fi".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_ignores_case_accents_and_compatibility_forms() {
        assert_eq!(fold("Café ZOË"), "cafe zoe");
        assert_eq!(fold("Patiënten"), "patienten");
        assert_eq!(fold("ﬁets"), "fiets");
    }
}
