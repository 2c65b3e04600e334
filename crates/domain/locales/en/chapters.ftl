# Chapter administration, settings, venues, membership and the contact form; the account page and unsubscribing.

## The account page.
acct-title = My account
acct-none = None.
acct-my-chapters = My chapters
acct-no-chapters = You have not joined a chapter yet.
acct-find-one = Find one
acct-waiting-approval = (waiting for approval)
acct-upcoming-rsvps = Upcoming RSVPs
acct-past-rsvps = Past RSVPs
acct-my-calendar = My calendar
acct-calendar-new = Your private calendar address. Add it to your calendar app as a subscription; it is shown only now:
acct-calendar-text = A private address that lists the events you RSVP'd to, for your calendar app to subscribe to. Anyone with the address can read it.
acct-calendar-renew = Make a new address (the old one stops working)
acct-calendar-create = Create my calendar address
acct-change-password = Change password
acct-current-password = Current password
acct-new-password = New password
acct-change-email = Change email address
acct-new-address = New address
acct-send-confirmation = Send a confirmation link
acct-email-you-get = Email you get
acct-choose-emails = Choose which emails you get
acct-choose-emails-rest = : reminders, change notices and announcements can be turned off, and a weekly email of your chapters' upcoming events turned on.
acct-sessions = Sessions
acct-log-out-everywhere = Log out everywhere
acct-your-data = Your data
acct-download-data = Download my data (JSON)
acct-delete = Delete my account
acct-delete-text = Your name and address are erased. Your past RSVPs stay counted, without your name. This cannot be undone.
acct-done-password = Your password was changed. Every other device was logged out.
acct-done-email-sent = We have sent a confirmation link to your new address. Your address changes when you open it.
acct-done-email-changed = Your address was changed. From now on we write to the address shown here.
acct-error-wrong-password = That is not your current password.

## Changing the address of an account.
acct-mail-confirm-subject = Confirm your new email address
acct-mail-confirm-1 = Someone logged in to a Turnout account asked to use this address for it. If that was you, open the link in the same browser, while logged in; it works for 24 hours. Until then the old address stays in use.
acct-mail-confirm-2 = If it was not you, ignore this message: the address is not added to anyone's account.
acct-confirm-new-address-title = Confirm your new address
acct-confirm-new-address-text = Press the button to start using this address for your account.
acct-confirm-new-address-button = Confirm my new address
acct-link-gone-title = This link no longer works
acct-link-gone-text = The link has expired or was already used.
acct-wrong-browser-title = Open this link where you asked for it
acct-wrong-browser-1 = A new address is confirmed in the browser where the change was asked for, while logged in to that account.
acct-wrong-browser-2 = If you did not ask for it, there is nothing to do: your address was not added to any account.
acct-address-taken-title = That address is taken
acct-address-taken-text = Another account uses that address, so yours was not changed.
acct-mail-changed-subject = The address of your Turnout account was changed
acct-mail-changed-1 = Your Turnout account now uses { $email } instead of this address.
acct-mail-changed-2 = If you did not do this, open the link within 7 days to put this address back. It also logs everyone out of the account; then choose a new password.
acct-mail-changed-link = Undo the change
acct-undo-title = Put your old address back
acct-undo-text = Press the button to use this address for your account again. Everyone logged in to the account is logged out; then choose a new password.
acct-undo-button = Put my address back
acct-undo-taken-text = Another account uses that address now, so it could not be put back. Please write to the site's operators.
acct-link-expired-text = The link has expired or was already used. Links in our emails work once.

## Choosing which emails someone gets, from the link in an email.
acct-prefs-bad-link = This link is not complete or was changed. Please use the link from the email as it came.
acct-prefs-bad-category = That kind of email is not one you can turn off.
acct-prefs-bad-choice = Choose to turn it off or on.
acct-prefs-saved = Saved.
acct-prefs-for = For { $address }. Confirmations of your RSVPs, cancellations and account email always go.
acct-prefs-off = off
acct-prefs-on = on
acct-prefs-turn-on = Turn on again
acct-prefs-turn-off = Turn off
acct-prefs-unsubscribed = Unsubscribed
acct-prefs-unsubscribed-text = { $kind }: off for { $address }.

## Confirming an address, and logins paused after wrong passwords.
acct-verify-title = Confirm your address
acct-verify-intro = To finish creating your account, enter the password you chose when you registered.
acct-verify-password = Your password
acct-verify-button = Confirm my address
acct-verify-not-you = Did not create an account? Then someone else typed your address. Nothing happens unless you confirm; if you want an account with this address yourself,
acct-verify-choose-password = choose a password
acct-verify-not-you-after = {" "}instead.
acct-verify-wrong-password = That is not the password chosen for this account.
acct-confirm-first-title = Please confirm your address first
acct-confirm-first-text = We have sent a new confirmation link to { $email }. Open it, then log in.
acct-mail-unlock-subject = Logins to your account were paused
acct-mail-unlock-1 = Someone typed wrong passwords for your Turnout account many times, so logins from where they tried are paused for a while. Your password was not changed and nobody got in.
acct-mail-unlock-2 = If that was you, or you need to log in now from the same network, open the link (it works for one hour) on the device you want to use. If you think someone is guessing your password, choose a new one.
acct-mail-unlock-link = Let me log in
acct-unlock-title = Log in from this device
acct-unlock-text = Press the button on the device you want to log in from. Wrong passwords typed elsewhere will not lock it out.
acct-unlock-button = Let this device log in

