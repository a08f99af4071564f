//! What the fuzz targets run, kept out of `fuzz_targets/` so that the seed
//! generator and a plain test can call the same code without libFuzzer.
//!
//! Every function here must return normally for every input: an `Err` from
//! the core is a clean refusal; a panic, an abort, a hang or runaway memory
//! is a bug that libFuzzer reports.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use midun::handover::{self, ImportMode, Limits};
use midun::Store;
use sha2::{Digest, Sha256};

/// Separates the entries of a "bundle script" (see `bundle_input`).
pub const SEP: &[u8] = b"\n@@ ";

/// Input flags of `bundle_read` (the first byte).
pub mod flag {
    /// Set: the rest is a bundle script (entries as text, zipped by the
    /// harness); clear: the rest is the plaintext ZIP itself.
    pub const SCRIPT: u8 = 1;
    /// Leave the manifest's hashes as written instead of recomputing them.
    pub const KEEP_HASHES: u8 = 2;
    /// Deflate the entries (else stored).
    pub const DEFLATE: u8 = 4;
    // Bits 3–4: the import mode (0 Refuse, 1 AsCopy, 2 Replace).
}

/// A store in a private temporary directory, copied afresh from a template
/// after each change, so that every input meets the same database and a
/// crash reproduces from its input alone. Inputs the core refuses write
/// nothing (all or nothing), so the copy is only made after a success.
pub struct Scratch {
    _dir: tempfile::TempDir,
    template: PathBuf,
    db: PathBuf,
    store: Option<Store>,
    pub enterprise_id: String,
}

impl Scratch {
    /// `fill` populates the template once; it returns the enterprise id.
    pub fn new(fill: impl FnOnce(&mut Store) -> String) -> Scratch {
        let dir = tempfile::Builder::new()
            .prefix("midun-fuzz-")
            .tempdir()
            .expect("temp dir");
        let template = dir.path().join("template").join("midun.db");
        std::fs::create_dir_all(template.parent().unwrap()).unwrap();
        let enterprise_id = {
            let mut s = Store::open(&template).expect("template store");
            fill(&mut s)
        };
        let db = dir.path().join("work").join("midun.db");
        std::fs::create_dir_all(db.parent().unwrap()).unwrap();
        let mut scratch = Scratch {
            _dir: dir,
            template,
            db,
            store: None,
            enterprise_id,
        };
        scratch.reset();
        scratch
    }

    pub fn store(&mut self) -> &mut Store {
        self.store.as_mut().expect("store open")
    }

    /// Back to the template's state.
    pub fn reset(&mut self) {
        self.store = None;
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.db.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
        // Replacing an enterprise backs the database up first: drop those
        // (the next open makes its daily backup again).
        let _ = std::fs::remove_dir_all(self.db.parent().unwrap().join("backups"));
        std::fs::copy(&self.template, &self.db).expect("copy template");
        self.store = Some(Store::open(&self.db).expect("open scratch store"));
    }
}

/// The store the bundle target imports into: the demo enterprise (so that
/// Refuse/Replace/AsCopy meet an existing enterprise and colliding ids).
pub fn bundle_scratch() -> Scratch {
    Scratch::new(|s| midun::demo::add_demo(s).expect("demo").id)
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Split a bundle script into (name, content) entries: each part after a
/// `SEP` is the entry's name up to the first newline, then its content.
pub fn parse_script(script: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut parts = split(script, SEP);
    parts.next(); // anything before the first separator
    for part in parts {
        let (name, content) = match part.iter().position(|&b| b == b'\n') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => (part, &[][..]),
        };
        out.push((String::from_utf8_lossy(name).into_owned(), content.to_vec()));
    }
    out
}

