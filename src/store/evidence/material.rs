//! 佐证材料: add (入库 or 登记不入库), read, edit one field, delete, recheck.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::hashing::{self, file_name, hash_file, hash_if_present, shown};
use super::{past_date, Recheck};
use crate::error::{Error, Result};
use crate::store::audit::{self, Change};
use crate::store::{now_stamp, Store};

/// The largest file kept in the database as a copy (50 MiB); larger files
/// are registered instead (登记不入库).
pub const STORED_EVIDENCE_MAX_BYTES: u64 = 50 * 1024 * 1024;

crate::wire_enum! {
    /// The kind of a piece of evidence (spec §2); criteria list the kinds they
    /// accept.
    pub enum EvidenceKind {
        Rule = ("rule_doc", "制度文件"),
        Record = ("record", "记录台账"),
        Contract = ("contract", "合同协议"),
        Screenshot = ("screenshot", "系统截图"),
        Photo = ("photo", "现场照片"),
        Interview = ("interview", "访谈"),
    }
}

impl EvidenceKind {
    pub fn parse(s: &str) -> Result<EvidenceKind> {
        let t = s.trim();
        EvidenceKind::ALL
            .into_iter()
            .find(|k| k.label() == t || k.code() == t)
            .ok_or_else(|| Error::EvidenceKindInvalid {
                kind: t.to_string(),
                allowed: EvidenceKind::ALL.map(EvidenceKind::label).join("、"),
            })
    }
}

crate::wire_enum! {
    /// Where the file is: a copy in the database, or only registered.
    pub enum EvidenceStorage {
        /// A copy of the file's bytes is kept in the database.
        Stored = ("stored", "入库"),
        /// Only the path, size and SHA-256 are recorded (NDA scans, large files).
        Registered = ("registered", "登记不入库"),
    }
}

impl EvidenceStorage {}

/// What the user enters for a piece of evidence; the file comes as a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewEvidence {
    pub enterprise_id: String,
    pub title: String,
    pub kind: EvidenceKind,
    /// The date from which it is effective (not the upload date), as
    /// YYYY-MM-DD, YYYY/M/D or YYYY年M月D日; not after today.
    pub effective_on: String,
}

/// A piece of evidence as stored (without the bytes of a stored copy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    pub title: String,
    pub kind: EvidenceKind,
    /// YYYY-MM-DD.
    pub effective_on: String,
    pub storage: EvidenceStorage,
    /// The file's name without its directories.
    pub file_name: String,
    /// The full path, for 登记不入库 only.
    pub path: Option<String>,
    #[ts(type = "number")]
    pub size: i64,
    /// Lower-case hex.
    pub sha256: String,
    pub created_at: String,
    pub updated_at: String,
}

/// The fields of a piece of evidence edited one at a time. The file is not
/// among them: a new file is a new piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum EvidenceField {
    Title,
    Kind,
    EffectiveOn,
}

impl EvidenceField {
    fn column_and_label(self) -> (&'static str, &'static str) {
        match self {
            EvidenceField::Title => ("title", "标题"),
            EvidenceField::Kind => ("kind", "类型"),
            EvidenceField::EffectiveOn => ("effective_on", "生效日期"),
        }
    }
}

