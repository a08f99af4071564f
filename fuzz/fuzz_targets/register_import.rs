//! The 密点 register import: .xlsx (calamine) or CSV (UTF-8 / GB18030)
//! bytes into rows, then `Store::import_points`.
//! Input: a kind byte (even .xlsx, odd .csv), then the file's bytes.
#![no_main]

use std::sync::Mutex;

use libfuzzer_sys::fuzz_target;
use midun_fuzz::{import_input, import_scratch, Scratch};

static SCRATCH: Mutex<Option<Scratch>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let mut guard = SCRATCH.lock().unwrap_or_else(|e| e.into_inner());
    let scratch = guard.get_or_insert_with(import_scratch);
    import_input(scratch, data);
});
