//! Embeddings kept between runs, so reopening a session does not wait for the encoder again.
//!
//! One file per model in the cache folder (`AMBASSADOR_CACHE_DIR`, else the platform's cache
//! folder): `embeddings-<model checksum>.bin`. A header (magic, model checksum, dimension)
//! and fixed-size records: a 128-bit hash of the text (the text itself is not stored), the
//! vector, and a checksum of both. New records are appended. A file that is not ours, of
//! another model, damaged or cut short is not trusted past its last good record and is
//! written anew; it is read like every file here (regular files only, the bytes read capped).

use super::read::{ReadError, read_regular};
use crate::fnv::{fnv1a_64, fnv1a_128};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"AMBEMB1\n";
const HEADER: usize = 24;
/// Beyond this the cache starts over (about 16,000 ideas at 384 dimensions).
pub const MAX_CACHE_BYTES: u64 = 24 * 1024 * 1024;

/// The cache folder: `AMBASSADOR_CACHE_DIR`, else the platform's (none without a home).
pub fn default_cache_dir() -> Option<PathBuf> {
    match std::env::var_os("AMBASSADOR_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "ambassador")
            .map(|p| p.cache_dir().to_path_buf()),
    }
}

/// The key a text is cached under: FNV-1a, 128 bits.
pub fn text_key(text: &str) -> u128 {
    fnv1a_128(text.as_bytes())
}

/// What opening the cache found wrong (it was then started over from its good part).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheTrouble {
    /// not a cache file, another model's, or a different shape
    NotOurs,
    /// a record did not check out, or the file ended inside one
    Damaged { kept: usize },
    /// too large, a folder, a device, unreadable...
    Unreadable(String),
}

/// An open embedding cache for one model.
pub struct EmbeddingCache {
    path: PathBuf,
    checksum: u64,
    dim: usize,
    /// bytes in the file as we know it
    len: u64,
    append: Option<File>,
}

/// What was in the cache when it was opened.
pub type Loaded = HashMap<u128, Vec<f32>>;

impl EmbeddingCache {
    pub fn file_in(dir: &Path, checksum: u64) -> PathBuf {
        dir.join(format!("embeddings-{checksum:016x}.bin"))
    }

    fn record_len(&self) -> usize {
        16 + 4 * self.dim + 8
    }

    fn header(&self) -> Vec<u8> {
        let mut h = Vec::with_capacity(HEADER);
        h.extend_from_slice(MAGIC);
        h.extend_from_slice(&self.checksum.to_le_bytes());
        h.extend_from_slice(&(self.dim as u32).to_le_bytes());
        h.extend_from_slice(&0u32.to_le_bytes());
        h
    }

    fn record(&self, key: u128, v: &[f32]) -> Vec<u8> {
        let mut r = Vec::with_capacity(self.record_len());
        r.extend_from_slice(&key.to_le_bytes());
        v.iter().for_each(|x| r.extend_from_slice(&x.to_le_bytes()));
        let sum = fnv1a_64(&r);
        r.extend_from_slice(&sum.to_le_bytes());
        r
    }

    /// Opens (or creates) the cache of the model with `checksum` in `dir` and reads what it
    /// holds. Trouble is reported, never fatal: a bad file is replaced by its good records.
    pub fn open(
        dir: &Path,
        checksum: u64,
        dim: usize,
    ) -> io::Result<(EmbeddingCache, Loaded, Option<CacheTrouble>)> {
        std::fs::create_dir_all(dir)?;
        let mut cache = EmbeddingCache {
            path: Self::file_in(dir, checksum),
            checksum,
            dim,
            len: 0,
            append: None,
        };
        let (loaded, trouble) = match read_regular(&cache.path, MAX_CACHE_BYTES) {
            Ok(bytes) => cache.parse(&bytes),
            Err(e) if e.is_not_found() => (Loaded::new(), None),
            Err(ReadError::TooLarge { .. }) => (Loaded::new(), None),
            Err(e) => (Loaded::new(), Some(CacheTrouble::Unreadable(e.to_string()))),
        };
        let fresh = !matches!(std::fs::symlink_metadata(&cache.path), Ok(m) if m.is_file());
        if trouble.is_some() || fresh || cache.len == 0 {
            cache.rewrite(&loaded)?;
        }
        Ok((cache, loaded, trouble))
    }

    fn parse(&mut self, bytes: &[u8]) -> (Loaded, Option<CacheTrouble>) {
        let mut loaded = Loaded::new();
        if bytes.len() < HEADER || bytes[..HEADER] != self.header()[..] {
            return (loaded, Some(CacheTrouble::NotOurs));
        }
        let size = self.record_len();
        let mut at = HEADER;
        while at + size <= bytes.len() {
            let r = &bytes[at..at + size];
            let (body, sum) = r.split_at(size - 8);
            if fnv1a_64(body).to_le_bytes() != sum {
                break;
            }
            let key = u128::from_le_bytes(body[..16].try_into().unwrap_or_default());
            let v: Vec<f32> = body[16..]
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            if v.iter().any(|x| !x.is_finite()) {
                break;
            }
            loaded.insert(key, v);
            at += size;
        }
        self.len = at as u64;
        let trouble = (at != bytes.len()).then_some(CacheTrouble::Damaged { kept: loaded.len() });
        (loaded, trouble)
    }

