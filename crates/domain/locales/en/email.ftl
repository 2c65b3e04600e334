# Email: confirmations, the waitlist, reminders. Written for the person
# receiving them; the event's own words come from the organizer.

mail-hello = Hello { $name },
mail-when = When:
mail-where = Where:
mail-online = Online:
mail-details = Details:
mail-see-event = See the event page
mail-manage-text = Change your answer or your guests, or cancel so someone else gets the place:
mail-manage-link = Change your answer or your guests
mail-manage-rest = , or cancel so someone else gets the place.
mail-party = { $guests ->
    [0] {""}
    [one] {" "}with 1 guest (2 people)
   *[other] {" "}with { $guests } guests ({ $people } people)
}
mail-hold-note = {" "}Please confirm your place: open the link below and press "Confirm my place" by { $until }, or it goes to the next person in line.
mail-going-subject = You're going: { $event }
mail-going-lead = Thanks for your RSVP to { $event }{ $party }. See you there!
mail-waitlist-subject = You're on the waitlist: { $event }
mail-waitlist-lead = { $event } is full, so you are on the waitlist (number { $position } in line). When a place opens up, the first in line get it, and we will write to you if it is yours.
mail-maybe-subject = You said maybe: { $event }
mail-maybe-lead = Thanks for letting us know you might come to { $event }. Maybe takes no seat: if you decide to come, say so with the link below.
mail-cant-go-subject = You can't go: { $event }
mail-cant-go-lead = Thanks for letting us know you can't come to { $event }. Changed your plans? Use the link below.
mail-repeat-note = Someone (we hope you) RSVP'd again with this address. You already had an RSVP for this event, so nothing changed.{" "}
mail-repeat-subject = Your RSVP stands: { $event }
mail-promoted-subject = You're in: { $event }
mail-promoted-lead = A place opened up at { $event } and it is yours now{ $party }. See you there!
mail-reminder-subject = Reminder: { $event } starts { $when }
mail-reminder-lead = A reminder that { $event } starts { $when }. Can't come any more? Let us know with the link below, so someone else can have your place.
mail-agenda = Agenda:
# How a reminder words the start, by the real lead time.
lead-today = today at { $time }
lead-tomorrow = tomorrow at { $time }
lead-this-week = on { $day } at { $time }
lead-later = on { $date } at { $time }
# chrono formats for the two above.
lead-day-format = %A
lead-date-format = %A %-d %B
mail-cancelled-subject = Cancelled: { $event }
mail-cancelled-lead = We are sorry: { $event } has been cancelled.
mail-changed-note = Your RSVP has been changed.{" "}
mail-changed-subject = RSVP changed: { $subject }
mail-released-subject = Your place was released: { $event }
mail-released-lead = We held a place for you at { $event } but it was not confirmed in time, so it went to the next person in line. You can RSVP again on the event page.

# Account email.
mail-verify-subject = Confirm your email address
mail-verify-1 = Welcome to Turnout! Please confirm that this is your address. The link works for 24 hours; you will be asked for the password you chose.
mail-verify-2 = If you did not create an account, someone else typed your address: ignore this message and nothing happens.
mail-verify-link = Confirm my address
mail-reset-subject = Reset your Turnout password
mail-reset-1 = Someone (we hope you) asked to reset the password of your account. The link works for one hour. If it was not you, ignore this message: your password stays as it is.
mail-taken-subject = Someone tried to register with your address
mail-taken-1 = Someone (maybe you) tried to create a Turnout account with this address, which already has one.
mail-taken-2 = If it was you, log in instead, or reset your password if you have forgotten it. If it was not you, you can ignore this message.

# Change notices.
mail-change-subject = Changed: { $event }
mail-change-lead = { $event } has changed. Here is what is different:
mail-change-calendar = The attached calendar entry replaces the old one.
change-none = (none)
change-as-before = (as before)
change-address-hidden = { $name }, { $city } (the full address goes to people with a place)

# The weekly digest.
digest-subject = { $count ->
    [one] This week: 1 new event of your chapters
   *[other] This week: { $count } new events of your chapters
}
digest-new = New or changed since last week
digest-also = Also coming up
digest-why = You get this weekly email because you asked for it. Turn it off with the unsubscribe link or on your account page.
reminder-skip-after-start = not sent: its time is not before the start
reminder-skip-before-rsvp = not sent: its time had passed when they RSVP'd
reminder-skip-too-close = not sent: another reminder goes less than 15 minutes earlier
mail-checkin-text = At the door: show the QR code in this email (or this link) to an organizer, who checks you in with it: { $url }
mail-checkin-heading = At the door
mail-checkin-html = : show this code to an organizer, who scans it to check you in.
mail-checkin-alt = QR code of your check-in link
