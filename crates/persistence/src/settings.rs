//! Values every instance must share, such as the key that signs CSRF tokens.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::entities::setting;
use crate::error::Error;

/// The stored value of `key`, storing `candidate` first if there is none.
/// Two instances starting at once agree on whichever was stored first.
pub async fn get_or_insert(db: &impl ConnectionTrait, key: &str, candidate: &str) -> Result<String, Error> {
    setting::Entity::insert(setting::ActiveModel { key: Set(key.to_owned()), value: Set(candidate.to_owned()) })
        .on_conflict(OnConflict::column(setting::Column::Key).do_nothing().to_owned())
        .try_insert()
        .exec_without_returning(db)
        .await?;
    let row = setting::Entity::find_by_id(key.to_owned()).one(db).await?.ok_or(Error::NotFound("setting"))?;
    Ok(row.value)
}
