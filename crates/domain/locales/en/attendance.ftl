# Attendees, the check-in sheet, attendance and the RSVP list an organizer sees.

## The attendee list (attendance_views.rs)
att-people = { $count ->
    [one] 1 person
   *[other] { $count } people
}
att-tally-label = People by answer
att-checked-in = Checked in
att-not-checked-in = Not checked in
att-tally-walk-ins = ({ $count } walk-in)
att-list-title = Attendees: { $event }
att-tool-checkin = Check people in at the door
att-tool-sheet = Printable sign-in sheet
att-tool-csv = Download as CSV
att-col-name = Name
att-col-email = Email
att-col-answer = Answer
att-col-guests = Guests
att-col-rsvpd = RSVP'd
att-col-waitlist = Waitlist
att-col-by-hand = By hand
att-col-notes = Notes
att-filter-all = All
att-filter-either = Either
att-filter-show = Show
att-showing = Showing { $shown } of { $total } RSVPs.
att-name-walk-in = {" "}(walk-in)
att-bounced = Bounced:
att-bounced-text = {" "}mail to this address is refused, so no reminders or notices reach it.
att-checked-in-yes = Yes, { $when }
att-checked-in-no = No
att-promote = Promote
att-remove-link = Remove…
# The CSV export's first line: column names for spreadsheets (the rows hold codes: going, yes, no).
att-csv-header = name,email,answer,guests,people,rsvp_at,waitlist_position,checked_in_at,attended,walk_in

## The sign-in sheet
att-sheet-title = Sign-in sheet: { $event }
att-sheet-heading = Sign-in: { $event }
att-sheet-when = { $date }, { $time } · { $count } RSVPs
att-sheet-print = Print this page from the browser (A4 or Letter).{" "}
att-back-to-list = Back to the attendee list
att-sheet-here = Here
att-sheet-box = box to tick
att-sheet-maybe = {" "}(maybe)

## Check-in at the door (checkin_views.rs, checkin.rs)
att-walk-in = Walk-in
att-party-guests = { $count ->
    [one] +1 guest
   *[other] +{ $count } guests
}
att-arrived = Checked in { $when }
att-undo = Undo
att-undo-label = Undo check-in of { $name }
att-check-in = Check in
att-check-in-label = Check in { $name }
att-door-title = Check-in: { $event }
att-door-count = {" "}checked in · { $going } going
att-door-added = { $name } is added and checked in.
att-find-by-name = Find by name
att-find = Find
att-names = { $count } names
att-names-match = { $shown } of { $total } names match
att-walk-in-heading = Add a walk-in
att-walk-in-not-added = The walk-in was not added:
att-walk-in-name = Name
att-walk-in-email = Email (optional)
att-walk-in-party = People in the party
att-walk-in-count = {" "}Count against capacity
att-walk-in-places-left = { $left ->
    [one] {" "}({ $left } place left)
   *[other] {" "}({ $left } places left)
}
att-walk-in-no-limit = {" "}(no capacity limit)
att-walk-in-submit = Add and check in
att-attendee-list = Attendee list
att-sign-in-sheet = Sign-in sheet
att-link-cancelled = This RSVP was cancelled.
att-link-open-list = Open the check-in list
att-link-title = Check-in link
att-link-not-found = We could not find that page. A check-in link opens only for the organizers of its event.
att-link-organizers = Organizers:{" "}
att-link-log-in = log in
att-link-scan-again = , then scan the code again.
att-error-walk-in-full = { $left ->
    [one] The event is full: 1 place left, not enough for { $people } more. Untick “count against capacity” to let them in anyway.
   *[other] The event is full: { $left } places left, not enough for { $people } more. Untick “count against capacity” to let them in anyway.
}
att-error-walk-in-already = This address already has an RSVP for this event: find the name in the list and check them in.

## Promoting and removing by hand (organizer.rs)
att-error-promote-not-waitlisted = Only someone on the waitlist can be promoted; nothing changed.
att-error-promote-no-room = There are not enough free places for this party of { $people }. Raise the capacity first, or wait for a cancellation; nothing changed.
att-error-remove-cancelled = This RSVP was already cancelled; nothing to remove.
att-error-already-cancelled = This RSVP was already cancelled; nothing changed.
att-remove-title = Remove { $name }?
att-remove-question = { $people ->
    [one] Remove the RSVP of { $name } ({ $status }) from { $event }?
   *[other] Remove the RSVP of { $name } ({ $status }, { $people } people) from { $event }?
}
att-remove-not-emailed = { $name } is not emailed.
att-remove-frees = {" "}Their places go to the waitlist: whoever is promoted is emailed "You're in".
att-remove-button = Remove { $name }

## Answering and changing an RSVP (form.rs, guest.rs, change.rs, manage.rs)
att-error-form-unreadable = The form could not be read ({ $why }). Please go back and try again.
att-error-too-many-rsvps = Too many RSVPs from here just now. Please wait { $minutes } minute(s) and press RSVP again; what you typed is kept.
att-error-full-places-left = Only { $left } place(s) left: fewer guests might fit. This event keeps no waitlist; nothing was recorded.
att-error-full-no-waitlist = This event is full and keeps no waitlist; nothing was recorded.
att-error-no-room = { $left ->
    [0] The event is full, with no place left for that. Your RSVP is as it was.
    [one] Only 1 more place is left, so that many guests cannot come. Your RSVP is as it was.
   *[other] Only { $left } more places are left, so that many guests cannot come. Your RSVP is as it was.
}
att-error-closed-no-change = { $why } Your RSVP can no longer be changed; nothing changed.
att-error-nothing-to-confirm = There is no place waiting to be confirmed on this RSVP (it is confirmed already, or it was released).
att-error-started-no-change = This event has already started, so the RSVP can no longer be changed.
