# Accounts: logging in, registering, resetting a password, and the pages
# that say how it went.

account-email = Email
account-password = Password
account-new-password = Password (at least 8 characters)
login-forgot = Forgot your password?
login-create = Create an account
login-error-no-match = That email and password do not match an account.
register-title = Create an account
register-intro = With an account you can join chapters, RSVP with one click and see members-only events.
register-button = Create account
register-have-one = Already have one?
reset-title = Reset your password
reset-intro = Enter your address and we will email you a link to choose a new password. The link works for one hour.
reset-button = Email me a link
reset-choose-title = Choose a new password
reset-save = Save the new password
password-error-short = Please use at least { $min } characters.
password-error-long = Please use at most { $max } characters.
password-error-common = That password is one of the most common ones. Please choose another.

done-registered-title = Check your email
done-registered-text = We have sent a message to the address you gave. Open the link in it to confirm your address, then log in.
done-reset-sent-title = Check your email
done-reset-sent-text = If an account uses the address you gave, we have sent it a link to choose a new password. The link works for one hour.
done-password-reset-title = Your password was changed
done-password-reset-text = Your password was changed. You can now log in with the new password:
done-verified-title = Your address is confirmed
done-verified-text = Thank you. You can now log in:
done-address-restored-title = Your old address is back
done-address-restored-text = We write to your old address again, and everyone was logged out of the account.
done-address-restored-reset = If someone else knew your password, choose a new one now:
done-choose-new-password = choose a new password
done-unlocked-title = This device can log in
done-unlocked-text = Wrong passwords typed elsewhere no longer stop this device.
done-account-deleted-title = Your account was deleted
done-account-deleted-text = Your name and address were erased. Thank you for organizing with us.
