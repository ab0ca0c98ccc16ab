//! Per-process caches of what the public portal pages read (the job search, a
//! posting, a workplace profile, the header's region), checked against the
//! portal version in the database ([`store::portal`]), which triggers bump on
//! every write to a table these pages read. A second server on the same database
//! therefore never serves a stale page, and no write path can forget to
//! invalidate.
//!
//! The version is read once per request, in [`crate::context::load`], through a
//! [`VersionGate`]: concurrent requests share one read, but only a read that
//! *started after the request arrived* may answer it. A write acknowledged
//! before a request was sent is therefore always seen, on any server, while under
//! load the database answers one small read at a time instead of one per request.
//! Anything that depends on the day (a posting's last day, an ended fiscal year)
//! is keyed by the date as well.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use store::Store;
use tokio::sync::watch;

/// The latest completed read: its sequence number and what it found.
#[derive(Clone)]
struct Reading {
    seq: u64,
    version: Result<i64, String>,
}

#[derive(Default)]
struct GateState {
    /// Sequence number of the last read started.
    started: u64,
    /// Whether a read is running (at most one at a time).
    running: bool,
    /// The highest sequence number a waiting request needs.
    wanted: u64,
}

/// Coalesced reads of the portal version (see the module's documentation).
pub struct VersionGate {
    state: Mutex<GateState>,
    done: watch::Sender<Reading>,
}

impl Default for VersionGate {
    fn default() -> Self {
        VersionGate {
            state: Mutex::new(GateState::default()),
            done: watch::Sender::new(Reading {
                seq: 0,
                version: Err("not read yet".into()),
            }),
        }
    }
}

impl VersionGate {
    /// The portal version as of a moment after this call began.
    pub async fn current(self: &Arc<Self>, store: &Store) -> Result<i64, String> {
        let mut rx = self.done.subscribe();
        let need = {
            let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
            // A read already running may have started before this request
            // arrived: only the next one counts.
            let need = s.started + 1;
            s.wanted = s.wanted.max(need);
            if !s.running {
                s.running = true;
                s.started = need;
                let gate = self.clone();
                let store = store.clone();
                // On its own task: a request that goes away must not take the
                // read of the others with it.
                tokio::spawn(async move { gate.run(store, need).await });
            }
            need
        };
        loop {
            {
                let r = rx.borrow_and_update();
                if r.seq >= need {
                    return r.version.clone();
                }
            }
            if rx.changed().await.is_err() {
                return Err("the version reader stopped".into());
            }
        }
    }

    /// Read until no request waits for a newer read.
    async fn run(self: Arc<Self>, store: Store, mut seq: u64) {
        loop {
            let version = store.portal_version().await.map_err(|e| e.to_string());
            self.done.send_replace(Reading { seq, version });
            let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
            if s.wanted > seq {
                s.started += 1;
                seq = s.started;
            } else {
                s.running = false;
                return;
            }
        }
    }
}

/// What one kind of page rendered, by key, each entry tagged with the portal
/// version it was read under; an entry of another version is never returned.
pub struct PageCache<V> {
    entries: Mutex<HashMap<String, (i64, Arc<V>)>>,
    max: usize,
}

impl<V> PageCache<V> {
    pub fn new(max: usize) -> PageCache<V> {
        PageCache {
            entries: Mutex::new(HashMap::new()),
            max,
        }
    }

    pub fn get(&self, key: &str, version: i64) -> Option<Arc<V>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(v, _)| *v == version)
            .map(|(_, d)| d.clone())
    }

    pub fn put(&self, key: String, version: i64, value: Arc<V>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        // Past the bound (many distinct searches, or a new version), start over.
        if entries.len() >= self.max {
            entries.retain(|_, (v, _)| *v == version);
            if entries.len() >= self.max {
                entries.clear();
            }
        }
        entries.insert(key, (version, value));
    }
}

/// The portal's caches, one per page kind.
pub struct PortalCaches {
    /// False when the environment sets `ERABARERU_PORTAL_CACHE=off`: every
    /// request then reads the database as before the caches (for benchmarks).
    pub enabled: bool,
    pub gate: Arc<VersionGate>,
    pub header_regions: PageCache<Option<crate::context::HeaderRegion>>,
    pub jobs: PageCache<crate::job_postings::CachedPosting>,
    pub searches: PageCache<crate::job_postings::CachedSearch>,
    pub workplaces: PageCache<crate::workplaces::CachedWorkplace>,
}

impl Default for PortalCaches {
    fn default() -> Self {
        PortalCaches {
            enabled: std::env::var("ERABARERU_PORTAL_CACHE").map_or(true, |v| v != "off"),
            gate: Arc::new(VersionGate::default()),
            header_regions: PageCache::new(256),
            jobs: PageCache::new(4096),
            searches: PageCache::new(1024),
            workplaces: PageCache::new(4096),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_of_another_version_is_not_returned() {
        let c: PageCache<u8> = PageCache::new(2);
        c.put("a".into(), 1, Arc::new(1));
        assert_eq!(c.get("a", 1).as_deref(), Some(&1));
        assert!(c.get("a", 2).is_none());
        c.put("b".into(), 2, Arc::new(2));
        c.put("c".into(), 2, Arc::new(3));
        assert!(c.get("a", 1).is_none(), "old versions go first");
        assert_eq!(c.get("b", 2).as_deref(), Some(&2));
    }
}
