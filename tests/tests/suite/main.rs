//! The whole-system suite: one test binary (one link, one copy of every
//! generic instantiated for the app) instead of one per file, which kept
//! `make test` from a clean clone over ten minutes. Each module is one area.

mod access_matrix;
mod accessibility;
mod accounts;
mod announcements;
mod attendance;
mod browser;
mod browser_language;
mod browser_mail;
mod browser_phone;
mod caching;
mod chapters_admin;
mod cross_chapter;
mod delivery;
mod delivery_processes;
mod delivery_safety;
mod digest;
mod html_validity;
mod languages;
mod members_only_lists;
mod organizer;
mod pages;
mod public;
mod reminders_and_changes;
mod reminders_processes;
mod retention;
mod robustness;
mod rsvp_and_reminders;
mod rsvp_answers;
mod rsvp_groups;
mod rsvp_ids;
mod rsvp_manage;
mod rsvp_storm;
mod security;