## Creating and editing a chapter (site admins).
chap-new-title = New chapter
chap-edit-title = Edit { $name }
chap-form-name = Name
chap-form-slug = Address (slug)
chap-form-kind = Kind
chap-form-parent = Part of
chap-form-no-parent = (none: top level)
chap-form-time-zone = Time zone
chap-form-description = Description
chap-form-contact-email = Public contact email
chap-form-needs-approval = Joining needs an organizer's approval
chap-save = Save
chap-error-no-parent = There is no such chapter.
chap-error-parent-loop = A chapter cannot be part of itself or of one of its sub-chapters.
chap-error-slug-taken = Another chapter already uses this address.
chap-error-role = The role must be organizer or member.

## A chapter's settings.
chap-settings-title = Settings: { $name }
chap-settings-heading = Settings
chap-saved = Saved.
chap-settings-attendee-data = Attendee data
chap-settings-retention-text = The names and email addresses of the people who RSVP'd can be erased automatically a number of days after each event. The counts and who checked in stay, without names.
chap-settings-retention-label = Erase names and addresses this many days after an event
chap-settings-retention-hint = From 1 to { $max }. Leave empty to keep them.
chap-settings-language = Language
chap-settings-language-label = Pages in this language when a reader's browser asks for none Turnout has
chap-settings-bad-language = Choose English or Spanish as the chapter's language.

## Saved venues.
chap-venues-title = Saved venues: { $name }
chap-venues-intro = Changing a venue here changes it for every upcoming event held there. Events that are over keep the details they had. To move one event elsewhere, edit that event instead.
chap-venues-none = No saved venues yet: they are saved when an event names one.
chap-venues-upcoming = { $count ->
    [0] No upcoming event is held here.
    [one] 1 upcoming event is held here; saving changes it.
   *[other] { $count } upcoming events are held here; saving changes all of them.
}
chap-venue-name = Venue
chap-venue-street-address = Street address
chap-venue-suite = Suite, floor, room
chap-venue-city = City or neighbourhood
chap-venue-transit = Transit directions
chap-venue-accessibility = Accessibility
chap-venue-save = Save this venue

## Members and join requests.
chap-members-title = Members of { $name }
chap-members-name = Name
chap-members-email = Email
chap-members-role = Role
chap-members-bounced = Bounced:
chap-members-bounced-text = mail to this address is refused.
chap-members-asked = (asked to join)
chap-members-approve = Approve
chap-members-decline = Decline
chap-members-remove-organizer = Remove as organizer
chap-members-make-organizer = Make organizer
chap-role-member = member
chap-role-organizer = organizer
chap-mail-asked-subject = { $name } asks to join { $chapter }
chap-mail-asked-lead = { $name } ({ $email }) asked to join { $chapter }.
chap-mail-asked-next = Approve or decline the request on the chapter's member list. Until then they do not see members-only events.
chap-mail-asked-link = Open the member list
chap-mail-approved-subject = Welcome to { $chapter }
chap-mail-approved-lead = An organizer approved your request to join { $chapter }. You are a member now.
chap-mail-approved-next = You see the chapter's members-only events and can RSVP to them.
chap-mail-declined-subject = Your request to join { $chapter }
chap-mail-declined-lead = An organizer of { $chapter } declined your request to join.
chap-mail-declined-next = You can still come to the chapter's public events. If you think this was a mistake, write to the chapter from its page.
chap-mail-chapter-page = The chapter's page

## Writing to a chapter.
chap-contact-title = Write to { $name }
chap-contact-intro = Invite a speaker, ask a question, offer help: the chapter's organizers read every message and answer by email.
chap-contact-message = Message
chap-contact-send = Send
chap-contact-too-many = Too many messages just now. Please wait { $minutes } minute(s) and press Send again.
chap-contact-sent-title = Message sent
chap-contact-sent-text = Thank you. Your message is on its way to { $name }; they will answer at the address you gave.
chap-contact-back = Back to { $name }
chap-mail-contact-subject = Message for { $chapter } from { $name }
chap-mail-contact-wrote = { $from } wrote to { $chapter } through Turnout:
chap-mail-contact-reply = Reply to { $email } to answer.

## The audit log.
chap-audit-when = When (UTC)
chap-audit-who = Who
chap-audit-what = What
chap-audit-subject = Subject
chap-audit-detail = Detail
chap-audit-user = user #{ $id }
chap-audit-system = system