    /// Writes the file anew (atomically) with these records.
    fn rewrite(&mut self, records: &Loaded) -> io::Result<()> {
        let mut bytes = self.header();
        let mut keys: Vec<&u128> = records.keys().collect();
        keys.sort_unstable();
        for k in keys {
            bytes.extend(self.record(*k, &records[k]));
        }
        if bytes.len() as u64 > MAX_CACHE_BYTES {
            bytes.truncate(HEADER);
        }
        // a folder or other thing in the way of the file is moved aside, never followed
        if let Ok(m) = std::fs::symlink_metadata(&self.path)
            && m.is_dir()
        {
            std::fs::remove_dir_all(&self.path)?;
        }
        // Our own handle goes first: Windows renames over no file that is open.
        self.append = None;
        super::write_atomic(&self.path, &bytes)?;
        self.len = bytes.len() as u64;
        Ok(())
    }

    /// Adds embeddings to the file; when it would pass its cap it starts over with these.
    pub fn append(&mut self, entries: &[(u128, &[f32])]) -> io::Result<()> {
        let mut bytes = Vec::with_capacity(entries.len() * self.record_len());
        for (key, v) in entries.iter().filter(|(_, v)| v.len() == self.dim) {
            bytes.extend(self.record(*key, v));
        }
        if bytes.is_empty() {
            return Ok(());
        }
        if self.len + bytes.len() as u64 > MAX_CACHE_BYTES {
            self.rewrite(&Loaded::new())?;
        }
        if self.append.is_none() {
            let file = crate::platform::files::open_for_appending(&self.path)?;
            if !file.metadata()?.is_file() {
                return Err(io::Error::other("the cache is not a regular file"));
            }
            self.append = Some(file);
        }
        if let Some(file) = self.append.as_mut() {
            file.write_all(&bytes)?;
            self.len += bytes.len() as u64;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(seed: f32) -> Vec<f32> {
        (0..4).map(|i| seed + i as f32).collect()
    }

    #[test]
    fn what_is_appended_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, loaded, trouble) = EmbeddingCache::open(dir.path(), 7, 4).unwrap();
        assert!(loaded.is_empty() && trouble.is_none());
        c.append(&[(text_key("a"), &v(1.0)), (text_key("b"), &v(2.0))])
            .unwrap();
        let (_, loaded, trouble) = EmbeddingCache::open(dir.path(), 7, 4).unwrap();
        assert_eq!(trouble, None);
        assert_eq!(loaded.get(&text_key("b")), Some(&v(2.0)));
        assert_eq!(loaded.len(), 2);
        // another model has a cache of its own
        let (_, other, _) = EmbeddingCache::open(dir.path(), 8, 4).unwrap();
        assert!(other.is_empty());
    }

    #[test]
    fn a_cut_or_damaged_file_keeps_its_good_records_and_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, _, _) = EmbeddingCache::open(dir.path(), 7, 4).unwrap();
        c.append(&[(text_key("a"), &v(1.0)), (text_key("b"), &v(2.0))])
            .unwrap();
        let path = c.path().to_path_buf();
        // Cut by a crash: the program that had it open is gone.
        drop(c);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 5]).unwrap();
        let (mut c, loaded, trouble) = EmbeddingCache::open(dir.path(), 7, 4).unwrap();
        assert_eq!(trouble, Some(CacheTrouble::Damaged { kept: 1 }));
        assert_eq!(loaded.len(), 1);
        // rebuilt: appending again lines up with whole records
        c.append(&[(text_key("c"), &v(3.0))]).unwrap();
        drop(c);
        let (_, loaded, trouble) = EmbeddingCache::open(dir.path(), 7, 4).unwrap();
        assert_eq!((loaded.len(), trouble), (2, None));
        // a flipped byte inside a record stops trust there
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[HEADER + 20] ^= 0xff;
        std::fs::write(&path, &bytes).unwrap();
        let (_, loaded, trouble) = EmbeddingCache::open(dir.path(), 7, 4).unwrap();
        assert_eq!(trouble, Some(CacheTrouble::Damaged { kept: 0 }));
        assert!(loaded.is_empty());
    }

    #[test]
    fn garbage_a_fifo_or_a_folder_is_ignored_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = EmbeddingCache::file_in(dir.path(), 7);
        std::fs::write(&path, b"not a cache at all").unwrap();
        let (_, loaded, trouble) = EmbeddingCache::open(dir.path(), 7, 4).unwrap();
        assert_eq!((loaded.len(), trouble), (0, Some(CacheTrouble::NotOurs)));
        std::fs::remove_file(&path).unwrap();
        if !crate::platform::testing::make_fifo(&path) {
            return; // no FIFOs here
        }
        let (mut cache, _, trouble) = EmbeddingCache::open(dir.path(), 7, 4).unwrap();
        assert!(matches!(trouble, Some(CacheTrouble::Unreadable(_))));
        cache.append(&[(text_key("a"), &v(1.0))]).unwrap();
        assert!(std::fs::metadata(&path).unwrap().is_file());
    }
}
