//! Account safety: a change-of-address token remembers the session that
//! asked for it; every address an account ever had is kept, so erasure can
//! find RSVPs and mail under earlier ones; outbox rows carry their
//! recipient's address in the same case-folded form as accounts and RSVPs.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("account_tokens").add_column(string_len_null("session_hash", 64)).take()).await?;
        m.create_table(
            Table::create()
                .table("user_addresses")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(string_len("email_normalized", 254))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(ForeignKey::create().from("user_addresses", "user_id").to("users", "id").on_delete(ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("user_addresses_unique").table("user_addresses").col("user_id").col("email_normalized").unique().take(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "INSERT INTO user_addresses (user_id, email_normalized, created_at) \
             SELECT id, email_normalized, created_at FROM users WHERE email_normalized IS NOT NULL",
        )
        .await?;
        m.alter_table(Table::alter().table("outbox").add_column(string_len_null("to_normalized", 254)).take()).await?;
        // Older rows: SQL's LOWER folds ASCII only on SQLite; new rows are folded in Rust like every other address.
        db.execute_unprepared("UPDATE outbox SET to_normalized = LOWER(to_address)").await?;
        m.create_index(Index::create().name("outbox_by_recipient").table("outbox").col("to_normalized").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("outbox_by_recipient").table("outbox").to_owned()).await?;
        m.alter_table(Table::alter().table("outbox").drop_column("to_normalized").take()).await?;
        m.drop_table(Table::drop().table("user_addresses").take()).await?;
        m.alter_table(Table::alter().table("account_tokens").drop_column("session_hash").take()).await
    }
}
