//! A fictional demo enterprise, for trying Midun and for tests.

use crate::error::Result;
use crate::model::{Category, Enterprise, NewEnterprise, NewSecretPoint};
use crate::store::Store;

/// The demo's name says that it is fictional.
pub const DEMO_NAME: &str = "演示企业：鲁西明德精工机械有限公司（虚构）";
/// A code that passes both checks; it belongs to no real enterprise known to us.
pub const DEMO_CREDIT_CODE: &str = "91371500MA3C5DEM5Q";

/// Add the demo enterprise with a handful of 密点 and return it.
pub fn add_demo(store: &mut Store) -> Result<Enterprise> {
    let e = store.create_enterprise(&NewEnterprise {
        name: DEMO_NAME.to_string(),
        credit_code: Some(DEMO_CREDIT_CODE.to_string()),
        credit_code_note: None,
    })?;
    let points: [(&str, Category, &str); 6] = [
        ("齿轮渗碳热处理工艺", Category::Technical, "核心商密"),
        ("精密主轴装配方法及其步骤", Category::Technical, "核心商密"),
        ("数控加工程序及其有关文档", Category::Technical, "重要商密"),
        ("重点客户信息汇编", Category::Business, "重要商密"),
        ("年度投标报价策略", Category::Business, "重要商密"),
        ("供应商评价与采购价格清单", Category::Business, "一般商密"),
    ];
    for (name, category, level) in points {
        store.add_secret_point(&NewSecretPoint {
            enterprise_id: e.id.clone(),
            code: None,
            name: name.to_string(),
            category,
            level: level.to_string(),
        })?;
    }
    Ok(e)
}
