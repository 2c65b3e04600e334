# The frame every page shares, and words used on many pages.

site-name = Turnout
nav-log-in = Log in
nav-register = Register
nav-log-out = Log out
nav-audit-log = Audit log
nav-email-delivery = Email delivery
footer-text = Turnout: events organized by our chapters.
footer-all-events = All upcoming events
# The switch to the other language, written in that language.
language-switch = Language
    .label = Language
error-see-events = See upcoming events
error-title-400 = Bad Request
error-title-403 = Forbidden
error-title-404 = Not Found
error-title-405 = Method Not Allowed
error-title-409 = Conflict
error-title-413 = Payload Too Large
error-title-422 = Unprocessable Entity
error-title-429 = Too Many Requests
error-title-500 = Internal Server Error
error-title-503 = Service Unavailable
error-title-other = Error
form-error-summary = There is a problem
people-count = { $count ->
    [one] 1 person
   *[other] { $count } people
}
people-going = { $count ->
    [one] 1 person going
   *[other] { $count } people going
}
error-not-found = We could not find that page. It may have been moved, or it may not be public.
error-stale = This changed while you were looking at it (in another tab, perhaps). Nothing was saved: please go back, reload and try again.
error-too-large = That was more than a form can hold. Please shorten it and try again.
error-too-many = { $minutes ->
    [one] Too many attempts from here. Please wait 1 minute and try again.
   *[other] Too many attempts from here. Please wait { $minutes } minutes and try again.
}
error-internal = Something went wrong on our side and nothing was saved. Please try again in a moment.
error-form-expired = This form has expired or did not come from this site. Please go back, reload the page and try again.
error-cross-site = This form was sent from another site, so it was refused.
error-no-permission = You do not have permission to see this page.
error-list-date = { $name } must be a date like 2026-12-01, between the years { $first } and { $last }, not { $value }.
error-list-chapter = There is no chapter { $slug }.
error-list-kind = There is no kind of event called { $kind }.
error-list-range = The end of the date range must not be before its start.
