//! The hand-over file's reader past decryption: the plaintext ZIP, its
//! manifest and hashes, the rows' checks and the import into a store.
//! Input: a flag byte, then a ZIP or a bundle script (`midun_fuzz::flag`).
#![no_main]

use std::sync::Mutex;

use libfuzzer_sys::fuzz_target;
use midun_fuzz::{bundle_input, bundle_scratch, Scratch};

static SCRATCH: Mutex<Option<Scratch>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let mut guard = SCRATCH.lock().unwrap_or_else(|e| e.into_inner());
    let scratch = guard.get_or_insert_with(bundle_scratch);
    bundle_input(scratch, data);
});