fn split<'a>(hay: &'a [u8], sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(hay);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.windows(sep.len()).position(|w| w == sep) {
            Some(i) => {
                rest = Some(&r[i + sep.len()..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The inverse of `parse_script` (for the seeds).
pub fn write_script(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, content) in entries {
        out.extend_from_slice(SEP);
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(content);
    }
    out
}

/// Zip the script's entries; the manifest's `entries` hashes are
/// recomputed unless `keep_hashes` (so that mutations of the tables reach
/// the row checks instead of stopping at the hash check). `None` when the
/// ZIP writer refuses (e.g. a duplicate name).
pub fn zip_script(script: &[u8], keep_hashes: bool, deflate: bool) -> Option<Vec<u8>> {
    let mut entries = parse_script(script);
    if !keep_hashes {
        let hashes: BTreeMap<String, serde_json::Value> = entries
            .iter()
            .filter(|(n, _)| n != handover::MANIFEST)
            .map(|(n, c)| (n.clone(), serde_json::Value::String(sha256_hex(c))))
            .collect();
        for (name, content) in entries.iter_mut() {
            if name != handover::MANIFEST {
                continue;
            }
            if let Ok(serde_json::Value::Object(mut m)) = serde_json::from_slice(content) {
                m.insert(
                    "entries".into(),
                    serde_json::Value::Object(hashes.clone().into_iter().collect()),
                );
                *content = serde_json::to_vec(&m).ok()?;
            }
        }
    }
    use zip::write::SimpleFileOptions;
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let options = SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(zip::DateTime::default());
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in &entries {
        // zip 4.6's writer panics (an unwrap) on a name of 64 KiB or more;
        // midun only ever writes short fixed names, so skip such inputs.
        if name.len() > usize::from(u16::MAX) {
            return None;
        }
        w.start_file(name.as_str(), options).ok()?;
        w.write_all(content).ok()?;
    }
    Some(w.finish().ok()?.into_inner())
}

/// The limits the bundle target reads with: the defaults (what users
/// get). Inputs are small (libFuzzer's -max_len), so the decompressed size
/// stays bounded by deflate's ratio (~1000:1) and the 200:1 ratio limit.
pub fn limits() -> Limits {
    Limits::default()
}

/// The `bundle_read` target: one input, all the way to the database.
pub fn bundle_input(scratch: &mut Scratch, data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let zipped;
    let plain = if flags & flag::SCRIPT != 0 {
        match zip_script(
            rest,
            flags & flag::KEEP_HASHES != 0,
            flags & flag::DEFLATE != 0,
        ) {
            Some(z) => {
                zipped = z;
                &zipped[..]
            }
            None => return,
        }
    } else {
        rest
    };
    let Ok(b) = handover::read_plain(plain, &limits()) else {
        return;
    };
    let mode = match (flags >> 3) & 3 {
        0 => ImportMode::Refuse,
        1 => ImportMode::AsCopy,
        _ => ImportMode::Replace,
    };
    if handover::apply(scratch.store(), &b, mode).is_ok() {
        // Whatever was imported must read back through the registers.
        let s = scratch.store();
        for e in s.enterprises().list().expect("list enterprises") {
            s.points().list(&e.id).expect("points read back");
            s.people().list(&e.id).expect("people read back");
        }
        let report = s.check().expect("check");
        assert!(
            report.is_sound(),
            "imported data left the store unsound: {report:?}"
        );
        scratch.reset();
    }
}

/// The store the register import writes into: an enterprise with the
/// people the seeds name.
pub fn import_scratch() -> Scratch {
    use midun::model::NewEnterprise;
    use midun::store::NewPerson;
    Scratch::new(|s| {
        let eid = s
            .enterprises().create(&NewEnterprise {
                name: "导入模糊测试企业".into(),
                ..Default::default()
            })
            .expect("enterprise")
            .id;
        for (name, dept) in [
            ("张建国", "生产技术部"),
            ("李秀英", "生产技术部"),
            ("王明德", "总经理办公室"),
        ] {
            s.people().add(&NewPerson {
                enterprise_id: eid.clone(),
                name: name.into(),
                department: dept.into(),
                entry_date: "2020-01-01".into(),
                ..Default::default()
            })
            .expect("person");
        }
        eid
    })
}

/// The `register_import` target: first byte even → .xlsx, odd → .csv.
pub fn import_input(scratch: &mut Scratch, data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let rows = if kind & 1 == 0 {
        midun::import::xlsx_rows(rest.to_vec())
    } else {
        midun::import::csv_rows(rest)
    };
    let Ok(rows) = rows else {
        return;
    };
    let eid = scratch.enterprise_id.clone();
    if let Ok(outcome) = scratch.store().points().import(&eid, &rows) {
        if outcome.imported > 0 {
            assert!(outcome.errors.is_empty());
            scratch
                .store()
                .points().list(&eid)
                .expect("points read back");
            scratch.reset();
        }
    }
}

/// Read a whole ZIP into (name, bytes), for the seed generator.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().to_string(), v)
        })
        .collect()
}
