//! A waitlisted guest's confirmation says their place in line, counted in
//! the transaction that records them: with only (event_id, status) indexed,
//! the count looked up every waitlisted row of the event for its `line`
//! (found with `perf` under load: most of SQLite's time once an event with
//! 40 seats had thousands in line). With `line` in the index the count reads
//! the index alone. It replaces (event_id, status), a prefix of it; the
//! index on (event_id, status, id) stays for lists in order.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let place = Index::create().name("rsvps_waitlist_place").table("rsvps").col("event_id").col("status").col("line").take();
        m.create_index(place).await?;
        m.drop_index(Index::drop().name("rsvps_by_event_status").table("rsvps").to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(Index::create().name("rsvps_by_event_status").table("rsvps").col("event_id").col("status").take()).await?;
        m.drop_index(Index::drop().name("rsvps_waitlist_place").table("rsvps").to_owned()).await
    }
}
