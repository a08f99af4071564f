//! What the integration tests share: a fresh temporary database, a store
//! with one enterprise, a 密点 added by name.

use std::path::PathBuf;

use midun::model::{Category, NewEnterprise, NewSecretPoint, SecretPoint};
use midun::Store;

/// A fresh temporary directory and a database path inside it.
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("midun.db");
    (dir, db)
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An unencrypted store in a fresh directory, its audit log naming 测试员,
/// with one enterprise called `name`: (directory, store, enterprise id).
pub fn store_with(name: &str) -> (tempfile::TempDir, Store, String) {
    let (dir, db) = temp_db();
    let mut s = Store::open(&db).expect("open");
    s.set_actor("测试员");
    let e = s
        .enterprises()
        .create(&NewEnterprise {
            name: name.into(),
            ..Default::default()
        })
        .expect("enterprise");
    (dir, s, e.id)
}

/// Add a technical 密点 of `level` (a generated 代号).
pub fn point(s: &Store, eid: &str, name: &str, level: &str) -> SecretPoint {
    s.points()
        .add(&NewSecretPoint {
            enterprise_id: eid.into(),
            code: None,
            name: name.into(),
            category: Category::Technical,
            level: level.into(),
        })
        .expect("point")
}

/// The text of every page of a PDF as poppler reads it (`pdftotext
/// -layout`, an independent reader): what a person reading the printout sees.
pub fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("r.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils; scripts/test installs it)");
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8(out.stdout).expect("UTF-8 text");
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// `text` without any whitespace: a phrase that wraps across lines or
/// table cells still reads as one.
pub fn flat(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of a Word document as its XML holds it: each paragraph on a
/// line, table cells separated by tabs, header and footer first. Field
/// results (page numbers) are read as cached.
pub fn docx_text(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a ZIP package");
    let mut parts: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).expect("entry").name().to_string())
        .filter(|n| n.starts_with("word/header") || n.starts_with("word/footer"))
        .collect();
    parts.sort();
    parts.push("word/document.xml".into());
    let mut out = String::new();
    for name in parts {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(&name).expect("part"), &mut xml)
            .expect("UTF-8 XML");
        out.push_str(&xml_text(&xml));
        out.push('\n');
    }
    out
}

/// The text of WordprocessingML: `<w:t>` contents, a tab for `<w:tab/>` and
/// between cells, a line per paragraph.
pub fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let Some(j) = rest[i..].find('>') else { break };
        let tag = &rest[i + 1..i + j];
        rest = &rest[i + j + 1..];
        let name = tag.split([' ', '/']).next().unwrap_or("");
        match name {
            "w:t" if !tag.ends_with('/') => {
                let end = rest.find("</w:t>").unwrap_or(rest.len());
                out.push_str(&unescape(&rest[..end]));
                rest = &rest[end..];
            }
            "w:tab" | "w:br" => out.push(if name == "w:tab" { '\t' } else { '\n' }),
            _ if tag == "/w:p" => out.push('\n'),
            _ if tag == "/w:tc" => out.push('\t'),
            _ => {}
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Open a document in LibreOffice headless and print it to PDF: the pages'
/// text as poppler reads them. `None` when LibreOffice is not installed,
/// unless `MIDUN_REQUIRE_OFFICE` is set (the test command sets it), which
/// makes a missing office suite a failure.
pub fn office_pages(bytes: &[u8], ext: &str) -> Option<Vec<String>> {
    let pdf = office_pdf(bytes, ext)?;
    Some(pdf_pages(&pdf))
}

/// The PDF LibreOffice headless prints of a document (see `office_pages`).
pub fn office_pdf(bytes: &[u8], ext: &str) -> Option<Vec<u8>> {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(soffice) = soffice else {
        assert!(
            std::env::var_os("MIDUN_REQUIRE_OFFICE").is_none(),
            "LibreOffice is required (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui)"
        );
        return None;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(format!("d.{ext}"));
    std::fs::write(&file, bytes).expect("write document");
    // Its own profile: parallel tests must not share LibreOffice's lock.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    let out = std::process::Command::new(soffice)
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&file)
        .output()
        .expect("run LibreOffice");
    let pdf = dir.path().join("d.pdf");
    assert!(
        out.status.success() && pdf.exists(),
        "LibreOffice could not open the document: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(std::fs::read(pdf).expect("read PDF"))
}
