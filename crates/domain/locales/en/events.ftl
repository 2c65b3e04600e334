# Event lists, the event page and the chapter page.

kind-branch_meeting = Branch meeting
kind-public_forum = Public forum
kind-day_school = Day school
kind-conference = Conference
kind-fundraiser = Fundraiser
kind-protest = Protest
kind-social = Social
visibility-members_only = Members only
chapter-kind-national = National
chapter-kind-district = District
chapter-kind-branch = Branch
chapter-kind-campus_branch = Campus branch

list-empty = No upcoming events yet.
list-cancelled = Cancelled:{" "}
home-title = Upcoming events
filter-search = Search
filter-search-placeholder = housing, strike, forum…
filter-chapter = Chapter
filter-all-chapters = All chapters
filter-kind = Kind
filter-any-kind = Any kind
filter-tag = Tag
filter-from = From
filter-to = To
filter-submit = Find events
pages-earlier = ← Earlier
pages-later = Later →
home-chapters = Chapters

event-draft-banner = Draft:{" "}
event-draft-banner-text = only this chapter's organizers can see this page. Publish it when it is ready.
event-cancelled-banner = This event has been cancelled.
event-when = When
event-doors-open = Doors open
event-where = Where
event-address-hidden = The exact address is sent to people going.
event-places = Places
event-full-no-waitlist = Full.
event-full-waitlist = Full: new RSVPs join the waitlist.
event-places-left = { $left } of { $capacity } places left.
event-going = Going
event-maybe = Maybe
event-sponsored-by = Sponsored by { $names }.
event-hosted-by = Hosted by { $names }.
event-repeats = Repeats
event-repeats-text = This meeting happens { $rule }; each date has its own RSVPs.
event-getting-there = Getting there
event-accessibility = Accessibility
event-online = Online
event-add-to-calendar = Add to calendar:
event-calendar-ics = Apple, Outlook (.ics)
event-calendar-google = Google Calendar
event-map = Map (OpenStreetMap)
event-agenda = Agenda
event-programme = Programme
event-session = Session
event-room = Room
event-speakers = Speakers
event-about = About
# Shown when some of the organizer's text is only in the language they wrote it in.
event-only-in-en = Some of this event's details are only in English.
event-only-in-es = Some of this event's details are only in Spanish.
tool-edit = Edit
tool-attendees = Attendees
tool-timeline = Email timeline
tool-announce = Write to attendees
tool-checkin = Check-in
tool-publish = Publish
tool-delete-draft = Delete draft…
tool-duplicate = Duplicate
tool-cover = Cover image (PNG, JPEG, GIF or WebP, up to 5 MB)
tool-upload = Upload
tool-remove-cover = Remove cover image
tool-skip = Skip this date…
tool-cancel = Cancel event…

chapter-contact = Contact:
chapter-write-to-us = Write to us
chapter-dashboard = Dashboard
chapter-new-event = New event
chapter-members = Members
chapter-write-to-members = Write to members
chapter-settings = Settings
chapter-upcoming = Upcoming events
chapter-subscribe = Subscribe to this chapter's calendar
chapter-past = Past events
chapter-children = Chapters
chapter-log-in-to-join = Log in
chapter-log-in-to-join-rest = to join this chapter.
chapter-join = Join { $name }
chapter-join-pending = Your request to join is waiting for an organizer.
chapter-you-organize = You are an organizer of this chapter.
chapter-you-are-member = You are a member of this chapter.
chapter-leave = Leave
chapter-part-of = part of
chapter-declined = An organizer declined your request to join. You can still come to the chapter's public events
chapter-declined-or = , or
chapter-declined-write = write to the chapter

# How a series repeats.
series-every-weeks = { $count ->
    [one] every week
   *[other] every { $count } weeks
}
series-monthly = the { $nth ->
    [1] 1st
    [2] 2nd
    [3] 3rd
    [4] 4th
   *[0] last
} { $weekday } of each month
calendar-my-events = { $name }: my events
embed-title = Events: { $chapter }
embed-all-events = All events of { $chapter }
