# Cómo se escriben fechas y horas: formatos de chrono. Los nombres de días
# y meses vienen de los datos del idioma, nunca de este archivo.

# "martes, 1 de diciembre de 2026"
date-long = %A, %-d de %B de %Y
date-short = %a %-d %b,{" "}
date-day-month = %-d %b
clock-format = %H:%M
date-time = { $date }, { $time }
date-range-same-day = { $date }, de { $from } a { $to }
date-range = del { $from } al { $to }
