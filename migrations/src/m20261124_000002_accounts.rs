//! Accounts: users, server-side sessions, single-use tokens, chapter
//! memberships and roles, the audit log, rate-limit counters, and settings
//! shared by every instance. RSVPs can now belong to a user.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &'static str, col: &'static str, to: &'static str, on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, "id").on_delete(on_delete).take()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("users")
                .col(big_pk_auto("id"))
                // Personal data is nullable so a deleted account can be erased in place.
                .col(string_len_null("email", 254))
                .col(string_len_null("email_normalized", 254))
                .col(string_len_null("name", 200))
                .col(string_len_null("password_hash", 200))
                .col(timestamp_with_time_zone_null("email_verified_at"))
                .col(boolean("is_site_admin").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("deleted_at"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("users_email").table("users").col("email_normalized").unique().take()).await?;

        m.create_table(
            Table::create()
                .table("sessions")
                // The SHA-256 of the cookie's token: a copy of the table opens no session.
                .col(string_len("id", 64).primary_key())
                .col(big_integer("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(&mut fk("sessions", "user_id", "users", ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("sessions_by_user").table("sessions").col("user_id").take()).await?;

        m.create_table(
            Table::create()
                .table("account_tokens")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(string_len("purpose", 32))
                .col(string_len_uniq("token_hash", 64))
                .col(string_len_null("new_email", 254))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .foreign_key(&mut fk("account_tokens", "user_id", "users", ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("memberships")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(big_integer("chapter_id"))
                .col(string_len("role", 16))
                .col(string_len("status", 16))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("memberships", "user_id", "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("memberships", "chapter_id", "chapters", ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("memberships_one_per_chapter").table("memberships").col("user_id").col("chapter_id").unique().take(),
        )
        .await?;
        m.create_index(Index::create().name("memberships_by_chapter").table("memberships").col("chapter_id").take()).await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .col(big_pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(big_integer_null("actor_user_id"))
                .col(string_len("action", 64))
                .col(string_len("subject", 300))
                .col(text("detail"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("audit_log_by_time").table("audit_log").col("at").take()).await?;

        m.create_table(
            Table::create()
                .table("rate_limits")
                .col(string_len("key", 300).primary_key())
                .col(timestamp_with_time_zone("window_start"))
                .col(integer("hits"))
                .take(),
        )
        .await?;

        m.create_table(Table::create().table("settings").col(string_len("key", 64).primary_key()).col(text("value")).take()).await?;

        m.alter_table(Table::alter().table("rsvps").add_column(big_integer_null("user_id")).take()).await?;
        m.create_index(Index::create().name("rsvps_by_user").table("rsvps").col("user_id").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("rsvps_by_user").table("rsvps").to_owned()).await?;
        m.alter_table(Table::alter().table("rsvps").drop_column("user_id").take()).await?;
        for t in ["settings", "rate_limits", "audit_log", "memberships", "account_tokens", "sessions", "users"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
