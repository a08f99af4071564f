//! 知悉范围: who knows a 密点, as named people from the register or roles.
//! Courts judge access from post, duties and contact with carriers, so the
//! list should name real people where it can (SPC 2020 Art. 12).

use rusqlite::{params, Connection};
use serde::Serialize;

use super::person::person_of;
use crate::error::Result;
use crate::model::{SecretPoint, Status};
use crate::store::audit::{self, Change};
use crate::store::secret_point::get_point;

/// The access list of one 密点.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PointAccess {
    #[ts(type = "number")]
    pub point_id: i64,
    /// Named people from the register, in the order of their ids.
    #[ts(type = "number[]")]
    pub person_ids: Vec<i64>,
    /// Roles (e.g. 工艺员), in the order given.
    pub roles: Vec<String>,
}

fn read_access(conn: &Connection, point_id: i64) -> Result<PointAccess> {
    let person_ids = conn
        .prepare(
            "SELECT person_id FROM point_access WHERE point_id = ?1 AND person_id IS NOT NULL
             ORDER BY person_id",
        )?
        .query_map([point_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let roles = conn
        .prepare(
            "SELECT role FROM point_access WHERE point_id = ?1 AND role IS NOT NULL ORDER BY id",
        )?
        .query_map([point_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PointAccess {
        point_id,
        person_ids,
        roles,
    })
}

/// The list as the audit log shows it: names, then roles.
fn describe(conn: &Connection, a: &PointAccess) -> Result<String> {
    let mut names = Vec::new();
    for id in &a.person_ids {
        let n: String =
            conn.query_row("SELECT name FROM person WHERE id = ?1", [id], |r| r.get(0))?;
        names.push(format!("{n}（{id}）"));
    }
    Ok(format!(
        "人员：{}；角色：{}",
        if names.is_empty() {
            "无".to_string()
        } else {
            names.join("、")
        },
        if a.roles.is_empty() {
            "无".to_string()
        } else {
            a.roles.join("、")
        },
    ))
}

impl crate::store::handles::Points<'_> {
    /// Replace the 知悉范围 of a 密点 (one transaction, one audit entry). Each
    /// person must be of the 密点's enterprise; empty roles are dropped and
    /// repeats kept once.
    pub fn set_access(
        &self,
        point_id: i64,
        people: &[i64],
        roles: &[String],
    ) -> Result<PointAccess> {
        let p = get_point(&self.conn, point_id)?;
        let mut ids: Vec<i64> = Vec::new();
        for id in people {
            person_of(&self.conn, &p.enterprise_id, *id)?;
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
        ids.sort_unstable();
        let mut rs: Vec<String> = Vec::new();
        for r in roles.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
            if !rs.iter().any(|x| x == r) {
                rs.push(r.to_string());
            }
        }
        let old = read_access(&self.conn, point_id)?;
        let new = PointAccess {
            point_id,
            person_ids: ids,
            roles: rs,
        };
        if old == new {
            return Ok(old);
        }
        self.write(|tx, who| {
            let old_text = describe(tx, &old)?;
            tx.execute("DELETE FROM point_access WHERE point_id = ?1", [point_id])?;
            for id in &new.person_ids {
                tx.execute(
                    "INSERT INTO point_access (point_id, person_id) VALUES (?1, ?2)",
                    params![point_id, id],
                )?;
            }
            for r in &new.roles {
                tx.execute(
                    "INSERT INTO point_access (point_id, role) VALUES (?1, ?2)",
                    params![point_id, r],
                )?;
            }
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&p.enterprise_id),
                    action: "修改",
                    entity: "知悉范围",
                    entity_id: p.code.clone(),
                    field: None,
                    old: Some(old_text),
                    new: Some(describe(tx, &new)?),
                },
            )
        })?;
        read_access(&self.conn, point_id)
    }

    /// The 知悉范围 of a 密点.
    pub fn access(&self, point_id: i64) -> Result<PointAccess> {
        get_point(&self.conn, point_id)?;
        read_access(&self.conn, point_id)
    }

    /// The 知悉范围 of every 密点 of an enterprise that has one, by point id
    /// (two queries, however many 密点: for registers and workbooks).
    pub fn access_of_enterprise(
        &self,
        enterprise_id: &str,
    ) -> Result<std::collections::HashMap<i64, PointAccess>> {
        let mut all: std::collections::HashMap<i64, PointAccess> = Default::default();
        let mut st = self.conn.prepare(
            "SELECT pa.point_id, pa.person_id, pa.role FROM point_access pa
             JOIN secret_point sp ON sp.id = pa.point_id
             WHERE sp.enterprise_id = ?1
             ORDER BY pa.point_id, pa.person_id IS NULL, pa.person_id, pa.id",
        )?;
        let rows = st.query_map([enterprise_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for row in rows {
            let (point_id, person, role) = row?;
            let a = all.entry(point_id).or_insert_with(|| PointAccess {
                point_id,
                person_ids: Vec::new(),
                roles: Vec::new(),
            });
            if let Some(p) = person {
                a.person_ids.push(p);
            } else if let Some(r) = role {
                a.roles.push(r);
            }
        }
        Ok(all)
    }
}

impl crate::store::handles::People<'_> {
    /// Who knows what, for the whole enterprise: (person id, the 密点's
    /// level, its status) for every person named in a 知悉范围.
    pub fn knowledge(&self, enterprise_id: &str) -> Result<Vec<(i64, String, Status)>> {
        let mut st = self.conn.prepare(
            "SELECT DISTINCT pa.person_id, sp.level, sp.status FROM point_access pa
             JOIN secret_point sp ON sp.id = pa.point_id
             WHERE sp.enterprise_id = ?1 AND pa.person_id IS NOT NULL",
        )?;
        let rows = st.query_map([enterprise_id], |r| {
            let status: String = r.get(2)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                Status::parse(&status).unwrap_or(Status::Proposed),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The 密点 a person is named in the 知悉范围 of, in the order of their 代号.
    pub fn points_known_by(&self, person_id: i64) -> Result<Vec<SecretPoint>> {
        self.people().get(person_id)?;
        let ids: Vec<i64> = self
            .conn
            .prepare(
                "SELECT sp.id FROM point_access pa JOIN secret_point sp ON sp.id = pa.point_id
                 WHERE pa.person_id = ?1 ORDER BY sp.code, sp.id",
            )?
            .query_map([person_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| get_point(&self.conn, id))
            .collect()
    }
}
