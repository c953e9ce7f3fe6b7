//! Where sessions and templates live on disk, and the rules that keep them safe
//! (DESIGN.md §3): durable atomic saves, a sidecar lock, version checks, migration.

pub mod archive;
mod atomic;
mod config;
mod copies;
mod embed_cache;
mod error;
mod file;
mod index;
mod list;
mod load;
mod lock;
mod migrate;
mod naming;
pub mod open_now;
mod paths;
mod read;
mod rescue;
pub mod room_sidecar;
mod summary;
mod templates;

pub use atomic::{write_atomic, write_atomic_shared};
pub use config::{Config, remember_archive_remote};
pub use copies::{KeptCopy, KeptKind, kept_copy};
pub use embed_cache::{CacheTrouble, EmbeddingCache, MAX_CACHE_BYTES, default_cache_dir, text_key};
pub use error::StoreError;
pub use file::{Access, ReadOnlyReason, SaveGuard, SaveNote, SessionFile, render_session};
pub use list::{Listing, find_session, follow_up_details, list_sessions};
pub use load::{MAX_FILE_BYTES, parse_session_text, read_session};
pub use lock::SessionLock;
pub use naming::slug;
pub use paths::Paths;
pub use read::{ReadError, kind_of, read_regular, read_text_file};
pub use rescue::{RescueError, rescue_places, write_rescue, write_rescue_bytes};
pub use summary::{Origin, SessionSummary};
pub use templates::{
    FOLLOW_UP_TEMPLATE, MAX_TEMPLATE_BYTES, TemplateEntry, TemplateSource, builtin_templates,
    list_templates, resolve_template,
};
