//! 佐证材料 (stored and 登记不入库), their links, 文件指纹, the hash manifest
//! and 存证 certificates.

use std::path::PathBuf;

use chrono::NaiveDate;
use midun::model::{Category, NewEnterprise, NewSecretPoint};
use midun::store::{
    EvidenceField, EvidenceKind, EvidenceStorage, EvidenceTargetKind, NewCertificate, NewEvidence,
    NewRound, STORED_EVIDENCE_MAX_BYTES,
};
use midun::Store;
use sha2::{Digest, Sha256};

const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
}

struct Env {
    dir: tempfile::TempDir,
    db: PathBuf,
    s: Store,
    eid: String,
}

impl Env {
    fn new() -> Env {
        let (dir, s, eid) = crate::fixtures::store_with("甲公司");
        let db = s.path().to_path_buf();
        Env { dir, db, s, eid }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn point(&mut self, code: &str) -> i64 {
        let eid = self.eid.clone();
        point_of(&mut self.s, &eid, code)
    }

    fn input(&self, title: &str, effective_on: &str) -> NewEvidence {
        NewEvidence {
            enterprise_id: self.eid.clone(),
            title: title.into(),
            kind: EvidenceKind::Rule,
            effective_on: effective_on.into(),
        }
    }

    /// Every audit entry of the enterprise as one text, to look for paths.
    fn audit_text(&self) -> String {
        serde_json::to_string(&self.s.audit().log(Some(&self.eid)).unwrap()).unwrap()
    }
}

fn point_of(s: &mut Store, eid: &str, code: &str) -> i64 {
    s.points()
        .add(&NewSecretPoint {
            enterprise_id: eid.into(),
            code: Some(code.into()),
            name: format!("密点{code}"),
            category: Category::Technical,
            level: "核心商密".into(),
        })
        .unwrap()
        .id
}

fn hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[test]
fn sha256_matches_the_known_vectors_streaming_across_chunks() {
    let mut env = Env::new();
    let abc = env.file("abc.txt", b"abc");
    let e = env
        .s
        .evidence()
        .add_stored(&env.input("保密制度", "2026-01-01"), &abc, today())
        .unwrap();
    assert_eq!(e.sha256, ABC_SHA256);
    assert_eq!(e.size, 3);
    let empty = env.file("empty.txt", b"");
    let e = env
        .s
        .evidence()
        .add_registered(&env.input("空文件", "2026-01-01"), &empty, today())
        .unwrap();
    assert_eq!(
        e.sha256,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(e.size, 0);
    // Larger than one read buffer, not a multiple of it.
    let big: Vec<u8> = (0..300_001u32).map(|i| (i % 251) as u8).collect();
    let bigp = env.file("big.bin", &big);
    let p = env.point("MD-1");
    let f = env.s.fingerprints().add_file(p, &bigp).unwrap();
    assert_eq!(f.sha256, hex(&big));
    assert_eq!(f.size, 300_001);
    let e = env
        .s
        .evidence()
        .add_stored(&env.input("大文件", "2026-01-01"), &bigp, today())
        .unwrap();
    assert_eq!(e.sha256, hex(&big));
    assert_eq!(env.s.evidence().bytes(e.id).unwrap(), big);
}

#[test]
fn stored_evidence_keeps_a_copy_and_registered_evidence_only_its_path() {
    let env = Env::new();
    let f = env.file("制度.txt", b"abc");
    let stored = env
        .s
        .evidence()
        .add_stored(&env.input("保密制度", "2026/3/1"), &f, today())
        .unwrap();
    assert_eq!(stored.storage, EvidenceStorage::Stored);
    assert_eq!(stored.path, None);
    assert_eq!(stored.file_name, "制度.txt");
    assert_eq!(stored.effective_on, "2026-03-01");
    assert_eq!(stored.kind, EvidenceKind::Rule);

    let nda = env.file("nda-scan.pdf", b"NDA with ID number");
    let mut input = env.input("保密协议扫描件", "2026年2月1日");
    input.kind = EvidenceKind::Contract;
    let reg = env
        .s
        .evidence()
        .add_registered(&input, &nda, today())
        .unwrap();
    assert_eq!(reg.storage, EvidenceStorage::Registered);
    assert_eq!(reg.path.as_deref(), Some(nda.to_str().unwrap()));
    assert_eq!(reg.file_name, "nda-scan.pdf");
    assert_eq!(reg.size, 18);
    assert_eq!(
        env.s.evidence().bytes(reg.id).unwrap_err().code(),
        "EVIDENCE_NOT_STORED"
    );

    // JSON carries the wire codes; the labels are the locale's.
    let v = serde_json::to_value(&reg).unwrap();
    assert_eq!(v["kind"], "contract");
    assert_eq!(v["storage"], "registered");
    assert_eq!(v["effectiveOn"], "2026-02-01");

    // The copy survives the original file and a reopen; listings are by
    // effective date.
    std::fs::remove_file(&f).unwrap();
    let Env {
        dir: _dir,
        db,
        s,
        eid,
    } = env;
    drop(s);
    let s = Store::open(&db).unwrap();
    assert_eq!(s.evidence().bytes(stored.id).unwrap(), b"abc");
    let r = s.evidence().recheck(stored.id).unwrap();
    assert!(r.matches);
    assert_eq!(r.actual_sha256.as_deref(), Some(ABC_SHA256));
    let titles: Vec<String> = s
        .evidence()
        .list(&eid)
        .unwrap()
        .into_iter()
        .map(|e| e.title)
        .collect();
    assert_eq!(titles, ["保密协议扫描件", "保密制度"]);
    assert_eq!(s.evidence().get(reg.id).unwrap(), reg);
    assert_eq!(
        s.evidence().get(999).unwrap_err().code(),
        "EVIDENCE_NOT_FOUND"
    );
}

#[test]
fn files_over_the_limit_are_refused_with_a_hint_to_register_them() {
    let env = Env::new();
    assert_eq!(STORED_EVIDENCE_MAX_BYTES, 50 * 1024 * 1024);
    // A sparse file: 50 MiB + 1 byte long without writing 50 MiB.
    let p = env.dir.path().join("监控录像.mp4");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(STORED_EVIDENCE_MAX_BYTES + 1).unwrap();
    drop(f);
    let before = env.s.audit().log(Some(&env.eid)).unwrap().len();
    let err = env
        .s
        .evidence()
        .add_stored(&env.input("监控录像", "2026-01-01"), &p, today())
        .unwrap_err();
    assert_eq!(err.code(), "EVIDENCE_FILE_TOO_LARGE");
    let msg = err.to_string();
    assert!(
        msg.contains("监控录像.mp4") && msg.contains("登记不入库") && msg.contains("50 MB"),
        "{msg}"
    );
    assert!(env.s.evidence().list(&env.eid).unwrap().is_empty());
    assert_eq!(env.s.audit().log(Some(&env.eid)).unwrap().len(), before);
}

#[test]
fn effective_dates_after_today_and_unreadable_files_are_refused() {
    let mut env = Env::new();
    let f = env.file("a.txt", b"abc");
    let err = env
        .s
        .evidence()
        .add_stored(&env.input("制度", "2026-05-02"), &f, today())
        .unwrap_err();
    assert_eq!(err.code(), "DATE_IN_FUTURE");
    assert!(err.to_string().contains("生效日期"), "{err}");
    let err = env
        .s
        .evidence()
        .add_registered(&env.input("制度", "2026-13-01"), &f, today())
        .unwrap_err();
    assert_eq!(err.code(), "FIELD_INVALID");
    let err = env
        .s
        .evidence()
        .add_stored(&env.input("  ", "2026-01-01"), &f, today())
        .unwrap_err();
    assert_eq!(err.code(), "FIELD_INVALID");
    // Today itself is fine.
    let e = env
        .s
        .evidence()
        .add_stored(&env.input("制度", "2026-05-01"), &f, today())
        .unwrap();
    let err = env
        .s
        .evidence()
        .update(e.id, EvidenceField::EffectiveOn, "2027-01-01", today())
        .unwrap_err();
    assert_eq!(err.code(), "DATE_IN_FUTURE");
    assert_eq!(
        env.s.evidence().get(e.id).unwrap().effective_on,
        "2026-05-01"
    );

    let missing = env.dir.path().join("不存在的文件.pdf");
    for r in [
        env.s
            .evidence()
            .add_stored(&env.input("缺", "2026-01-01"), &missing, today()),
        env.s
            .evidence()
            .add_registered(&env.input("缺", "2026-01-01"), &missing, today()),
    ] {
        let err = r.unwrap_err();
        assert_eq!(err.code(), "FILE_UNREADABLE");
        assert!(
            err.to_string().contains("不存在的文件.pdf") && err.to_string().contains("文件不存在"),
            "{err}"
        );
    }
    let err = env
        .s
        .evidence()
        .add_stored(&env.input("目录", "2026-01-01"), env.dir.path(), today())
        .unwrap_err();
    assert_eq!(err.code(), "FILE_UNREADABLE");
    let p = env.point("MD-1");
    assert_eq!(
        env.s
            .fingerprints()
            .add_file(p, &missing)
            .unwrap_err()
            .code(),
        "FILE_UNREADABLE"
    );
    let other = NewEvidence {
        enterprise_id: "nobody".into(),
        ..env.input("制度", "2026-01-01")
    };
    assert_eq!(
        env.s
            .evidence()
            .add_stored(&other, &f, today())
            .unwrap_err()
            .code(),
        "ENTERPRISE_NOT_FOUND"
    );
    assert_eq!(env.s.evidence().list(&env.eid).unwrap().len(), 1);
}

#[test]
fn recheck_tells_a_changed_and_a_missing_registered_file() {
    let env = Env::new();
    let f = env.file("台账.xlsx", b"abc");
    let e = env
        .s
        .evidence()
        .add_registered(&env.input("台账", "2026-01-01"), &f, today())
        .unwrap();
    let r = env.s.evidence().recheck(e.id).unwrap();
    assert!(r.matches);
    assert_eq!(r.expected_sha256, ABC_SHA256);
    std::fs::write(&f, b"abd").unwrap();
    let r = env.s.evidence().recheck(e.id).unwrap();
    assert!(!r.matches);
    assert_eq!(r.expected_sha256, ABC_SHA256);
    assert_eq!(r.actual_sha256, Some(hex(b"abd")));
    std::fs::remove_file(&f).unwrap();
    let r = env.s.evidence().recheck(e.id).unwrap();
    assert!(!r.matches);
    assert_eq!(r.actual_sha256, None);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["expectedSha256"], ABC_SHA256);
    assert!(v["actualSha256"].is_null());
}

#[test]
fn edits_and_deletes_are_audited_without_paths() {
    let env = Env::new();
    let f = env.file("secret-folder-name.txt", b"abc");
    let e = env
        .s
        .evidence()
        .add_registered(&env.input("旧标题", "2026-01-01"), &f, today())
        .unwrap();
    let e2 = env
        .s
        .evidence()
        .update(e.id, EvidenceField::Title, " 新标题 ", today())
        .unwrap();
    assert_eq!(e2.title, "新标题");
    let e2 = env
        .s
        .evidence()
        .update(e.id, EvidenceField::Kind, "现场照片", today())
        .unwrap();
    assert_eq!(e2.kind, EvidenceKind::Photo);
    let e2 = env
        .s
        .evidence()
        .update(e.id, EvidenceField::EffectiveOn, "2026/4/30", today())
        .unwrap();
    assert_eq!(e2.effective_on, "2026-04-30");
    // An unchanged value writes nothing.
    let n = env.s.audit().log(Some(&env.eid)).unwrap().len();
    env.s
        .evidence()
        .update(e.id, EvidenceField::Title, "新标题", today())
        .unwrap();
    assert_eq!(env.s.audit().log(Some(&env.eid)).unwrap().len(), n);
    let err = env
        .s
        .evidence()
        .update(e.id, EvidenceField::Kind, "照片", today())
        .unwrap_err();
    assert_eq!(err.code(), "EVIDENCE_KIND_INVALID");
    assert!(err.to_string().contains("现场照片"), "{err}");
    env.s.evidence().delete(e.id).unwrap();
    assert_eq!(
        env.s.evidence().get(e.id).unwrap_err().code(),
        "EVIDENCE_NOT_FOUND"
    );
    assert_eq!(
        env.s.evidence().delete(e.id).unwrap_err().code(),
        "EVIDENCE_NOT_FOUND"
    );

    let log: Vec<_> = env
        .s
        .audit()
        .log(Some(&env.eid))
        .unwrap()
        .into_iter()
        .filter(|a| a.entity == "佐证材料")
        .collect();
    let summary: Vec<(&str, Option<&str>)> = log
        .iter()
        .map(|a| (a.action.as_str(), a.field.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            ("新增", None),
            ("修改", Some("标题")),
            ("修改", Some("类型")),
            ("修改", Some("生效日期")),
            ("删除", None)
        ]
    );
    assert!(log.iter().all(|a| a.entity_id == e.id.to_string()));
    let created = log[0].new.as_deref().unwrap();
    assert!(
        created.contains("旧标题")
            && created.contains(ABC_SHA256)
            && created.contains("secret-folder-name.txt")
    );
    assert_eq!(
        (log[1].old.as_deref(), log[1].new.as_deref()),
        (Some("旧标题"), Some("新标题"))
    );
    assert_eq!(
        (log[2].old.as_deref(), log[2].new.as_deref()),
        (Some("制度文件"), Some("现场照片"))
    );
    assert!(log[4].old.as_deref().unwrap().contains("新标题"));
    // The file's directory never reaches the log.
    let dir = env.dir.path().to_str().unwrap();
    assert!(!env.audit_text().contains(dir));
    assert!(env.s.audit().check().unwrap().is_empty());
}

#[test]
fn evidence_links_to_records_of_its_enterprise() {
    let mut env = Env::new();
    let f = env.file("a.txt", b"abc");
    let e = env
        .s
        .evidence()
        .add_stored(&env.input("培训签到表", "2026-01-01"), &f, today())
        .unwrap();
    let e2 = env
        .s
        .evidence()
        .add_stored(&env.input("早先的制度", "2025-06-01"), &f, today())
        .unwrap();
    let p = env.point("MD-1");
    let round = env
        .s
        .rounds()
        .start(&NewRound {
            enterprise_id: env.eid.clone(),
            catalogue_id: "default".into(),
            catalogue_version: "1".into(),
            base_date: "2026-04-30".into(),
            filler: "张三".into(),
            reviewer: "李四".into(),
        })
        .unwrap();
    let answer = format!("{}/C-01", round.id);

    env.s
        .evidence()
        .link(e.id, EvidenceTargetKind::SecretPoint, &p.to_string())
        .unwrap();
    env.s
        .evidence()
        .link(
            e.id,
            EvidenceTargetKind::Answer,
            &format!(" {} / C-01 ", round.id),
        )
        .unwrap();
    env.s
        .evidence()
        .link(e2.id, EvidenceTargetKind::Answer, &answer)
        .unwrap();
    env.s
        .evidence()
        .link(e.id, EvidenceTargetKind::Training, "T-7")
        .unwrap();
    // Linking again changes nothing and writes nothing.
    let n = env.s.audit().log(Some(&env.eid)).unwrap().len();
    env.s
        .evidence()
        .link(e.id, EvidenceTargetKind::Training, "T-7")
        .unwrap();
    assert_eq!(env.s.audit().log(Some(&env.eid)).unwrap().len(), n);

    let titles = |s: &Store, k, id: &str| -> Vec<String> {
        s.evidence()
            .of_target(k, id)
            .unwrap()
            .into_iter()
            .map(|e| e.title)
            .collect()
    };
    assert_eq!(
        titles(&env.s, EvidenceTargetKind::Answer, &answer),
        ["早先的制度", "培训签到表"]
    );
    assert_eq!(
        titles(&env.s, EvidenceTargetKind::SecretPoint, &p.to_string()),
        ["培训签到表"]
    );
    assert!(titles(&env.s, EvidenceTargetKind::Incident, "T-7").is_empty());
    let links = env.s.evidence().links(e.id).unwrap();
    assert_eq!(links.len(), 3);
    let v = serde_json::to_value(&links).unwrap();
    let kinds: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["targetKind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["answer", "secret_point", "training"]);
    assert_eq!(v[0]["targetId"], answer);

    // Targets of another enterprise, unknown targets, malformed ids.
    let other = env
        .s
        .enterprises()
        .create(&NewEnterprise {
            name: "乙公司".into(),
            ..Default::default()
        })
        .unwrap();
    let foreign = point_of(&mut env.s, &other.id, "MD-9");
    for (kind, id) in [
        (EvidenceTargetKind::SecretPoint, foreign.to_string()),
        (EvidenceTargetKind::SecretPoint, "9999".to_string()),
        (EvidenceTargetKind::SecretPoint, "MD-1".to_string()),
        (EvidenceTargetKind::Answer, "C-01".to_string()),
        (EvidenceTargetKind::Answer, format!("{}/", round.id)),
        (EvidenceTargetKind::Answer, "9999/C-01".to_string()),
        (EvidenceTargetKind::Approval, "1".to_string()),
        (EvidenceTargetKind::Agreement, "  ".to_string()),
    ] {
        let err = env.s.evidence().link(e.id, kind, &id).unwrap_err();
        assert_eq!(err.code(), "EVIDENCE_TARGET_INVALID", "{kind:?} {id}");
    }
    assert_eq!(
        EvidenceTargetKind::parse("exit_record").unwrap(),
        EvidenceTargetKind::ExitRecord
    );
    assert_eq!(
        EvidenceTargetKind::parse("离职").unwrap_err().code(),
        "EVIDENCE_TARGET_KIND_INVALID"
    );

    env.s
        .evidence()
        .unlink(e.id, EvidenceTargetKind::Training, "T-7")
        .unwrap();
    let err = env
        .s
        .evidence()
        .unlink(e.id, EvidenceTargetKind::Training, "T-7")
        .unwrap_err();
    assert_eq!(err.code(), "EVIDENCE_LINK_NOT_FOUND");
    assert_eq!(env.s.evidence().links(e.id).unwrap().len(), 2);
    // Deleting the evidence takes its links.
    env.s.evidence().delete(e.id).unwrap();
    assert_eq!(
        titles(&env.s, EvidenceTargetKind::Answer, &answer),
        ["早先的制度"]
    );
    assert!(titles(&env.s, EvidenceTargetKind::SecretPoint, &p.to_string()).is_empty());

    let log = env.s.audit().log(Some(&env.eid)).unwrap();
    let links: Vec<_> = log
        .iter()
        .filter(|a| a.field.as_deref() == Some("关联"))
        .collect();
    assert_eq!(links.len(), 5);
    assert_eq!(links[0].new.as_deref(), Some(format!("密点 {p}").as_str()));
    assert_eq!(links[4].old.as_deref(), Some("培训记录 T-7"));
    assert!(env.s.audit().check().unwrap().is_empty());
}

#[test]
fn fingerprints_keep_the_file_name_never_the_path() {
    let mut env = Env::new();
    let p1 = env.point("MD-2");
    let p2 = env.point("MD-1");
    let sub = env.dir.path().join("机密目录");
    std::fs::create_dir(&sub).unwrap();
    let f = sub.join("工艺卡.pdf");
    std::fs::write(&f, b"abc").unwrap();
    let fp = env.s.fingerprints().add_file(p1, &f).unwrap();
    assert_eq!(
        (fp.point_id, fp.point_code.as_str(), fp.file_name.as_str()),
        (p1, "MD-2", "工艺卡.pdf")
    );
    assert_eq!((fp.size, fp.sha256.as_str()), (3, ABC_SHA256));
    assert!(fp.computed_at.ends_with('Z'));
    let g = env.file("配方.docx", b"recipe");
    let fp2 = env.s.fingerprints().add_file(p2, &g).unwrap();
    let fp3 = env.s.fingerprints().add_file(p1, &g).unwrap();

    assert_eq!(
        env.s.fingerprints().list(p1).unwrap(),
        [fp.clone(), fp3.clone()]
    );
    let all: Vec<i64> = env
        .s
        .fingerprints()
        .of_enterprise(&env.eid)
        .unwrap()
        .iter()
        .map(|f| f.id)
        .collect();
    assert_eq!(all, [fp2.id, fp.id, fp3.id]);
    assert!(!serde_json::to_string(&fp).unwrap().contains("机密目录"));
    assert_eq!(
        env.s.fingerprints().list(999).unwrap_err().code(),
        "SECRET_POINT_NOT_FOUND"
    );
    assert_eq!(
        env.s.fingerprints().add_file(999, &g).unwrap_err().code(),
        "SECRET_POINT_NOT_FOUND"
    );

    env.s.fingerprints().delete(fp3.id).unwrap();
    assert_eq!(
        env.s.fingerprints().get(fp3.id).unwrap_err().code(),
        "FINGERPRINT_NOT_FOUND"
    );
    let log: Vec<_> = env
        .s
        .audit()
        .log(Some(&env.eid))
        .unwrap()
        .into_iter()
        .filter(|a| a.entity == "文件指纹")
        .collect();
    let actions: Vec<&str> = log.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["新增", "新增", "新增", "删除"]);
    assert!(
        log[0].new.as_deref().unwrap().contains("MD-2")
            && log[0].new.as_deref().unwrap().contains(ABC_SHA256)
    );
    assert!(!env.audit_text().contains("机密目录"));
    assert!(!env.audit_text().contains("存证"));
    assert!(env.s.audit().check().unwrap().is_empty());
}

#[test]
fn the_hash_manifest_is_exact() {
    let mut env = Env::new();
    // Inserted out of order; the 代号 with a comma must be quoted.
    let b = env.point("MD-B");
    let a = env.point("A,1");
    let fa = env.file("abc.txt", b"abc");
    let fb = env.file("终版\"报告\",v2.txt", b"recipe");
    env.s.fingerprints().add_file(b, &fb).unwrap();
    env.s.fingerprints().add_file(a, &fa).unwrap();
    let rb = hex(b"recipe");

    // The last row is the audit chain's head: time-stamping the manifest
    // anchors the log too.
    let anchor = env.s.audit().head(Some(&env.eid)).unwrap().anchor();
    let plain = env.s.fingerprints().manifest_csv(&env.eid, false).unwrap();
    assert_eq!(
        plain,
        format!("\u{feff}代号,SHA-256\r\n\"A,1\",{ABC_SHA256}\r\nMD-B,{rb}\r\n操作记录校验值,{anchor}\r\n")
    );
    assert!(!plain.contains("abc.txt"));
    let named = env.s.fingerprints().manifest_csv(&env.eid, true).unwrap();
    assert_eq!(
        named,
        format!(
            "\u{feff}代号,SHA-256,文件名\r\n\"A,1\",{ABC_SHA256},abc.txt\r\nMD-B,{rb},\"终版\"\"报告\"\",v2.txt\"\r\n操作记录校验值,{anchor},\r\n"
        )
    );
    assert!(named.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));

