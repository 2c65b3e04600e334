# Lo que puede estar mal en un formulario: los mensajes junto a sus campos (reglas del crate domain).

## Campos de texto

invalid-one-line = Escríbalo en una sola línea, sin caracteres de control.
invalid-control-character = Esto contiene un carácter de control (como un retorno de carro suelto); vuelva a escribirlo.
invalid-required = Este campo es obligatorio.
invalid-too-long = Use menos de { $max } caracteres.

## Enlaces e imágenes

invalid-link-scheme = Los enlaces deben empezar con http:// o https://.
invalid-link-empty = Ese enlace no tiene dirección después de http(s)://.
invalid-link-characters = Un enlace no puede contener espacios, comillas ni corchetes angulares.
invalid-link-long = Ese enlace es demasiado largo.
invalid-image-missing = Elija un archivo de imagen.
# $size: megabytes, como 6.2
invalid-image-large = La imagen pesa { $size } MB; el límite es de 5 MB.
invalid-image-kind = Ese archivo no es una imagen PNG, JPEG, GIF ni WebP.

## Fechas y horas

invalid-date-time-missing = Indique una fecha y una hora.
invalid-date-time-format = Indique una fecha y una hora como 2026-12-03 19:00.
invalid-year-range = Indique una fecha entre los años { $first } y { $last }.
# Formato de chrono para $when abajo: "8 de marzo de 2026 02:30".
invalid-time-skipped-when = %-d de %B de %Y %H:%M
invalid-time-skipped = { $when } no existe en { $zone }: los relojes se saltan esa hora. Elija otra hora.
invalid-time-zone = Indique una zona horaria como America/New_York.

## El formulario del evento

invalid-kind = Elija qué tipo de evento es.
invalid-language = Elija el idioma en que está escrito el evento.
invalid-ends-before-start = El final debe ser posterior al inicio.
invalid-doors-after-start = Las puertas deben abrir antes del inicio.
invalid-rsvp-window = Las confirmaciones deben cerrarse después de abrirse.
invalid-venue-name = Indique el nombre del lugar.
invalid-venue-city = Indique la ciudad o el barrio.
invalid-venue-or-link = Indique un lugar o un enlace en línea (o ambos).
invalid-capacity = El cupo es un número entero de plazas, 0 o más (déjelo vacío si no hay límite).
invalid-guests-allowed = Los acompañantes por respuesta son un número entero del 0 al 20.
invalid-visibility = Elija quién puede ver este evento.
invalid-address-reveal-hours = Indique cuántas horas antes del inicio (de 1 a 336) todos pueden ver la dirección.
invalid-address-protection = Elija quién puede ver la dirección.
invalid-tags-word = Las etiquetas son palabras sueltas (letras, dígitos, guiones) de hasta 32 caracteres.
invalid-tags-many = Use como máximo { $max } etiquetas.
# $line: la línea como se escribió, entre comillas
invalid-agenda-line = Escriba cada punto del programa como una hora y un título, por ejemplo "19:30 Bienvenida" (no { $line }).
invalid-agenda-time-skipped = { $time } no existe ese día en { $zone }.
invalid-agenda-other-line = Escriba cada línea como una hora y un título, por ejemplo "19:30 Welcome" (no { $line }).
invalid-agenda-other-title = Dé a cada hora un título de hasta 300 caracteres (no { $line }).
invalid-agenda-other-time = { $time } no es una hora del programa de arriba.
invalid-sessions-format = Escriba cada sesión como "09:30-10:45 | Título | Sala | Ponente, Ponente" (con una fecha delante, como 2027-05-02, para otro día).
invalid-session-order = { $title }: una sesión debe terminar después de empezar.
invalid-session-time-skipped = { $title }: esa hora no existe ese día en { $zone }.
invalid-speakers-format = Escriba cada ponente como "Nombre | biografía de una línea" (nombre de hasta 200 caracteres, biografía de hasta 500).
invalid-sponsors-format = Escriba cada organización como "Nombre | https://enlace | host" (el enlace y el papel son opcionales).
# $problem: uno de los mensajes invalid-link-*
invalid-sponsor-link = { $name }: { $problem }
invalid-repeat = Elija cada cuánto se repite el evento.
invalid-repeat-until = Indique la última fecha de la serie, como 2027-06-30.
invalid-repeat-until-early = La serie debe terminar después de su primera fecha.
invalid-repeat-until-late = Una serie puede durar como máximo dos años; después, cree otra.
invalid-cancel-reason = Indique un motivo (de hasta 1,000 caracteres): lo leerán las personas que pensaban venir.

## Secciones

invalid-chapter-slug = Use de 2 a 80 letras minúsculas, dígitos y guiones, como queens-branch.
invalid-chapter-name = Indique un nombre de hasta 200 caracteres.
invalid-chapter-kind = Elija nacional, distrito, sección o sección universitaria.
invalid-chapter-description-long = Use menos de 5,000 caracteres en la descripción.
invalid-contact-message-missing = Escriba su mensaje.
invalid-contact-message-long = Use menos de { $max } caracteres en su mensaje.
invalid-retention-days = Escriba un número entero de días del 1 al { $max }, o déjelo vacío para conservarlos.

## Anuncios

invalid-subject-missing = Escriba un asunto.
invalid-subject-long = Use menos de { $max } caracteres en el asunto.
invalid-body-missing = Escriba el mensaje.
invalid-body-long = Use menos de { $max } caracteres en el mensaje.

## Llegadas sin confirmar

invalid-walk-in-name-missing = Escriba su nombre.
invalid-walk-in-name-long = Use menos de { $max } caracteres en el nombre.
invalid-walk-in-name-control = Un nombre no puede contener saltos de línea ni caracteres de control.
invalid-walk-in-party = Indique cuántas personas son, de 1 a { $max }.

## Etiquetas: respuestas, destinatarios, recordatorios, tipos de correo

label-answer-going = Voy
label-answer-maybe = Quizás
label-answer-cant-go = No puedo ir
label-status-going = Va
label-status-waitlisted = En lista de espera
label-status-maybe = Quizás
label-status-cant-go = No puede ir
label-status-cancelled = Cancelada
label-attendance-going = Va
label-attendance-waitlist = Lista de espera
label-attendance-maybe = Quizás
label-attendance-cant-go = No puede ir
label-attendance-cancelled = Cancelada
label-audience-all = Todos los que respondieron (van, quizás y la lista de espera)
label-audience-going = Las personas que van
label-audience-waitlisted = Las personas en lista de espera
label-audience-checked-in = Las personas que registraron su llegada
label-audience-no-shows = Las personas que iban a ir y no registraron su llegada
label-reminder-week-before = 1 semana antes, a la misma hora local
label-reminder-day-before = 1 día antes, a la misma hora local
label-reminder-morning-of = La mañana del evento, a las 9:00 hora local
label-reminder-120m = 2 horas antes
label-reminder-30m = 30 minutos antes
label-reminder-other = un recordatorio
label-mail-reminders = Recordatorios antes de los eventos a los que confirmé asistencia
label-mail-changes = Avisos cuando un evento al que confirmé asistencia cambia de hora o de lugar
label-mail-announcements = Mensajes de los organizadores a quienes asisten o a los miembros de una sección
label-mail-digest = Un correo semanal con los próximos eventos de mis secciones (los lunes, para miembros)
