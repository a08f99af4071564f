//! The JSON the `midun` command line prints (`points --json`, `score
//! --json`, `catalog show --json`). It keeps the Chinese labels that
//! `docs/cli-json.md` documents: the wire codes the app uses are mapped to
//! their labels here, at the edge, and the results' codes worded by the
//! core's own Chinese (`Cap::zh`, `ScoreWarning::zh`).

use serde_json::Value;

use crate::catalogue::Catalogue;
use crate::error::{Error, Result};
use crate::model::wire::labels_json;
use crate::model::SecretPoint;
use crate::score::Score;

fn value<T: serde::Serialize>(t: &T) -> Result<Value> {
    serde_json::to_value(t).map_err(|e| Error::Io {
        detail: crate::error::json_detail(&e),
    })
}

/// `midun points --json`: the 密点 with category and status as labels.
pub fn points(points: &[SecretPoint]) -> Result<Value> {
    let mut v = value(&points)?;
    labels_json(&mut v, &["category", "status"]);
    Ok(v)
}

/// `midun score --json`: tier and result as labels, caps and warnings as
/// sentences, every status as its label.
pub fn score(s: &Score) -> Result<Value> {
    let mut v = value(s)?;
    v["tier"] = Value::from(s.tier.label());
    v["result"] = Value::from(s.verdict_zh());
    if let Some(map) = v.as_object_mut() {
        map.remove("verdict");
    }
    v["caps"] = s.caps.iter().map(|c| c.zh()).collect();
    v["warnings"] = s.warnings.iter().map(|w| w.zh()).collect();
    labels_json(&mut v, &["status", "answer", "suggested", "kind"]);
    Ok(v)
}

/// `midun catalog show --json`: the catalogue as its file holds it (the
/// quick check's statuses as labels), which `catalog check` reads back.
pub fn catalogue(c: &Catalogue) -> Result<String> {
    let mut v = value(c)?;
    labels_json(&mut v, &["status", "contradicts", "suggest"]);
    serde_json::to_string_pretty(&v).map_err(|e| Error::Io {
        detail: crate::error::json_detail(&e),
    })
}
