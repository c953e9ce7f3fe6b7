//! What a team session hears from the interviews it draws on: their answers grouped by
//! meaning into labelled themes with the grouping engine's batch API.

use crate::domain::{Heard, Session};
use crate::grouping::batch::group_texts_embedded;
use crate::grouping::{Embedder, Granularity, Lang};

/// The themes of `interviews` (interview sessions), with `meaning` where an encoder is at
/// hand (else by shared words and concepts alone).
pub fn heard_in(interviews: &[Session], meaning: Option<&dyn Embedder>) -> Heard {
    Heard::gather(interviews, |texts| {
        group_texts_embedded(texts, Lang::Auto, Granularity::Default, meaning)
    })
}
