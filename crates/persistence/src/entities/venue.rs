use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "venues")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub chapter_id: i64,
    pub name: String,
    pub street_address: String,
    pub suite: Option<String>,
    pub city: String,
    pub transit_directions: Option<String>,
    pub accessibility_notes: Option<String>,
    pub transit_directions_other: Option<String>,
    pub accessibility_notes_other: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
