# What can be wrong in a form: the messages next to its fields (rules in the domain crate).

## Text fields

invalid-one-line = Please keep this on one line, without control characters.
invalid-control-character = This contains a control character (such as a lone carriage return); please retype it.
invalid-required = This is required.
invalid-too-long = Please keep this under { $max } characters.

## Links and images

invalid-link-scheme = Links must start with http:// or https://.
invalid-link-empty = That link has no address after http(s)://.
invalid-link-characters = A link cannot contain spaces, quotes or angle brackets.
invalid-link-long = That link is too long.
invalid-image-missing = Please choose an image file.
# $size: megabytes, like 6.2
invalid-image-large = The image is { $size } MB; the limit is 5 MB.
invalid-image-kind = That file is not a PNG, JPEG, GIF or WebP image.

## Dates and times

invalid-date-time-missing = Please give a date and time.
invalid-date-time-format = Please give a date and time like 2026-12-03 19:00.
invalid-year-range = Please give a date between the years { $first } and { $last }.
# A chrono format string for $when below: "8 March 2026 02:30".
invalid-time-skipped-when = %-d %B %Y %H:%M
invalid-time-skipped = { $when } does not exist in { $zone }: the clocks skip that hour. Please pick another time.
invalid-time-zone = Please give a time zone like America/New_York.

## The event form

invalid-kind = Please choose what kind of event this is.
invalid-language = Please choose the language the event is written in.
invalid-ends-before-start = The end must be after the start.
invalid-doors-after-start = Doors must open before the start.
invalid-rsvp-window = RSVPs must close after they open.
invalid-venue-name = Please name the venue.
invalid-venue-city = Please give the city or neighbourhood.
invalid-venue-or-link = Please give a venue or an online link (or both).
invalid-capacity = Capacity is a whole number of places, 0 or more (leave empty for no limit).
invalid-guests-allowed = Guests per RSVP is a whole number from 0 to 20.
invalid-visibility = Please choose who can see this event.
invalid-address-reveal-hours = Give the number of hours before the start (1 to 336) when everyone may see the address.
invalid-address-protection = Please choose who may see the street address.
invalid-tags-word = Tags are single words (letters, digits, dashes), up to 32 characters.
invalid-tags-many = Please use at most { $max } tags.
# $line: the line as typed, in quotes
invalid-agenda-line = Write each agenda item as a time and a title, like "19:30 Welcome" (not { $line }).
invalid-agenda-time-skipped = { $time } does not exist on that day in { $zone }.
invalid-agenda-other-line = Write each line as a time and a title, like "19:30 Bienvenida" (not { $line }).
invalid-agenda-other-title = Give each time a title of up to 300 characters (not { $line }).
invalid-agenda-other-time = { $time } is not a time of the agenda above.
invalid-sessions-format = Write each session as "09:30-10:45 | Title | Room | Speaker, Speaker" (a date first, like 2027-05-02, for another day).
invalid-session-order = { $title }: a session must end after it starts.
invalid-session-time-skipped = { $title }: that time does not exist on that day in { $zone }.
invalid-speakers-format = Write each speaker as "Name | one-line bio" (name up to 200, bio up to 500 characters).
invalid-sponsors-format = Write each organization as "Name | https://link | host" (link and role optional).
# $problem: one of the invalid-link-* messages
invalid-sponsor-link = { $name }: { $problem }
invalid-repeat = Please choose how often the event repeats.
invalid-repeat-until = Please give the last date of the series, like 2027-06-30.
invalid-repeat-until-early = The series must end after its first date.
invalid-repeat-until-late = A series can run for at most two years; make another one after that.
invalid-cancel-reason = Please give a reason (up to 1,000 characters): people who planned to come will read it.

## Chapters

invalid-chapter-slug = Use 2 to 80 lowercase letters, digits and dashes, like queens-branch.
invalid-chapter-name = Please give a name of up to 200 characters.
invalid-chapter-kind = Please choose national, district, branch or campus branch.
invalid-chapter-description-long = Please keep the description under 5,000 characters.
invalid-contact-message-missing = Please write your message.
invalid-contact-message-long = Please keep your message under { $max } characters.
invalid-retention-days = Enter a whole number of days from 1 to { $max }, or leave it empty to keep them.

## Announcements

invalid-subject-missing = Please write a subject.
invalid-subject-long = Please keep the subject under { $max } characters.
invalid-body-missing = Please write the message.
invalid-body-long = Please keep the message under { $max } characters.

## Walk-ins

invalid-walk-in-name-missing = Please enter their name.
invalid-walk-in-name-long = Please keep the name under { $max } characters.
invalid-walk-in-name-control = A name cannot contain line breaks or control characters.
invalid-walk-in-party = Please enter how many people, from 1 to { $max }.

## Labels: answers, audiences, reminders, kinds of mail

label-answer-going = Going
label-answer-maybe = Maybe
label-answer-cant-go = Can't go
label-status-going = Going
label-status-waitlisted = Waitlisted
label-status-maybe = Maybe
label-status-cant-go = Can't go
label-status-cancelled = Cancelled
label-attendance-going = Going
label-attendance-waitlist = Waitlist
label-attendance-maybe = Maybe
label-attendance-cant-go = Can't go
label-attendance-cancelled = Cancelled
label-audience-all = Everyone who answered (going, maybe and the waitlist)
label-audience-going = People going
label-audience-waitlisted = People on the waitlist
label-audience-checked-in = People who checked in
label-audience-no-shows = People going who did not check in
label-reminder-week-before = 1 week before, at the same local time
label-reminder-day-before = 1 day before, at the same local time
label-reminder-morning-of = The morning of the event, at 9:00 local time
label-reminder-120m = 2 hours before
label-reminder-30m = 30 minutes before
label-reminder-other = a reminder
label-mail-reminders = Reminders before events I RSVP'd to
label-mail-changes = Notices when an event I RSVP'd to changes its time or place
label-mail-announcements = Messages from organizers to the people coming or to a chapter's members
label-mail-digest = A weekly email of my chapters' upcoming events (Mondays, for members)
