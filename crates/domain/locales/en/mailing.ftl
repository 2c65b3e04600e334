# Announcements an organizer sends, the mail timeline and the delivery pages.

## Announcements (announce.rs)
mailing-people = { $count ->
    [one] 1 person
   *[other] { $count } people
}
mailing-audience-members = Members of { $chapter }
mailing-audience-members-branches = Members of { $chapter } and of its branches
mailing-write-title = Write to the people of { $name }
mailing-to = To
mailing-subject = Subject
mailing-message = Message
mailing-markdown-hint = Markdown: **bold**, *italic*, [a link](https://…), lists with - at the start of a line.
mailing-nothing-sent-yet = Nothing is sent yet: the next page shows the message and how many people get it.
mailing-preview = Preview
mailing-check-title = Check and send
mailing-goes-to = This goes to { $people }: { $audience }. Each gets their own copy; people who turned these messages off, and addresses that refuse mail, are left out.
mailing-subject-line = Subject: { $subject }
mailing-send-to = { $count ->
    [one] Send to 1 person
   *[other] Send to { $count } people
}
mailing-change-it = Change it
mailing-error-audience = Please choose whom to write to.
mailing-error-nobody = Nobody is in the group you chose, so there is nobody to send this to.
# The last line of an announcement email, in the recipient's language.
mailing-why-event = You get this because you answered the invitation to { $event }. You can turn messages like this off with the unsubscribe link.
mailing-why-chapter = You get this as a member of { $chapter }. You can turn messages like this off with the unsubscribe link.
mailing-progress-title = Announcement: { $subject }
mailing-progress-written = { $count ->
    [one] Written to 1 person. Sending goes on without this page; come back any time.
   *[other] Written to { $count } people. Sending goes on without this page; come back any time.
}
mailing-progress-sent = Sent
mailing-progress-not-sent = Not sent (turned off, refused or failed)
mailing-progress-left = Left to send
mailing-progress-done = All done.
mailing-progress-sending = Sending…
mailing-refresh = Refresh
mailing-the-message = The message

## An event's email timeline (timeline.rs)
mailing-timeline-title = Email timeline: { $event }
mailing-reminders = Reminders
mailing-reminders-off = Reminders are off for this event.{" "}
mailing-choose-reminders = Choose reminders
mailing-reminders-to = To everyone going (and confirmed).{" "}
mailing-change-reminders = Change the reminders
mailing-col-when = When
mailing-col-reminder = Reminder
mailing-col-to = To
mailing-col-status = Status
mailing-reminder-due = Its time has come: see what went out below.
mailing-reminder-planned = Planned
mailing-reminders-hint = Someone who RSVPs after a reminder's time does not get it (their confirmation says it all). Nobody gets two reminders within 15 minutes.
mailing-change-notice = Change notice
mailing-change-waiting = { $count ->
    [one] The time, place or online link changed. A notice saying what changed goes at { $when } to 1 person going or on the waitlist; edits until then are in the same notice.
   *[other] The time, place or online link changed. A notice saying what changed goes at { $when } to { $count } people going or on the waitlist; edits until then are in the same notice.
}
mailing-change-none = None waiting. When the time, place or online link of the published event changes, everyone going or on the waitlist gets one notice, 10 minutes after the first edit.
mailing-history = Messages about this event
mailing-none-yet = None yet.
mailing-col-what = What
mailing-col-how-many = How many
mailing-col-outcome = Outcome
mailing-col-queued = Queued
mailing-kind-rsvp-confirmation = RSVP confirmations and answers
mailing-kind-reminder = Reminders
mailing-kind-cancellation = Cancellation notices
mailing-kind-change-notice = Change notices
mailing-kind-announcement = Announcements
mailing-status-sent = Sent
mailing-status-pending = Waiting to go
mailing-status-failed = Failed
mailing-status-withdrawn = Not sent
mailing-status-expired = Not sent: too late to be of use
mailing-status-suppressed = Not sent: the address refuses mail

## Email delivery, for site admins (delivery/page.rs)
mailing-delivery-title = Email delivery
mailing-delivery-requeued = The failed messages are queued again.
mailing-delivery-lifted = Reminders and notices may go to that address again.
mailing-delivery-stuck = Mail has been waiting for more than { $minutes } minutes. Check the SMTP settings and the server log.
mailing-delivery-pending = Waiting to be sent
mailing-delivery-oldest = Oldest waiting
mailing-delivery-failed-count = Failed (given up)
mailing-delivery-suppressed-count = Not sent to suppressed addresses
mailing-delivery-failed = Failed messages
mailing-delivery-none = None.
mailing-delivery-requeue-all = Queue all { $count } failed messages again
mailing-delivery-col-what = What
mailing-delivery-col-to = To
mailing-delivery-col-subject = Subject
mailing-delivery-col-tries = Tries
mailing-delivery-col-why = Why
mailing-delivery-col-action = Action
mailing-delivery-requeue-label = Queue message { $id } again
mailing-delivery-requeue = Queue again
mailing-delivery-suppressed = Suppressed addresses
mailing-delivery-suppressed-text = These addresses refused mail for good. Reminders and event notices are not sent to them; confirmations and account email still are.
mailing-delivery-col-address = Address
mailing-delivery-col-since = Since (UTC)
mailing-delivery-lift-label = Let mail go to { $address } again
mailing-delivery-lift = Let mail go again
mailing-delivery-nothing-waiting = nothing is waiting
mailing-delivery-minutes-ago = {" "}({ $minutes } min ago)
mailing-delivery-error-number = That is not a message number.
mailing-delivery-error-not-suppressed = That address is not suppressed.
