# How dates and times are written: chrono format strings
# (https://docs.rs/chrono/latest/chrono/format/strftime/). Day and month
# names come from the locale data, never from this file.

# "Tuesday 1 December 2026"
date-long = %A %-d %B %Y
# "Sat 2 May, " (a session on another day than the event's first)
date-short = %a %-d %b,{" "}
# "1 Dec" (lists of attendance)
date-day-month = %-d %b
# "12h" is the compact clock: "7pm", "7:30pm".
clock-format = 12h
# "Tuesday 1 December 2026, 7:30pm EST"
date-time = { $date }, { $time }
# "Tuesday 1 December 2026, 7:30pm to 9pm EST"
date-range-same-day = { $date }, { $from } to { $to }
date-range = { $from } to { $to }
