# The RSVP section of the event page, the pages that follow an RSVP, and
# what can be wrong with one.

rsvp-heading = RSVP
rsvp-your-name = Your name
rsvp-your-email = Your email
rsvp-guests = Guests you bring (up to { $max })
rsvp-full-no-waitlist = This event is full, and it keeps no waitlist.
rsvp-full-waitlist = This event is full. RSVP to join the waitlist; we will write to you if a place opens up.
rsvp-places-left = { $left ->
    [one] place left.
   *[other] places left.
}
rsvp-join-waitlist = Join the waitlist
rsvp-going = I'm going
rsvp-maybe = Maybe
rsvp-cant-go = Can't go
rsvp-hint = We email you a link to change your answer or cancel; no account needed.
rsvp-standing-going = You're going
rsvp-standing-going-people = You're going ({ $people } people)
rsvp-standing-waitlisted = You're on the waitlist, number { $position } in line
rsvp-standing-waitlisted-people = You're on the waitlist, number { $position } in line ({ $people } people)
rsvp-standing-maybe = You said maybe
rsvp-standing-cant-go = You said you can't go
rsvp-standing-cancelled = You cancelled
rsvp-change = change
rsvp-change-summary = Change your answer or your guests
rsvp-logged-in-as = You're logged in as
rsvp-one-click = : one click and you're on the list.
rsvp-closed-suffix = RSVPs are closed.
rsvp-closed-cancelled = This event was cancelled.
rsvp-closed-started = This event has already started.
rsvp-closed-not-published = This event is not published yet.
rsvp-closed-not-open = RSVPs have not opened yet.
rsvp-closed-early = RSVPs have closed.

rsvp-error-answer = Please choose going, maybe or can't go.
rsvp-error-no-guests = This event does not take guests: each person RSVPs for themselves.
rsvp-error-too-many-guests = { $max ->
    [one] You can bring up to 1 guest to this event.
   *[other] You can bring up to { $max } guests to this event.
}
rsvp-error-guests-number = Guests is a whole number from 0 to { $max }.
rsvp-error-name-missing = Please enter your name.
rsvp-error-name-long = Please keep your name under { $max } characters.
rsvp-error-name-control = Your name cannot contain line breaks or control characters.
email-error-missing = Please enter your email address.
email-error-long = That email address is too long.
email-error-spaces = An email address cannot contain spaces or line breaks.
email-error-no-at = An email address needs an @, like name@example.org.
email-error-shape = That does not look like an email address (name@example.org).
email-error-characters = That email address has characters mail servers do not accept.
email-error-domain = The part after the @ does not look like a domain (example.org).
form-check-fields = { $count ->
    [one] Please check the form: 1 field needs attention.
   *[other] Please check the form: { $count } fields need attention.
}

check-email-title = Check your email
check-email-text = Thanks, { $name }. We have sent the details of your RSVP to { $email } for { $event }, { $when }: whether you have a place or are on the waitlist, and where to go.
check-email-spam = Nothing there after a few minutes? Check your spam folder.
back-to-event = Back to the event

manage-title = Your RSVP
manage-email-choices = Choose which emails you get
manage-email-choices-rest = (reminders can be turned off).
manage-going = You're going, { $name }.
manage-going-party = { $guests ->
    [one] { $people } people in all (you and 1 guest).
   *[other] { $people } people in all (you and { $guests } guests).
}
manage-promotions-over = Places no longer go to the waitlist this close to the start.
manage-waitlist-promise = When a place opens up, the first in line get it, and we will write to you if it is yours.
manage-maybe = You said maybe, { $name }. Maybe takes no seat.
manage-cant-go = You said you can't go, { $name }.
manage-cancelled = Your RSVP is cancelled.
manage-changed-mind = Changed your mind?
manage-rsvp-again = RSVP again on the event page
manage-held-until = Your place is held until { $until }. Confirm it so it stays yours:
manage-confirm = Confirm my place
manage-change = Change your answer
manage-answer-going = Going
manage-no-changes = Your answer can no longer be changed.
manage-cancel = Cancel my RSVP
manage-cancel-note = Cancelling gives your place to the next person in line.