    // An enterprise without fingerprints: the header only.
    let other = env
        .s
        .enterprises()
        .create(&NewEnterprise {
            name: "乙公司".into(),
            ..Default::default()
        })
        .unwrap();
    let anchor = env.s.audit().head(Some(&other.id)).unwrap().anchor();
    assert_eq!(
        env.s.fingerprints().manifest_csv(&other.id, false).unwrap(),
        format!("\u{feff}代号,SHA-256\r\n操作记录校验值,{anchor}\r\n")
    );
    assert_eq!(
        env.s
            .fingerprints()
            .manifest_csv("nobody", false)
            .unwrap_err()
            .code(),
        "ENTERPRISE_NOT_FOUND"
    );
}

#[test]
fn the_hash_manifest_runs_no_formula_when_opened_in_excel() {
    let mut env = Env::new();
    let p = env.point("MD-F");
    let f = env.file("=HYPERLINK(\"x\").txt", b"abc");
    env.s.fingerprints().add_file(p, &f).unwrap();
    let named = env.s.fingerprints().manifest_csv(&env.eid, true).unwrap();
    let row = named.lines().nth(1).unwrap();
    assert!(row.ends_with("'=HYPERLINK(\"\"x\"\").txt\""), "{row}");
    assert!(!row.contains(",=") && !row.contains(",\"="), "{row}");
}

