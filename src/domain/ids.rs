//! Ids as types of their own, so an idea's id is never passed where a group's is expected.
//! In the session file each is a plain number (`serde(transparent)`).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident($int:ty)) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize,
            Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub $int);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// A participant of a session.
    ParticipantId(u32)
);
impl ParticipantId {
    /// The author of an idea sent anonymously from a device (when the facilitator allows
    /// it): no participant ever has this id (ids are handed out from 1).
    pub const ANONYMOUS: ParticipantId = ParticipantId(0);
}

id!(
    /// An idea said on a question step.
    IdeaId(u64)
);
id!(
    /// A group of ideas on a grouped step.
    GroupId(u64)
);
id!(
    /// An action agreed on the bridge step.
    ActionId(u64)
);
