# The organizer's event pages: the event form, the dashboard, publishing, cancelling, deleting, covers.

## The event form (form_view.rs, workflow.rs)

org-new-event-title = New event
org-edit-title = Edit: { $title }
org-field-kind = Kind
org-field-title = Title
org-field-summary = Summary (one or two sentences)
org-field-description = Description
org-field-description-hint = Markdown: **bold**, [links](https://…), lists.
org-field-language = Language of the text
org-field-language-hint = The language you write the title, summary, description, agenda and venue notes in. You can give them in the other language too, below.
org-legend-when = When
org-field-starts = Starts
org-field-ends = Ends
org-field-doors-open = Doors open (optional)
org-field-time-zone = Time zone
org-field-repeat = Repeats
org-repeat-none = Does not repeat
org-repeat-weekly = Every week
org-repeat-biweekly = Every other week
org-repeat-monthly = Monthly, on the same weekday (e.g. 2nd Tuesday)
org-field-repeat-until = Repeats until (last date)
# The date of one meeting of a series, as a chrono format ("1 December 2026").
org-series-date-format = %-d %B %Y
# $rule: how the series repeats ("every week").
org-series-occurrence = This is the { $date } meeting of a series ({ $rule }).
org-apply-one = Change only this date
org-apply-following = Change this and all later dates
org-legend-where = Where
org-field-saved-venue = A venue this chapter used before
org-saved-venue-none = (type a venue below)
org-saved-venue-hint = Choosing one fills in the venue fields you leave empty.
org-field-venue-name = Venue name
org-field-street-address = Street address
org-field-suite = Suite or floor
org-field-city = City or neighbourhood
org-field-transit = Transit directions
org-field-accessibility = Accessibility notes
org-field-address-protection = Who may see the street address
org-address-public = Everyone
org-address-rsvps = Only people going (in their emails and calendars)
org-address-hours = People going, and everyone from some hours before
org-field-reveal-hours = …everyone from this many hours before the start
org-field-online-url = Livestream or online link
org-legend-programme = Programme
org-field-agenda = Agenda
org-field-agenda-hint = One item per line: 18:30 Doors open and dinner
org-field-speakers = Speakers
org-field-speakers-hint = One per line: Name | one-line bio
org-field-sessions = Sessions (day schools, conferences)
org-field-sessions-hint = One per line: 09:30-10:45 | Title | Room | Speaker, Speaker (start with a date like 2027-05-02 for another day)
org-field-sponsors = Co-sponsors and host
org-field-sponsors-hint = One per line: Name | https://link | host (link and 'host' optional)
org-field-tags = Tags (comma-separated)
org-field-cohosts = Co-hosting chapters (their addresses, comma-separated)
org-field-cohosts-hint = Each chapter named is invited: the event is listed with it once its organizers accept.
org-invited = Invited:
org-cohost-pending = Waiting for an answer
org-cohost-accepted = Accepted
org-cohost-declined = Declined
org-legend-other-language = In the other language (optional)
org-other-language-hint = Spanish if you wrote the event in English, English if you wrote it in Spanish. Each reader sees their language where you give it, and your text above otherwise.
org-field-title-other = Title in the other language
org-field-summary-other = Summary in the other language
org-field-description-other = Description in the other language
org-field-description-other-hint = Markdown, like the description.
org-field-agenda-other = Agenda in the other language
org-field-agenda-other-hint = The titles for the times of the agenda: 19:00 Bienvenida
org-field-transit-other = Transit directions in the other language
org-field-accessibility-other = Accessibility notes in the other language
org-legend-rsvps = RSVPs
org-field-visibility = Who can see it
org-visibility-public = Public
org-visibility-members-only = Members only
org-visibility-unlisted = Unlisted
org-field-capacity = Capacity (empty: no limit)
org-capacity-hint = Lowering the capacity below the number going removes nobody already going; nobody is promoted from the waitlist until seats free up.
org-going-now = { $count ->
    [one] Going now: 1 person
   *[other] Going now: { $count } people
}
org-field-overflow = When it is full (overflow room, livestream…)
org-field-guests-allowed = Guests one RSVP may bring
org-field-rsvp-opens = RSVPs open (optional)
org-field-rsvp-closes = RSVPs close (optional)
org-tick-show-maybe = Show how many said "maybe" on the event page
org-tick-maybe-reminder = Send the day-before reminder to those who said "maybe" too
org-tick-no-waitlist = No waitlist: once it is full, turn further RSVPs away
org-tick-guests-confirm = Guests without an account confirm by email: their place is held until they do
org-reminders-legend = Reminders by email
org-reminders-hint = To everyone going. A reminder whose time has passed when someone RSVPs is not sent to them, and nobody gets two within 15 minutes. Edits to a series apply to its later dates.
org-save-draft = Save as draft
org-publish = Publish

## Saving the form (workflow.rs, form.rs)

# $slug: the name as typed, in quotes.
org-error-no-such-cohost = There is no chapter called { $slug }. Use the chapter's address, like queens.
org-error-series-no-date = No date of this series exists in its time zone.
org-error-series-not-yours = Some later dates of this series are not yours to manage, so nothing was changed. Edit this date on its own instead.
# $fields: the names of the fields that differ.
org-conflict = Someone else saved this event since you opened it. Your version is in the form; what is saved now is shown next to each field that differs ({ $fields }). Save again to replace it with yours.
# The names of the fields in that list.
org-conflict-field-kind = kind
org-conflict-field-title = title
org-conflict-field-summary = summary
org-conflict-field-description = description
org-conflict-field-starts-at = starts_at
org-conflict-field-ends-at = ends_at
org-conflict-field-doors-open-at = doors_open_at
org-conflict-field-time-zone = time_zone
org-conflict-field-venue-name = venue_name
org-conflict-field-venue-street-address = venue_street_address
org-conflict-field-venue-suite = venue_suite
org-conflict-field-venue-city = venue_city
org-conflict-field-venue-transit = venue_transit
org-conflict-field-venue-accessibility = venue_accessibility
org-conflict-field-language = language
org-conflict-field-title-other = title_other
org-conflict-field-summary-other = summary_other
org-conflict-field-description-other = description_other
org-conflict-field-agenda-other = agenda_other
org-conflict-field-venue-transit-other = venue_transit_other
org-conflict-field-venue-accessibility-other = venue_accessibility_other
org-conflict-field-online-url = online_url
org-conflict-field-capacity = capacity
org-conflict-field-overflow-note = overflow_note
org-conflict-field-guests-allowed = guests_allowed
org-conflict-field-rsvp-opens-at = rsvp_opens_at
org-conflict-field-rsvp-closes-at = rsvp_closes_at
org-conflict-field-visibility = visibility
org-conflict-field-address-protection = address_protection
org-conflict-field-address-reveal-hours = address_reveal_hours
org-conflict-field-tags = tags
org-conflict-field-agenda = agenda
org-conflict-field-speakers = speakers
org-conflict-field-sessions = sessions
org-conflict-field-sponsors = sponsors
org-conflict-field-cohosts = cohosts
org-conflict-no-fields = none of the fields on this form
org-conflict-saved-now = Saved now: { $value }
org-conflict-empty = (empty)

## Publish, cancel, skip, delete, duplicate (confirm.rs, lifecycle.rs)

org-only-draft-publish = Only a draft can be published.
org-only-published-cancel = Only a published event can be cancelled.
org-only-series-skip = Only a date of a recurring series can be skipped.
org-only-draft-delete = Only a draft can be deleted; cancel a published event instead.
org-cancel-changed-meanwhile = This event was changed meanwhile and is no longer published; nothing was done.
org-skip-changed-meanwhile = This date was changed meanwhile (published, cancelled or removed); nothing was done. Open it again.
org-delete-has-rsvps-refused = People RSVP'd to this event; publish and cancel it so that they are told.
# Stored as the reason of a skipped date's cancellation, in the event's language.
org-skip-reason = This date of the series is skipped.
# $errors: what is wrong with the event.
org-error-cannot-copy = This event cannot be copied as it is: { $errors }
org-nobody-emailed = Nobody will be emailed
org-nobody-emailed-no-rsvps = : nobody has an RSVP to this event.
org-will-be-emailed = { $count ->
    [one] 1 person will be emailed
   *[other] { $count } people will be emailed
}
# One part of "(2 going, 1 waitlisted)": $status is going, waitlisted, maybe or cant_go.
org-told-part = { $count } { $status }
org-back-to-event = Back to the event
org-nothing-changes = (nothing changes)
org-cancel-title = Cancel: { $title }
org-cancel-emailed-what = that it is cancelled, with your reason and an update that removes it from their calendars.
org-cancel-stays = A cancelled event stays on its page, marked cancelled. This cannot be undone.
org-cancel-reason = Reason (people read it in the email)
org-cancel-button = Cancel the event
org-cancel-button-email = { $count ->
    [one] Cancel the event and email 1 person
   *[other] Cancel the event and email { $count } people
}
org-skip-title = Skip this date: { $title }
org-skip-series-occurrence = This is the { $date } meeting of a series ({ $rule }). The other dates stay as they are.
org-skip-removed = Nobody has RSVP'd, so the date is removed from the series.
org-skip-kept = People have RSVP'd, so the date is kept, marked cancelled, rather than removed.
org-skip-emailed-what = that this date is skipped, with an update that removes it from their calendars.
org-skip-hint = If someone RSVPs before you press the button, the date is cancelled instead of removed, and they are emailed too.
org-skip-button = Skip this date
org-delete-title = Delete draft: { $title }
org-delete-text = The draft and everything in it are deleted. This cannot be undone.
org-delete-nobody-emailed = : a draft is not public and has no RSVPs.
org-delete-button = Delete the draft
org-delete-has-rsvps = { $count ->
    [one] 1 person RSVP'd to this event, so it cannot be deleted without telling them.
   *[other] { $count } people RSVP'd to this event, so it cannot be deleted without telling them.
}

## The chapter's dashboard (dashboard.rs)

org-dashboard-title = Dashboard: { $chapter }
org-dashboard-members = Members
org-dashboard-saved-venues = Saved venues
org-dashboard-invitations = Invitations to co-host
org-dashboard-invitations-text = Another chapter named { $chapter } as a co-host. Until you accept, the event is not listed with { $chapter } and its attendees are not shown to you. A declined invitation stays declined.
org-dashboard-cohosting = Co-hosting
org-dashboard-upcoming = Upcoming
org-dashboard-drafts = Drafts
org-dashboard-past = Past
org-dashboard-none = None.
org-dashboard-when = When
org-dashboard-event = Event
org-dashboard-status = Status
org-dashboard-going = Going
org-dashboard-waitlist = Waitlist
org-dashboard-attendance = Attendance
org-status-draft = Draft
org-status-published = Published
org-status-cancelled = Cancelled
org-dashboard-a-draft = (a draft)
org-dashboard-hosted-by = hosted by { $chapter }
org-dashboard-attendees = Attendees
org-dashboard-accept = Accept
org-dashboard-decline = Decline
org-dashboard-stop-cohosting = Stop co-hosting
org-invitation-stays-declined = This invitation was declined, and a declined invitation stays declined.
org-chart-capacity = { $going } going of { $capacity } places, { $waiting } on the waitlist
org-chart-no-limit = { $going } going, no capacity limit
org-turnout-heading = RSVP'd and attended
org-turnout-rsvpd = RSVP'd
org-turnout-attended = Attended

## Cover images (covers.rs)

org-cover-not-saved = The image was not saved
org-cover-unreadable = The upload could not be read: { $error }

## Calendar entries and feeds (ics.rs, calendars.rs)

org-ics-cancelled = CANCELLED: { $reason }
org-ics-online = Online: { $url }
org-ics-members-only = [Members only] { $title }
org-feed-all-name = All public events
org-feed-bad-lang = The feed's lang is en (English) or es (Spanish).