fn certificate(fingerprint_id: i64, sha256: &str) -> NewCertificate {
    NewCertificate {
        fingerprint_id,
        number: "TSA-2026-000123".into(),
        issuer: "某可信时间戳服务中心".into(),
        issued_on: "2026-04-02".into(),
        sha256: sha256.into(),
    }
}

#[test]
fn certificates_must_cover_the_fingerprint_and_recheck_the_file() {
    let mut env = Env::new();
    let p = env.point("MD-1");
    let f = env.file("工艺卡.pdf", b"abc");
    let fp = env.s.fingerprints().add_file(p, &f).unwrap();

    // The hash as a certificate prints it: upper case, grouped.
    let printed = ABC_SHA256
        .to_uppercase()
        .as_bytes()
        .chunks(8)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(" ");
    let c = env
        .s
        .fingerprints()
        .add_certificate(&certificate(fp.id, &printed), today())
        .unwrap();
    assert_eq!(c.sha256, ABC_SHA256);
    assert_eq!(
        (c.fingerprint_id, c.point_id, c.issued_on.as_str()),
        (fp.id, p, "2026-04-02")
    );
    assert_eq!(
        env.s.fingerprints().certificates(p).unwrap(),
        std::slice::from_ref(&c)
    );
    assert_eq!(env.s.fingerprints().certificate(c.id).unwrap(), c);

    let err = env
        .s
        .fingerprints()
        .add_certificate(&certificate(fp.id, &hex(b"abd")), today())
        .unwrap_err();
    assert_eq!(err.code(), "CERTIFICATE_HASH_MISMATCH");
    assert!(
        err.to_string().contains(&hex(b"abd")) && err.to_string().contains(ABC_SHA256),
        "{err}"
    );
    assert_eq!(
        env.s
            .fingerprints()
            .add_certificate(&certificate(fp.id, "abc"), today())
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
    let future = NewCertificate {
        issued_on: "2026-05-02".into(),
        ..certificate(fp.id, ABC_SHA256)
    };
    assert_eq!(
        env.s
            .fingerprints()
            .add_certificate(&future, today())
            .unwrap_err()
            .code(),
        "DATE_IN_FUTURE"
    );
    let no_issuer = NewCertificate {
        issuer: " ".into(),
        ..certificate(fp.id, ABC_SHA256)
    };
    assert_eq!(
        env.s
            .fingerprints()
            .add_certificate(&no_issuer, today())
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
    let nowhere = certificate(999, ABC_SHA256);
    assert_eq!(
        env.s
            .fingerprints()
            .add_certificate(&nowhere, today())
            .unwrap_err()
            .code(),
        "FINGERPRINT_NOT_FOUND"
    );
    assert_eq!(env.s.fingerprints().certificates(p).unwrap().len(), 1);

    // The file as certified, changed, gone.
    assert!(
        env.s
            .fingerprints()
            .recheck_certificate(c.id, &f)
            .unwrap()
            .matches
    );
    let copy = env.file("copy-of-card.pdf", b"abc");
    assert!(
        env.s
            .fingerprints()
            .recheck_certificate(c.id, &copy)
            .unwrap()
            .matches
    );
    std::fs::write(&f, b"abc ").unwrap();
    let r = env.s.fingerprints().recheck_certificate(c.id, &f).unwrap();
    assert!(!r.matches);
    assert_eq!(r.actual_sha256, Some(hex(b"abc ")));
    std::fs::remove_file(&f).unwrap();
    let r = env.s.fingerprints().recheck_certificate(c.id, &f).unwrap();
    assert_eq!((r.matches, r.actual_sha256), (false, None));
    assert_eq!(
        env.s
            .fingerprints()
            .recheck_certificate(999, &copy)
            .unwrap_err()
            .code(),
        "CERTIFICATE_NOT_FOUND"
    );

    // A fingerprint with a certificate is kept until the certificate goes.
    let err = env.s.fingerprints().delete(fp.id).unwrap_err();
    assert_eq!(err.code(), "FINGERPRINT_HAS_CERTIFICATES");
    assert!(err.to_string().contains("工艺卡.pdf"), "{err}");
    env.s.fingerprints().delete_certificate(c.id).unwrap();
    env.s.fingerprints().delete(fp.id).unwrap();

    let log: Vec<_> = env
        .s
        .audit()
        .log(Some(&env.eid))
        .unwrap()
        .into_iter()
        .filter(|a| a.entity == "存证记录")
        .collect();
    assert_eq!(
        log.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
        ["新增", "复核", "复核", "复核", "复核", "删除"],
        "each re-check is recorded"
    );
    let new = log[0].new.as_deref().unwrap();
    assert!(
        new.contains("TSA-2026-000123")
            && new.contains("某可信时间戳服务中心")
            && new.contains(ABC_SHA256),
        "{new}"
    );
    assert!(env.s.audit().check().unwrap().is_empty());
}

#[test]
fn deleting_a_point_or_an_enterprise_takes_its_records() {
    let mut env = Env::new();
    let p = env.point("MD-1");
    let f = env.file("a.txt", b"abc");
    let fp = env.s.fingerprints().add_file(p, &f).unwrap();
    let c = env
        .s
        .fingerprints()
        .add_certificate(&certificate(fp.id, ABC_SHA256), today())
        .unwrap();
    env.s.points().delete(p).unwrap();
    assert_eq!(
        env.s.fingerprints().get(fp.id).unwrap_err().code(),
        "FINGERPRINT_NOT_FOUND"
    );
    assert_eq!(
        env.s.fingerprints().certificate(c.id).unwrap_err().code(),
        "CERTIFICATE_NOT_FOUND"
    );

    let e = env
        .s
        .evidence()
        .add_stored(&env.input("制度", "2026-01-01"), &f, today())
        .unwrap();
    let eid = env.eid.clone();
    env.s.enterprises().delete(&eid).unwrap();
    assert_eq!(
        env.s.evidence().get(e.id).unwrap_err().code(),
        "EVIDENCE_NOT_FOUND"
    );
    assert_eq!(
        env.s.evidence().bytes(e.id).unwrap_err().code(),
        "EVIDENCE_NOT_FOUND"
    );
    assert!(env.s.audit().check().unwrap().is_empty());
    assert!(f.exists());
}
