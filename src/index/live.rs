//! The directory a long-running process serves: the generation `CURRENT`
//! names, swapped for a newer one as soon as a batch publishes it.
//!
//! Readers take an `Arc<Directory>` for the length of one request, so a
//! request that started on the old generation finishes on it, and the next
//! one sees the new generation: no answer is ever half old, half new.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use super::{open_served, Directory, Store};
use crate::error::Result;

/// The served directory and the generation it was opened from.
pub struct Live {
    root: PathBuf,
    current: RwLock<(String, Arc<Directory>)>,
    /// The generation `CURRENT` named when last looked at: a generation
    /// that failed to open is not tried again every poll, only once
    /// `CURRENT` names another.
    published: Mutex<String>,
    fallback: Option<String>,
}

impl Live {
    /// Opens the generation `CURRENT` names under `root`, every file
    /// checked; when it is damaged, the newest earlier intact generation,
    /// with an error logged and kept in [`Live::fallback`] (see
    /// [`super::open_served`]).
    pub fn open(root: &Path) -> Result<Live> {
        let served = open_served(root)?;
        if let Some(why) = &served.fallback {
            tracing::error!(
                served = %served.name,
                published = %served.published,
                "{why}"
            );
        }
        Ok(Live {
            root: root.to_path_buf(),
            current: RwLock::new((served.name, Arc::new(served.directory))),
            published: Mutex::new(served.published),
            fallback: served.fallback,
        })
    }

    /// Why an earlier generation than the published one was opened, when
    /// it was.
    pub fn fallback(&self) -> Option<&str> {
        self.fallback.as_deref()
    }

    /// The index root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The directory to answer one request from.
    pub fn directory(&self) -> Arc<Directory> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .1
            .clone()
    }

    /// The name of the generation being served.
    pub fn generation(&self) -> String {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .0
            .clone()
    }

    /// Switches to the generation `CURRENT` names if it changed. Returns
    /// true if and only if it switched. On any error the directory being
    /// served stays as it was, and the same generation is not tried again
    /// until `CURRENT` changes.
    pub fn refresh(&self) -> Result<bool> {
        let store = Store::new(&self.root);
        let Some(name) = store.current()? else {
            return Ok(false);
        };
        {
            let mut published = self
                .published
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if *published == name {
                return Ok(false);
            }
            *published = name.clone();
        }
        if name == self.generation() {
            return Ok(false);
        }
        let dir = Directory::open_verified(&store.generation_path(&name))?;
        let mut guard = self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = (name, Arc::new(dir));
        Ok(true)
    }

    /// Starts a thread that calls [`Live::refresh`] every `every`, for as
    /// long as the process runs. Errors are reported to `on_error` and the
    /// old generation keeps being served.
    pub fn watch(
        self: &Arc<Self>,
        every: Duration,
        on_error: impl Fn(&crate::Error) + Send + 'static,
    ) -> std::thread::JoinHandle<()> {
        let live = Arc::downgrade(self);
        std::thread::Builder::new()
            .name("chahao-watch".to_string())
            .spawn(move || loop {
                std::thread::sleep(every);
                let Some(live) = live.upgrade() else {
                    return;
                };
                if let Err(e) = live.refresh() {
                    on_error(&e);
                }
            })
            .expect("the watcher thread starts")
    }
}
