# Las páginas del organizador para sus eventos: el formulario, el panel, publicar, cancelar, borrar, portadas.

## El formulario del evento (form_view.rs, workflow.rs)

org-new-event-title = Nuevo evento
org-edit-title = Editar: { $title }
org-field-kind = Tipo
org-field-title = Título
org-field-summary = Resumen (una o dos frases)
org-field-description = Descripción
org-field-description-hint = Markdown: **negrita**, [enlaces](https://…), listas.
org-field-language = Idioma del texto
org-field-language-hint = El idioma en que escribe el título, el resumen, la descripción, el programa y las notas del lugar. También puede darlos en el otro idioma, más abajo.
org-legend-when = Cuándo
org-field-starts = Empieza
org-field-ends = Termina
org-field-doors-open = Apertura de puertas (opcional)
org-field-time-zone = Zona horaria
org-field-repeat = Se repite
org-repeat-none = No se repite
org-repeat-weekly = Cada semana
org-repeat-biweekly = Cada dos semanas
org-repeat-monthly = Cada mes, el mismo día de la semana (p. ej. el 2.º martes)
org-field-repeat-until = Se repite hasta (última fecha)
# La fecha de una reunión de una serie, en formato de chrono ("1 de diciembre de 2026").
org-series-date-format = %-d de %B de %Y
# $rule: cómo se repite la serie.
org-series-occurrence = Esta es la reunión del { $date } de una serie ({ $rule }).
org-apply-one = Cambiar solo esta fecha
org-apply-following = Cambiar esta fecha y todas las siguientes
org-legend-where = Dónde
org-field-saved-venue = Un lugar que esta sección ya usó
org-saved-venue-none = (escriba un lugar abajo)
org-saved-venue-hint = Al elegir uno se completan los campos del lugar que deje vacíos.
org-field-venue-name = Nombre del lugar
org-field-street-address = Dirección
org-field-suite = Oficina o piso
org-field-city = Ciudad o barrio
org-field-transit = Cómo llegar en transporte público
org-field-accessibility = Notas de accesibilidad
org-field-address-protection = Quién puede ver la dirección
org-address-public = Todos
org-address-rsvps = Solo las personas que van (en sus correos y calendarios)
org-address-hours = Las personas que van, y todos desde algunas horas antes
org-field-reveal-hours = …todos desde esta cantidad de horas antes del inicio
org-field-online-url = Transmisión en vivo o enlace en línea
org-legend-programme = Programa y participantes
org-field-agenda = Programa
org-field-agenda-hint = Un punto por línea: 18:30 Apertura de puertas y cena
org-field-speakers = Oradores
org-field-speakers-hint = Uno por línea: Nombre | biografía de una línea
org-field-sessions = Sesiones (escuelas de un día, conferencias)
org-field-sessions-hint = Una por línea: 09:30-10:45 | Título | Sala | Orador, Oradora (empiece con una fecha como 2027-05-02 para otro día)
org-field-sponsors = Copatrocinadores y anfitrión
org-field-sponsors-hint = Uno por línea: Nombre | https://enlace | host (el enlace y 'host' son opcionales)
org-field-tags = Etiquetas (separadas por comas)
org-field-cohosts = Secciones coorganizadoras (sus direcciones, separadas por comas)
org-field-cohosts-hint = Cada sección nombrada recibe una invitación: el evento aparece con ella cuando sus organizadores aceptan.
org-invited = Invitadas:
org-cohost-pending = Esperando respuesta
org-cohost-accepted = Aceptada
org-cohost-declined = Rechazada
org-legend-other-language = En el otro idioma (opcional)
org-other-language-hint = Inglés si escribió el evento en español, español si lo escribió en inglés. Cada lector ve su idioma donde usted lo da, y si no, su texto de arriba.
org-field-title-other = Título en el otro idioma
org-field-summary-other = Resumen en el otro idioma
org-field-description-other = Descripción en el otro idioma
org-field-description-other-hint = Markdown, como la descripción.
org-field-agenda-other = Programa en el otro idioma
org-field-agenda-other-hint = Los títulos para las horas del programa: 19:00 Welcome
org-field-transit-other = Cómo llegar, en el otro idioma
org-field-accessibility-other = Notas de accesibilidad en el otro idioma
org-legend-rsvps = Respuestas
org-field-visibility = Quién puede verlo
org-visibility-public = Público
org-visibility-members-only = Solo para miembros
org-visibility-unlisted = No listado
org-field-capacity = Capacidad (vacío: sin límite)
org-capacity-hint = Bajar la capacidad por debajo del número de personas que van no quita a nadie que ya va; nadie pasa de la lista de espera hasta que se liberen plazas.
org-going-now = { $count ->
    [one] Van ahora: 1 persona
   *[other] Van ahora: { $count } personas
}
org-field-overflow = Cuando esté completo (sala adicional, transmisión…)
org-field-guests-allowed = Acompañantes que puede traer cada respuesta
org-field-rsvp-opens = Las respuestas se abren (opcional)
org-field-rsvp-closes = Las respuestas se cierran (opcional)
org-tick-show-maybe = Mostrar en la página del evento cuántos dijeron "quizás"
org-tick-maybe-reminder = Enviar el recordatorio del día anterior también a quienes dijeron "quizás"
org-tick-no-waitlist = Sin lista de espera: cuando esté completo, no aceptar más respuestas
org-tick-guests-confirm = Las personas sin cuenta confirman por correo electrónico: su plaza se reserva hasta que lo hagan
org-reminders-legend = Recordatorios por correo electrónico
org-reminders-hint = A todas las personas que van. Un recordatorio cuya hora ya pasó cuando alguien responde no se le envía, y nadie recibe dos en menos de 15 minutos. Los cambios en una serie se aplican a sus fechas siguientes.
org-save-draft = Guardar como borrador
org-publish = Publicar

## Guardar el formulario (workflow.rs, form.rs)

# $slug: el nombre tal como se escribió, entre comillas.
org-error-no-such-cohost = No hay ninguna sección llamada { $slug }. Use la dirección de la sección, como queens.
org-error-series-no-date = Ninguna fecha de esta serie existe en su zona horaria.
org-error-series-not-yours = Algunas fechas siguientes de esta serie no le corresponde gestionarlas, así que no se cambió nada. Edite esta fecha por separado.
# $fields: los nombres de los campos que difieren.
org-conflict = Otra persona guardó este evento después de que usted lo abrió. Su versión está en el formulario; lo que está guardado ahora aparece junto a cada campo que difiere ({ $fields }). Guarde de nuevo para reemplazarlo con la suya.
# Los nombres de los campos en esa lista.
org-conflict-field-kind = tipo
org-conflict-field-title = título
org-conflict-field-summary = resumen
org-conflict-field-description = descripción
org-conflict-field-starts-at = inicio
org-conflict-field-ends-at = fin
org-conflict-field-doors-open-at = apertura de puertas
org-conflict-field-time-zone = zona horaria
org-conflict-field-venue-name = nombre del lugar
org-conflict-field-venue-street-address = dirección
org-conflict-field-venue-suite = oficina o piso
org-conflict-field-venue-city = ciudad o barrio
org-conflict-field-venue-transit = cómo llegar
org-conflict-field-venue-accessibility = accesibilidad
org-conflict-field-language = idioma del texto
org-conflict-field-title-other = título en el otro idioma
org-conflict-field-summary-other = resumen en el otro idioma
org-conflict-field-description-other = descripción en el otro idioma
org-conflict-field-agenda-other = programa en el otro idioma
org-conflict-field-venue-transit-other = cómo llegar en el otro idioma
org-conflict-field-venue-accessibility-other = accesibilidad en el otro idioma
org-conflict-field-online-url = enlace en línea
org-conflict-field-capacity = capacidad
org-conflict-field-overflow-note = cuando esté completo
org-conflict-field-guests-allowed = acompañantes
org-conflict-field-rsvp-opens-at = apertura de respuestas
org-conflict-field-rsvp-closes-at = cierre de respuestas
org-conflict-field-visibility = quién puede verlo
org-conflict-field-address-protection = quién puede ver la dirección
org-conflict-field-address-reveal-hours = horas antes para mostrar la dirección
org-conflict-field-tags = etiquetas
org-conflict-field-agenda = programa
org-conflict-field-speakers = oradores
org-conflict-field-sessions = sesiones
org-conflict-field-sponsors = copatrocinadores
org-conflict-field-cohosts = secciones coorganizadoras
org-conflict-no-fields = ninguno de los campos de este formulario
org-conflict-saved-now = Guardado ahora: { $value }
org-conflict-empty = (vacío)

## Publicar, cancelar, saltar, borrar, duplicar (confirm.rs, lifecycle.rs)

org-only-draft-publish = Solo se puede publicar un borrador.
org-only-published-cancel = Solo se puede cancelar un evento publicado.
org-only-series-skip = Solo se puede saltar una fecha de una serie que se repite.
org-only-draft-delete = Solo se puede borrar un borrador; cancele un evento publicado.
org-cancel-changed-meanwhile = Este evento cambió mientras tanto y ya no está publicado; no se hizo nada.
org-skip-changed-meanwhile = Esta fecha cambió mientras tanto (se publicó, se canceló o se quitó); no se hizo nada. Ábrala de nuevo.
org-delete-has-rsvps-refused = Hay personas que respondieron a este evento; publíquelo y cancélelo para que se les avise.
# Se guarda como motivo de la cancelación de una fecha saltada, en el idioma del evento.
org-skip-reason = Esta fecha de la serie queda suspendida.
# $errors: lo que está mal en el evento.
org-error-cannot-copy = Este evento no se puede copiar tal como está: { $errors }
org-nobody-emailed = No se enviará ningún correo
org-nobody-emailed-no-rsvps = : nadie ha respondido a este evento.
org-will-be-emailed = { $count ->
    [one] Se enviará un correo a 1 persona
   *[other] Se enviará un correo a { $count } personas
}
# Una parte de "(2 van, 1 en lista de espera)": $status es going, waitlisted, maybe o cant_go.
org-told-part = { $count } { $status ->
    [going] { $count ->
        [one] va
       *[other] van
    }
    [waitlisted] en lista de espera
    [maybe] { $count ->
        [one] dijo quizás
       *[other] dijeron quizás
    }
   *[cant_go] { $count ->
        [one] no puede ir
       *[other] no pueden ir
    }
}
org-back-to-event = Volver al evento
org-nothing-changes = (no cambia nada)
org-cancel-title = Cancelar: { $title }
org-cancel-emailed-what = para avisar que está cancelado, con su motivo y una actualización que lo quita de sus calendarios.
org-cancel-stays = Un evento cancelado sigue en su página, marcado como cancelado. Esto no se puede deshacer.
org-cancel-reason = Motivo (las personas lo leen en el correo)
org-cancel-button = Cancelar el evento
org-cancel-button-email = { $count ->
    [one] Cancelar el evento y escribir a 1 persona
   *[other] Cancelar el evento y escribir a { $count } personas
}
org-skip-title = Saltar esta fecha: { $title }
org-skip-series-occurrence = Esta es la reunión del { $date } de una serie ({ $rule }). Las otras fechas quedan como están.
org-skip-removed = Nadie ha respondido, así que la fecha se quita de la serie.
org-skip-kept = Hay personas que respondieron, así que la fecha se mantiene, marcada como cancelada, en lugar de quitarse.
org-skip-emailed-what = para avisar que esta fecha queda suspendida, con una actualización que la quita de sus calendarios.
org-skip-hint = Si alguien responde antes de que usted pulse el botón, la fecha se cancela en lugar de quitarse, y también se le escribe.
org-skip-button = Saltar esta fecha
org-delete-title = Borrar borrador: { $title }
org-delete-text = Se borran el borrador y todo su contenido. Esto no se puede deshacer.
org-delete-nobody-emailed = : un borrador no es público y no tiene respuestas.
org-delete-button = Borrar el borrador
org-delete-has-rsvps = { $count ->
    [one] 1 persona respondió a este evento, así que no se puede borrar sin avisarle.
   *[other] { $count } personas respondieron a este evento, así que no se puede borrar sin avisarles.
}

## El panel de la sección (dashboard.rs)

org-dashboard-title = Panel: { $chapter }
org-dashboard-members = Miembros
org-dashboard-saved-venues = Lugares guardados
org-dashboard-invitations = Invitaciones a coorganizar
org-dashboard-invitations-text = Otra sección nombró a { $chapter } como coorganizadora. Hasta que usted acepte, el evento no aparece con { $chapter } y no se le muestran sus asistentes. Una invitación rechazada sigue rechazada.
org-dashboard-cohosting = Coorganizando
org-dashboard-upcoming = Próximos
org-dashboard-drafts = Borradores
org-dashboard-past = Pasados
org-dashboard-none = Ninguno.
org-dashboard-when = Cuándo
org-dashboard-event = Evento
org-dashboard-status = Estado
org-dashboard-going = Van
org-dashboard-waitlist = Lista de espera
org-dashboard-attendance = Asistencia
org-status-draft = Borrador
org-status-published = Publicado
org-status-cancelled = Cancelado
org-dashboard-a-draft = (un borrador)
org-dashboard-hosted-by = organizado por { $chapter }
org-dashboard-attendees = Asistentes
org-dashboard-accept = Aceptar
org-dashboard-decline = Rechazar
org-dashboard-stop-cohosting = Dejar de coorganizar
org-invitation-stays-declined = Esta invitación fue rechazada, y una invitación rechazada sigue rechazada.
org-chart-capacity = { $going } van de { $capacity } plazas, { $waiting } en la lista de espera
org-chart-no-limit = { $going } van, sin límite de capacidad
org-turnout-heading = Respondieron y asistieron
org-turnout-rsvpd = Respondieron
org-turnout-attended = Asistieron

## Imágenes de portada (covers.rs)

org-cover-not-saved = La imagen no se guardó
org-cover-unreadable = No se pudo leer el archivo subido: { $error }

## Entradas y suscripciones de calendario (ics.rs, calendars.rs)

org-ics-cancelled = CANCELADO: { $reason }
org-ics-online = En línea: { $url }
org-ics-members-only = [Solo para miembros] { $title }
org-feed-all-name = Todos los eventos públicos
org-feed-bad-lang = El parámetro lang del calendario es en (inglés) o es (español).
