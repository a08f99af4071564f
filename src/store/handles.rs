//! The store's handles: one per register, each a view of the one `Store`
//! (its connection, its actor, its transaction). `store.points().add(..)`,
//! `store.people().list(..)` … A handle derefs to the `Store`, so a handle's
//! method can use another register's handle and the store's `write`; calls
//! made inside `Store::atomically` share its one transaction.

use std::ops::Deref;

use super::Store;

macro_rules! handles {
    ($( $(#[$doc:meta])* $method:ident => $ty:ident ),+ $(,)?) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy)]
            pub struct $ty<'s>(&'s Store);

            impl Deref for $ty<'_> {
                type Target = Store;
                fn deref(&self) -> &Store {
                    self.0
                }
            }
        )+

        impl Store {
            $(
                $(#[$doc])*
                pub fn $method(&self) -> $ty<'_> {
                    $ty(self)
                }
            )+
        }
    };
}

handles! {
    /// 企业及其基本信息、自我声明.
    enterprises => Enterprises,
    /// 密级方案.
    levels => Levels,
    /// 商业秘密事项与密点、定密审批、知悉范围、导入.
    points => Points,
    /// 载体.
    carriers => Carriers,
    /// 自评轮次、答案、快速自查.
    rounds => Rounds,
    /// 控制措施的答案与例外.
    controls => Controls,
    /// 佐证材料及其关联.
    evidence => EvidenceStore,
    /// 文件指纹与存证.
    fingerprints => Fingerprints,
    /// 涉密人员、协议、离职、竞业限制.
    people => People,
    /// 制度清单.
    rules => Rules,
    /// 培训记录.
    trainings => Trainings,
    /// 涉密区域.
    areas => Areas,
    /// 信息系统.
    systems => Systems,
    /// 对外提供登记.
    disclosures => Disclosures,
    /// 泄密事件.
    incidents => Incidents,
    /// 整改事项.
    tasks => Tasks,
    /// 指导站：收到的进度摘要.
    station => Station,
    /// 数据库设置.
    settings => SettingsStore,
    /// 操作记录.
    audit => Audit,
    /// 违反保密规定的处理记录.
    discipline => Discipline,
}
