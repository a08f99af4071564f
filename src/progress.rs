//! Progress and cancellation of long operations (a hand-over export with
//! many evidence files, a whole-register import, a bulk letter export).
//!
//! An operation calls [`Progress::step`] as it goes; the caller sees how far
//! it is and may ask it to stop. A stopped operation returns
//! [`Error::Cancelled`] and has written nothing: each operation checks the
//! request only before its one write (or inside the transaction it rolls
//! back), never between two files of a set.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::Serialize;

use crate::error::{Error, Result};

/// How far the running operation is, as the UI polls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OperationProgress {
    pub done: u64,
    /// 0 until the operation knows how many steps it has.
    pub total: u64,
}

/// The one long operation the app runs at a time: its progress, read by a
/// poll from another thread, and the flag that cancels it.
#[derive(Default)]
pub struct Operation {
    done: AtomicU64,
    total: AtomicU64,
    cancel: AtomicBool,
}

impl Operation {
    /// A new operation begins: nothing done, not cancelled.
    pub fn start(&self) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(0, Ordering::Relaxed);
        self.cancel.store(false, Ordering::Relaxed);
    }

    pub fn progress(&self) -> OperationProgress {
        OperationProgress {
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
        }
    }

    /// Ask the running operation to stop at its next step.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Record a step (the reporter a [`Progress`] is made with).
    pub fn set(&self, done: u64, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

/// Where an operation reports how far it is, and the flag that stops it.
#[derive(Clone, Copy)]
pub struct Progress<'a> {
    report: &'a (dyn Fn(u64, u64) + Sync),
    cancel: &'a AtomicBool,
}

static NEVER: AtomicBool = AtomicBool::new(false);

fn silent(_: u64, _: u64) {}

impl<'a> Progress<'a> {
    /// `report(done, total)` is called at each step; setting `cancel`
    /// stops the operation at its next step.
    pub fn new(report: &'a (dyn Fn(u64, u64) + Sync), cancel: &'a AtomicBool) -> Self {
        Progress { report, cancel }
    }

    /// No one watching, nothing to stop (the CLI, tests).
    pub fn none() -> Progress<'static> {
        Progress {
            report: &silent,
            cancel: &NEVER,
        }
    }

    /// `done` of `total` steps are done: report it, or stop with
    /// [`Error::Cancelled`] when asked to.
    pub fn step(&self, done: u64, total: u64) -> Result<()> {
        self.check()?;
        (self.report)(done.min(total), total);
        Ok(())
    }

    /// Stop with [`Error::Cancelled`] when asked to (before a write).
    pub fn check(&self) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn reports_steps_until_cancelled() {
        let seen = Mutex::new(Vec::new());
        let report = |d, t| seen.lock().unwrap().push((d, t));
        let cancel = AtomicBool::new(false);
        let p = Progress::new(&report, &cancel);
        p.step(1, 3).unwrap();
        p.step(5, 3).unwrap();
        cancel.store(true, Ordering::Relaxed);
        assert_eq!(p.step(2, 3).unwrap_err().code(), "CANCELLED");
        assert_eq!(*seen.lock().unwrap(), vec![(1, 3), (3, 3)]);
        assert!(Progress::none().step(1, 1).is_ok());
    }

    #[test]
    fn an_operation_is_watched_and_cancelled_from_another_thread() {
        let op = Operation::default();
        op.start();
        let report = |d, t| op.set(d, t);
        let p = Progress::new(&report, op.cancel_flag());
        std::thread::scope(|s| {
            s.spawn(|| p.step(2, 5).unwrap()).join().unwrap();
            assert_eq!(op.progress(), OperationProgress { done: 2, total: 5 });
            s.spawn(|| op.cancel()).join().unwrap();
        });
        assert_eq!(p.step(3, 5).unwrap_err().code(), "CANCELLED");
        op.start();
        assert_eq!(op.progress(), OperationProgress { done: 0, total: 0 });
        assert!(p.step(1, 5).is_ok(), "a new operation is not cancelled");
    }
}