const COLUMNS: &str =
    "id, enterprise_id, title, kind, effective_on, storage, file_name, path, size,
    sha256, created_at, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<Evidence> {
    let kind: String = r.get(3)?;
    let storage: String = r.get(5)?;
    Ok(Evidence {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        title: r.get(2)?,
        // The table's CHECKs admit only the labels.
        kind: EvidenceKind::parse(&kind).unwrap_or(EvidenceKind::Record),
        effective_on: r.get(4)?,
        storage: if storage == EvidenceStorage::Registered.label() {
            EvidenceStorage::Registered
        } else {
            EvidenceStorage::Stored
        },
        file_name: r.get(6)?,
        path: r.get(7)?,
        size: r.get(8)?,
        sha256: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

pub(super) fn get(conn: &Connection, id: i64) -> Result<Evidence> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM evidence WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::EvidenceNotFound { id: id.to_string() })
}

/// How the audit log names a piece of evidence: never its path.
fn described(e: &Evidence) -> String {
    format!(
        "{}（{}，生效日期 {}，{}，文件 {}，SHA-256 {}）",
        e.title,
        e.kind.label(),
        e.effective_on,
        e.storage.label(),
        e.file_name,
        e.sha256
    )
}

fn check_title(title: &str) -> Result<String> {
    let t = title.trim();
    if t.is_empty() {
        return Err(Error::FieldInvalid {
            field: "佐证材料标题".into(),
            reason: "不能为空".into(),
        });
    }
    Ok(t.to_string())
}

impl Store {
    /// `store_up_to`: keep a copy of at most that many bytes; `None`: register.
    fn add_evidence(
        &self,
        input: &NewEvidence,
        path: &Path,
        today: NaiveDate,
        store_up_to: Option<u64>,
    ) -> Result<Evidence> {
        self.enterprises().get(&input.enterprise_id)?;
        let title = check_title(&input.title)?;
        let effective_on = past_date("生效日期", &input.effective_on, today)?;
        let (storage, kept_path) = match store_up_to {
            Some(_) => (EvidenceStorage::Stored, None),
            None => {
                let unreadable = |reason: &str| Error::FileUnreadable {
                    file: shown(path),
                    reason: reason.to_string(),
                };
                let abs = std::path::absolute(path).map_err(|_| unreadable("路径无效"))?;
                let text = abs
                    .to_str()
                    .ok_or_else(|| unreadable("路径含有无法记录的字符"))?
                    .to_string();
                (EvidenceStorage::Registered, Some(text))
            }
        };
        let hashed = hash_file(path, store_up_to)?;
        let name = file_name(path);
        let size = i64::try_from(hashed.size).unwrap_or(i64::MAX);
        let eid = input.enterprise_id.clone();
        let kind = input.kind;
        let id = self.write(|tx, who| {
            let now = now_stamp();
            tx.execute(
                "INSERT INTO evidence (enterprise_id, title, kind, effective_on, storage, file_name, path,
                    size, sha256, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![
                    eid,
                    title,
                    kind.label(),
                    effective_on,
                    storage.label(),
                    name,
                    kept_path,
                    size,
                    hashed.sha256,
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            if let Some(bytes) = &hashed.bytes {
                tx.execute("INSERT INTO evidence_blob (evidence_id, bytes) VALUES (?1, ?2)", params![id, bytes])?;
            }
            let e = get(tx, id)?;
            crate::store::field::record_added(tx, who, &eid, "佐证材料", id.to_string(), described(&e))?;
            Ok(id)
        })?;
        get(&self.conn, id)
    }
}

impl crate::store::handles::EvidenceStore<'_> {
    /// Add evidence and keep a copy of the file in the database (at most
    /// `STORED_EVIDENCE_MAX_BYTES`; larger files are refused with a hint to
    /// register them instead).
    pub fn add_stored(
        &self,
        input: &NewEvidence,
        path: &Path,
        today: NaiveDate,
    ) -> Result<Evidence> {
        self.add_evidence(input, path, today, Some(STORED_EVIDENCE_MAX_BYTES))
    }

    /// Add evidence that stays where it is (登记不入库): its path, size and
    /// SHA-256 are recorded, its bytes are not.
    pub fn add_registered(
        &self,
        input: &NewEvidence,
        path: &Path,
        today: NaiveDate,
    ) -> Result<Evidence> {
        self.add_evidence(input, path, today, None)
    }

    pub fn get(&self, id: i64) -> Result<Evidence> {
        get(&self.conn, id)
    }

    /// The enterprise's evidence, by effective date.
    pub fn list(&self, enterprise_id: &str) -> Result<Vec<Evidence>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM evidence WHERE enterprise_id = ?1 ORDER BY effective_on, id"
        ))?;
        let rows = st.query_map([enterprise_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The bytes of a stored copy (入库). Registered evidence has none.
    pub fn bytes(&self, id: i64) -> Result<Vec<u8>> {
        let e = get(&self.conn, id)?;
        self.conn
            .query_row(
                "SELECT bytes FROM evidence_blob WHERE evidence_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::EvidenceNotStored { title: e.title })
    }

    /// Is the file still the one recorded? For 登记不入库, the file at the
    /// recorded path is hashed again (a missing file is a result:
    /// `actual_sha256: None`); for a stored copy, the copy in the database.
    pub fn recheck(&self, id: i64) -> Result<Recheck> {
        let e = get(&self.conn, id)?;
        let actual = match &e.path {
            Some(p) => hash_if_present(Path::new(p))?,
            None => Some(hashing::sha256_hex(&self.evidence().bytes(id)?)),
        };
        Ok(Recheck::new(&e.sha256, actual))
    }

    /// Change one field of a piece of evidence (one transaction, one audit
    /// entry). The effective date may not be after `today`.
    pub fn update(
        &self,
        id: i64,
        field: EvidenceField,
        value: &str,
        today: NaiveDate,
    ) -> Result<Evidence> {
        let e = get(&self.conn, id)?;
        let (column, label) = field.column_and_label();
        let (old, new) = match field {
            EvidenceField::Title => (e.title.clone(), check_title(value)?),
            EvidenceField::Kind => (
                e.kind.label().to_string(),
                EvidenceKind::parse(value)?.label().to_string(),
            ),
            EvidenceField::EffectiveOn => (e.effective_on.clone(), past_date(label, value, today)?),
        };
        if old == new {
            return Ok(e);
        }
        self.write(|tx, who| {
            tx.execute(
                &format!("UPDATE evidence SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
                params![id, new, now_stamp()],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&e.enterprise_id),
                    action: "修改",
                    entity: "佐证材料",
                    entity_id: id.to_string(),
                    field: Some(label),
                    old: Some(old),
                    new: Some(new.clone()),
                },
            )
        })?;
        get(&self.conn, id)
    }

    /// Delete a piece of evidence with its stored copy and its links. A
    /// registered file is left where it is.
    pub fn delete(&self, id: i64) -> Result<()> {
        let e = get(&self.conn, id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM evidence WHERE id = ?1", [id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&e.enterprise_id),
                    action: "删除",
                    entity: "佐证材料",
                    entity_id: id.to_string(),
                    field: None,
                    old: Some(described(&e)),
                    new: None,
                },
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewEnterprise;

    #[test]
    fn the_stored_copy_limit_is_inclusive() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("m.db")).unwrap();
        let ent = s
            .enterprises()
            .create(&NewEnterprise {
                name: "甲".into(),
                ..Default::default()
            })
            .unwrap();
        let f = dir.path().join("f.txt");
        std::fs::write(&f, b"abc").unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let input = NewEvidence {
            enterprise_id: ent.id.clone(),
            title: "制度".into(),
            kind: EvidenceKind::Rule,
            effective_on: "2026-01-01".into(),
        };
        let e = s.add_evidence(&input, &f, today, Some(3)).unwrap();
        assert_eq!(s.evidence().bytes(e.id).unwrap(), b"abc");
        let err = s.add_evidence(&input, &f, today, Some(2)).unwrap_err();
        assert_eq!(err.code(), "EVIDENCE_FILE_TOO_LARGE");
        assert!(
            err.to_string().contains("f.txt") && err.to_string().contains("登记不入库"),
            "{err}"
        );
        assert_eq!(s.evidence().list(&ent.id).unwrap().len(), 1);
    }
}
