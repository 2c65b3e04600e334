//! The schema, one file per change. Runs on SQLite and PostgreSQL alike.

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_initial;
mod m20261124_000002_accounts;
mod m20261124_000003_event_options;
mod m20261124_000004_privacy;
mod m20261124_000005_series;
mod m20261124_000006_sessions;
mod m20261124_000007_cohosts;
mod m20261124_000008_cover_image;
mod m20261201_000020_account_safety;
mod m20261201_000030_rsvp_manage_links;
mod m20261201_000040_rsvp_answers;
mod m20261201_000041_waitlist_line;
mod m20261201_000042_waitlist_option;
mod m20261201_000050_outbox_expiry;
mod m20261201_000051_outbox_sender;
mod m20261201_000052_delivery_safety;
mod m20261201_000053_outbox_reply_to;
mod m20261201_000054_mail_opt_outs;
mod m20261201_100000_cohost_invitations;
mod m20261202_000055_reminders_and_changes;
mod m20261202_000056_announcements;
mod m20261202_000057_mail_choices;
mod m20261202_000058_languages;
mod m20261202_000059_event_translations;
mod m20261203_000060_content_version;
mod m20261203_000061_event_part_indexes;
mod m20261204_000062_counts_version;
mod m20261205_000063_waitlist_place_index;

pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_initial::Migration),
            Box::new(m20261124_000002_accounts::Migration),
            Box::new(m20261124_000003_event_options::Migration),
            Box::new(m20261124_000004_privacy::Migration),
            Box::new(m20261124_000005_series::Migration),
            Box::new(m20261124_000006_sessions::Migration),
            Box::new(m20261124_000007_cohosts::Migration),
            Box::new(m20261124_000008_cover_image::Migration),
            Box::new(m20261201_000020_account_safety::Migration),
            Box::new(m20261201_100000_cohost_invitations::Migration),
            Box::new(m20261201_000030_rsvp_manage_links::Migration),
            Box::new(m20261201_000040_rsvp_answers::Migration),
            Box::new(m20261201_000041_waitlist_line::Migration),
            Box::new(m20261201_000042_waitlist_option::Migration),
            Box::new(m20261201_000050_outbox_expiry::Migration),
            Box::new(m20261201_000051_outbox_sender::Migration),
            Box::new(m20261201_000052_delivery_safety::Migration),
            Box::new(m20261201_000053_outbox_reply_to::Migration),
            Box::new(m20261201_000054_mail_opt_outs::Migration),
            Box::new(m20261202_000055_reminders_and_changes::Migration),
            Box::new(m20261202_000056_announcements::Migration),
            Box::new(m20261202_000057_mail_choices::Migration),
            Box::new(m20261202_000058_languages::Migration),
            Box::new(m20261202_000059_event_translations::Migration),
            Box::new(m20261203_000060_content_version::Migration),
            Box::new(m20261203_000061_event_part_indexes::Migration),
            Box::new(m20261204_000062_counts_version::Migration),
            Box::new(m20261205_000063_waitlist_place_index::Migration),
        ]
    }
}
