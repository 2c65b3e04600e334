# Listas de eventos, la página del evento y la página de la sección.

kind-branch_meeting = Reunión de sección
kind-public_forum = Foro público
kind-day_school = Escuela de un día
kind-conference = Conferencia
kind-fundraiser = Recaudación de fondos
kind-protest = Protesta
kind-social = Encuentro social
visibility-members_only = Solo para miembros
chapter-kind-national = Nacional
chapter-kind-district = Distrito
chapter-kind-branch = Sección
chapter-kind-campus_branch = Sección universitaria

list-empty = Todavía no hay próximos eventos.
list-cancelled = Cancelado:{" "}
home-title = Próximos eventos
filter-search = Buscar
filter-search-placeholder = vivienda, huelga, foro…
filter-chapter = Sección
filter-all-chapters = Todas las secciones
filter-kind = Tipo
filter-any-kind = Cualquier tipo
filter-tag = Etiqueta
filter-from = Desde
filter-to = Hasta
filter-submit = Buscar eventos
pages-earlier = ← Anteriores
pages-later = Siguientes →
home-chapters = Secciones

event-draft-banner = Borrador:{" "}
event-draft-banner-text = solo los organizadores de esta sección pueden ver esta página. Publíquela cuando esté lista.
event-cancelled-banner = Este evento ha sido cancelado.
event-when = Cuándo
event-doors-open = Apertura de puertas
event-where = Dónde
event-address-hidden = La dirección exacta se envía a quienes van.
event-places = Plazas
event-full-no-waitlist = Completo.
event-full-waitlist = Completo: las nuevas respuestas pasan a la lista de espera.
event-places-left = { $left ->
    [one] Queda 1 plaza
   *[other] Quedan { $left } plazas
} de { $capacity }.
event-going = Van
event-maybe = Quizás
event-sponsored-by = Patrocinado por { $names }.
event-hosted-by = Organizado por { $names }.
event-repeats = Se repite
event-repeats-text = Esta reunión se celebra { $rule }; cada fecha tiene sus propias respuestas.
event-getting-there = Cómo llegar
event-accessibility = Accesibilidad
event-online = En línea
event-add-to-calendar = Añadir al calendario:
event-calendar-ics = Apple, Outlook (.ics)
event-calendar-google = Google Calendar
event-map = Mapa (OpenStreetMap)
event-agenda = Programa
event-programme = Programa de sesiones
event-session = Sesión
event-room = Sala
event-speakers = Oradores
event-about = Acerca del evento
# Shown when some of the organizer's text is only in the language they wrote it in.
event-only-in-en = Algunos detalles de este evento solo están en inglés.
event-only-in-es = Algunos detalles de este evento solo están en español.
tool-edit = Editar
tool-attendees = Asistentes
tool-timeline = Historial de correos
tool-announce = Escribir a los asistentes
tool-checkin = Registro de entrada
tool-publish = Publicar
tool-delete-draft = Borrar borrador…
tool-duplicate = Duplicar
tool-cover = Imagen de portada (PNG, JPEG, GIF o WebP, hasta 5 MB)
tool-upload = Subir
tool-remove-cover = Quitar la imagen de portada
tool-skip = Saltar esta fecha…
tool-cancel = Cancelar el evento…

chapter-contact = Contacto:
chapter-write-to-us = Escríbanos
chapter-dashboard = Panel
chapter-new-event = Nuevo evento
chapter-members = Miembros
chapter-write-to-members = Escribir a los miembros
chapter-settings = Configuración
chapter-upcoming = Próximos eventos
chapter-subscribe = Suscribirse al calendario de esta sección
chapter-past = Eventos pasados
chapter-children = Secciones
chapter-log-in-to-join = Inicie sesión
chapter-log-in-to-join-rest = para unirse a esta sección.
chapter-join = Unirse a { $name }
chapter-join-pending = Su solicitud para unirse espera a un organizador.
chapter-you-organize = Usted organiza esta sección.
chapter-you-are-member = Usted es miembro de esta sección.
chapter-leave = Salir
chapter-part-of = parte de
chapter-declined = Un organizador rechazó su solicitud para unirse. Puede seguir viniendo a los eventos públicos de la sección
chapter-declined-or = , o
chapter-declined-write = escribir a la sección

# Cómo se repite una serie.
series-every-weeks = { $count ->
    [one] cada semana
   *[other] cada { $count } semanas
}
series-monthly = el { $nth ->
    [1] primer
    [2] segundo
    [3] tercer
    [4] cuarto
   *[0] último
} { $weekday } de cada mes
calendar-my-events = { $name }: mis eventos
embed-title = Eventos: { $chapter }
embed-all-events = Todos los eventos de { $chapter }
