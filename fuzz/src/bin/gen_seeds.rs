//! Write the seed corpora to `fuzz/seeds/<target>/` (committed; small).
//! `scripts/fuzz` runs this when the seeds are missing; run by hand with
//! `cargo run --manifest-path fuzz/Cargo.toml --bin gen_seeds`.
//!
//! bundle_read: the demo enterprise's hand-over file (two 密点), decrypted,
//! as a raw ZIP and as a bundle script; the same for a minimal enterprise.
//! Each is checked to import cleanly, so the fuzzer starts deep.
//! register_import: the .xlsx and .csv templates, a few real rows as .xlsx,
//! UTF-8 CSV and GB18030 CSV.

use std::io::Read;
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use midun::handover::{self, ImportMode, Kdf};
use midun::model::NewEnterprise;
use midun::Store;
use midun_fuzz::{bundle_scratch, flag, unzip, write_script};

const PASS: &str = "fuzz-seed-passphrase";

fn decrypt(file: &[u8]) -> Vec<u8> {
    let d = age::Decryptor::new_buffered(file).unwrap();
    let id = age::scrypt::Identity::new(SecretString::from(PASS.to_string()));
    let mut r = d
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .unwrap();
    let mut out = Vec::new();
    r.read_to_end(&mut out).unwrap();
    out
}

fn write(dir: &Path, name: &str, first: u8, body: &[u8]) {
    let mut v = vec![first];
    v.extend_from_slice(body);
    std::fs::write(dir.join(name), v).unwrap();
    println!("  {name}: {} bytes", body.len() + 1);
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let tmp = tempfile::tempdir().unwrap();

    let dir = root.join("bundle_read");
    std::fs::create_dir_all(&dir).unwrap();
    let corpus = root.parent().unwrap().join("corpus").join("bundle_read");
    std::fs::create_dir_all(&corpus).unwrap();
    println!("{}", dir.display());
    let mut s = Store::open(&tmp.path().join("seed.db")).unwrap();
    // Two 密点 keep the demo's audit chain (most of the file) small.
    let demo = midun::demo::add_demo_with(&mut s, 2).unwrap();
    let small = s
        .enterprises().create(&NewEnterprise {
            name: "最小企业".into(),
            ..Default::default()
        })
        .unwrap();
    for (e, name) in [(&demo.id, "demo"), (&small.id, "small")] {
        let (file, _) = handover::export(&s, e, PASS, Kdf::FAST).unwrap();
        let zip = decrypt(&file);
        write(&dir, &format!("{name}.zip"), 0, &zip);
        let script = write_script(&unzip(&zip));
        // The demo's script is ~170 KB (its audit chain): generated into the
        // grown corpus (not committed) rather than the committed seeds.
        let to = if name == "demo" { &corpus } else { &dir };
        write(to, &format!("{name}.script"), flag::SCRIPT, &script);
        // The seeds must get all the way through: into a store holding the
        // demo, as a copy (else the demo's id would be refused).
        let mut scratch = bundle_scratch();
        let plain = midun_fuzz::zip_script(&script, false, false).unwrap();
        let b = handover::read_plain(&plain, &midun_fuzz::limits()).unwrap();
        handover::apply(scratch.store(), &b, ImportMode::AsCopy).unwrap();
        let b = handover::read_plain(&zip, &midun_fuzz::limits()).unwrap();
        handover::apply(scratch.store(), &b, ImportMode::Replace).unwrap();
    }
    let script = std::fs::read(dir.join("small.script")).unwrap();
    write(
        &dir,
        "small-replace.script",
        flag::SCRIPT | flag::DEFLATE | (2 << 3),
        &script[1..],
    );

    let dir = root.join("register_import");
    std::fs::create_dir_all(&dir).unwrap();
    println!("{}", dir.display());
    write(
        &dir,
        "template.xlsx",
        0,
        &midun::import::template_xlsx().unwrap(),
    );
    write(&dir, "template.csv", 1, &midun::import::template_csv());
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "代号",
            "事项",
            "名称*",
            "类别",
            "子类",
            "概述",
            "密级",
            "保密期限",
            "知悉范围",
            "责任部门",
            "责任人",
            "载体",
        ],
        vec![
            "MD-2026-101",
            "熬制工艺",
            "化皮工序要点",
            "技术信息",
            "工艺",
            "化皮阶段控制",
            "核心",
            "长期",
            "生产技术部:张建国,李秀英",
            "生产技术部",
            "张建国",
            "纸质文件、电子文件/数据",
        ],
        vec![
            "",
            "客户",
            "重点客户名单",
            "经营信息",
            "客户信息",
            "",
            "重要",
            "2030-12-31",
            "王明德；销售员",
            "总经理办公室",
            "王明德",
            "电子文件/数据",
        ],
        vec![
            "MD-2026-103",
            "",
            "配方比例",
            "技术信息",
            "配方",
            "",
            "一般",
            "公布前",
            "",
            "",
            "",
            "口头/技艺传承",
        ],
    ];
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write(r as u32, c as u16, *v).unwrap();
        }
    }
    sheet.write(3, 7, 47848.0).unwrap(); // a date cell as Excel stores it
    write(&dir, "rows.xlsx", 0, &book.save_to_buffer().unwrap());
    let csv: String = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    write(&dir, "rows.csv", 1, csv.as_bytes());
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&csv);
    assert!(!unmappable);
    assert_eq!(midun::import::decode_text(&gb).unwrap(), csv);
    write(&dir, "rows-gb18030.csv", 1, &gb);
}
