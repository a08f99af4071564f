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
