//! Chapters, venues, events with their agenda, speakers, sponsors and tags,
//! RSVPs, and the outbox.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &'static str, col: &'static str, to: &'static str, on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, "id").on_delete(on_delete).take()
}

fn index(table: &'static str, name: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    i.take()
}

/// The ordered child rows of an event: agenda items, speakers, sponsors.
fn event_child(table: &'static str) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(big_pk_auto("id"))
        .col(big_integer("event_id"))
        .col(integer("position"))
        .foreign_key(&mut fk(table, "event_id", "events", ForeignKeyAction::Cascade))
        .take()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("chapters")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("slug", 80))
                .col(string_len("name", 200))
                .col(string_len("kind", 32))
                .col(big_integer_null("parent_id"))
                .col(string_len("time_zone", 64))
                .col(text("description"))
                .col(string_len_null("contact_email", 254))
                .col(boolean("join_needs_approval").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("chapters", "parent_id", "chapters", ForeignKeyAction::Restrict))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("venues")
                .col(big_pk_auto("id"))
                .col(big_integer("chapter_id"))
                .col(string_len("name", 200))
                .col(string_len("street_address", 300))
                .col(string_len_null("suite", 200))
                .col(string_len("city", 120))
                .col(text_null("transit_directions"))
                .col(text_null("accessibility_notes"))
                .foreign_key(&mut fk("venues", "chapter_id", "chapters", ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("events")
                .col(big_pk_auto("id"))
                .col(big_integer("chapter_id"))
                .col(string_len("kind", 32))
                .col(string_len("title", 200))
                .col(string_len("summary", 500))
                .col(text("description"))
                .col(string_len("status", 16))
                .col(string_len("visibility", 16))
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone("ends_at"))
                .col(timestamp_with_time_zone_null("doors_open_at"))
                .col(string_len("time_zone", 64))
                .col(big_integer_null("venue_id"))
                .col(string_len_null("online_url", 2000))
                .col(integer_null("capacity"))
                .col(integer("seats_taken").default(0))
                .col(text_null("cancel_reason"))
                // Bumped on every change that matters to a calendar (RFC 5545 SEQUENCE).
                .col(integer("sequence").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("events", "chapter_id", "chapters", ForeignKeyAction::Restrict))
                .foreign_key(&mut fk("events", "venue_id", "venues", ForeignKeyAction::SetNull))
                .take(),
        )
        .await?;
        m.create_index(index("events", "events_listing", &["status", "visibility", "starts_at"])).await?;
        m.create_index(index("events", "events_by_chapter", &["chapter_id", "starts_at"])).await?;

        let mut agenda = event_child("event_agenda_items");
        agenda.col(timestamp_with_time_zone("starts_at")).col(string_len("title", 300));
        m.create_table(agenda).await?;

        let mut speakers = event_child("event_speakers");
        speakers.col(string_len("name", 200)).col(string_len("bio", 500));
        m.create_table(speakers).await?;

        let mut sponsors = event_child("event_sponsors");
        sponsors.col(string_len("name", 200)).col(string_len_null("url", 2000)).col(string_len("role", 16));
        m.create_table(sponsors).await?;

        m.create_table(
            Table::create()
                .table("event_tags")
                .col(big_integer("event_id"))
                .col(string_len("tag", 64))
                .primary_key(Index::create().col("event_id").col("tag"))
                .foreign_key(&mut fk("event_tags", "event_id", "events", ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;
        m.create_index(index("event_tags", "event_tags_by_tag", &["tag"])).await?;

        m.create_table(
            Table::create()
                .table("rsvps")
                .col(big_pk_auto("id"))
                .col(big_integer("event_id"))
                // Name and email are nullable so a deleted person can be erased
                // while their RSVP still counts.
                .col(string_len_null("name", 200))
                .col(string_len_null("email", 254))
                .col(string_len_null("email_normalized", 254))
                .col(string_len("status", 16))
                .col(integer("guests").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("rsvps", "event_id", "events", ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;
        let mut unique_rsvp = index("rsvps", "rsvps_one_per_email", &["event_id", "email_normalized"]);
        m.create_index(unique_rsvp.unique().take()).await?;
        m.create_index(index("rsvps", "rsvps_by_event_status", &["event_id", "status"])).await?;

        m.create_table(
            Table::create()
                .table("outbox")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("dedupe_key", 200))
                .col(string_len("kind", 32))
                .col(string_len("to_address", 254))
                .col(string_len("to_name", 200))
                .col(string_len("subject", 300))
                .col(text("body_text"))
                .col(text("body_html"))
                .col(text_null("ics"))
                .col(string_len_null("unsubscribe_url", 2000))
                .col(string_len("status", 16))
                .col(integer("attempts").default(0))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("send_after"))
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(string_len_null("claim_token", 64))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .take(),
        )
        .await?;
        m.create_index(index("outbox", "outbox_pending", &["status", "send_after"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["outbox", "rsvps", "event_tags", "event_sponsors", "event_speakers", "event_agenda_items", "events", "venues", "chapters"]
        {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
