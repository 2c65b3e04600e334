# Asistentes, la hoja de entrada, la asistencia y la lista de respuestas que ve un organizador.

## La lista de asistentes (attendance_views.rs)
att-people = { $count ->
    [one] 1 persona
   *[other] { $count } personas
}
att-tally-label = Personas por respuesta
att-checked-in = Llegada registrada
att-not-checked-in = Sin llegada registrada
att-tally-walk-ins = ({ $count } sin confirmación previa)
att-list-title = Asistentes: { $event }
att-tool-checkin = Registrar la llegada de las personas en la puerta
att-tool-sheet = Hoja de asistencia para imprimir
att-tool-csv = Descargar en CSV
att-col-name = Nombre
att-col-email = Correo electrónico
att-col-answer = Respuesta
att-col-guests = Acompañantes
att-col-rsvpd = Respondió
att-col-waitlist = Lista de espera
att-col-by-hand = A mano
att-col-notes = Notas
att-filter-all = Todas
att-filter-either = Cualquiera
att-filter-show = Mostrar
att-showing = { $total ->
    [one] Se muestran { $shown } de 1 respuesta.
   *[other] Se muestran { $shown } de { $total } respuestas.
}
att-name-walk-in = {" "}(sin confirmación previa)
att-bounced = Rechazado:
att-bounced-text = {" "}esta dirección rechaza el correo, así que no le llegan recordatorios ni avisos.
att-checked-in-yes = Sí, { $when }
att-checked-in-no = No
att-promote = Dar plaza
att-remove-link = Quitar…
# La primera línea de la exportación CSV: nombres de columna para hojas de cálculo (las filas llevan códigos: going, yes, no).
att-csv-header = nombre,correo_electronico,respuesta,acompanantes,personas,respondio_el,posicion_en_espera,llegada_el,asistio,sin_confirmacion_previa

## La hoja de asistencia
att-sheet-title = Hoja de asistencia: { $event }
att-sheet-heading = Asistencia: { $event }
att-sheet-when = { $count ->
    [one] { $date }, { $time } · 1 respuesta
   *[other] { $date }, { $time } · { $count } respuestas
}
att-sheet-print = Imprima esta página desde el navegador (A4 o carta).{" "}
att-back-to-list = Volver a la lista de asistentes
att-sheet-here = Presente
att-sheet-box = casilla para marcar
att-sheet-maybe = {" "}(quizás)

## El registro de llegada en la puerta (checkin_views.rs, checkin.rs)
att-walk-in = Sin confirmación previa
att-party-guests = { $count ->
    [one] +1 acompañante
   *[other] +{ $count } acompañantes
}
att-arrived = Llegada registrada { $when }
att-undo = Deshacer
att-undo-label = Deshacer el registro de llegada de { $name }
att-check-in = Registrar llegada
att-check-in-label = Registrar la llegada de { $name }
att-door-title = Registro de entrada: { $event }
att-door-count = {" "}con llegada registrada · { $going } van
att-door-added = Se agregó a { $name } y se registró su llegada.
att-find-by-name = Buscar por nombre
att-find = Buscar
att-names = { $count ->
    [one] 1 nombre
   *[other] { $count } nombres
}
att-names-match = { $shown ->
    [one] 1 de { $total } nombres coincide
   *[other] { $shown } de { $total } nombres coinciden
}
att-walk-in-heading = Agregar a alguien sin confirmación previa
att-walk-in-not-added = No se agregó a la persona:
att-walk-in-name = Nombre
att-walk-in-email = Correo electrónico (opcional)
att-walk-in-party = Personas en el grupo
att-walk-in-count = {" "}Contar dentro de la capacidad
att-walk-in-places-left = { $left ->
    [one] {" "}(queda { $left } plaza)
   *[other] {" "}(quedan { $left } plazas)
}
att-walk-in-no-limit = {" "}(sin límite de capacidad)
att-walk-in-submit = Agregar y registrar su llegada
att-attendee-list = Lista de asistentes
att-sign-in-sheet = Hoja de asistencia
att-link-cancelled = Esta respuesta fue cancelada.
att-link-open-list = Abrir la lista de registro de entrada
att-link-title = Enlace de registro de entrada
att-link-not-found = No encontramos esa página. Un enlace de registro de entrada solo se abre para los organizadores de su evento.
att-link-organizers = Organizadores:{" "}
att-link-log-in = inicien sesión
att-link-scan-again = {" "}y luego vuelvan a escanear el código.
att-error-walk-in-full = { $left ->
    [one] El evento está completo: queda 1 plaza, no alcanza para { $people } más. Desmarque “contar dentro de la capacidad” para dejarlos entrar de todos modos.
   *[other] El evento está completo: quedan { $left } plazas, no alcanza para { $people } más. Desmarque “contar dentro de la capacidad” para dejarlos entrar de todos modos.
}
att-error-walk-in-already = Esta dirección ya tiene una respuesta para este evento: busque el nombre en la lista y registre su llegada.

## Dar plaza y quitar a mano (organizer.rs)
att-error-promote-not-waitlisted = Solo se puede dar plaza a alguien en la lista de espera; no se cambió nada.
att-error-promote-no-room = No hay suficientes plazas libres para este grupo de { $people }. Aumente primero la capacidad o espere una cancelación; no se cambió nada.
att-error-remove-cancelled = Esta respuesta ya estaba cancelada; no hay nada que quitar.
att-error-already-cancelled = Esta respuesta ya estaba cancelada; no se cambió nada.
att-remove-title = ¿Quitar a { $name }?
att-remove-question = { $people ->
    [one] ¿Quitar la respuesta de { $name } ({ $status }) de { $event }?
   *[other] ¿Quitar la respuesta de { $name } ({ $status }, { $people } personas) de { $event }?
}
att-remove-not-emailed = No se le enviará un correo a { $name }.
att-remove-frees = {" "}Sus plazas pasan a la lista de espera: a quien reciba una plaza se le enviará el correo "Tiene plaza".
att-remove-button = Quitar a { $name }

## Responder y cambiar una respuesta (form.rs, guest.rs, change.rs, manage.rs)
att-error-form-unreadable = No se pudo leer el formulario ({ $why }). Vuelva atrás e inténtelo de nuevo.
att-error-too-many-rsvps = { $minutes ->
    [one] Hay demasiadas respuestas desde aquí en este momento. Espere 1 minuto y vuelva a enviar su respuesta; lo que escribió se conserva.
   *[other] Hay demasiadas respuestas desde aquí en este momento. Espere { $minutes } minutos y vuelva a enviar su respuesta; lo que escribió se conserva.
}
att-error-full-places-left = { $left ->
    [one] Solo queda 1 plaza: quizás quepan menos acompañantes. Este evento no tiene lista de espera; no se registró nada.
   *[other] Solo quedan { $left } plazas: quizás quepan menos acompañantes. Este evento no tiene lista de espera; no se registró nada.
}
att-error-full-no-waitlist = Este evento está completo y no tiene lista de espera; no se registró nada.
att-error-no-room = { $left ->
    [0] El evento está completo, no queda plaza para eso. Su respuesta sigue como estaba.
    [one] Solo queda 1 plaza más, así que no pueden venir tantos acompañantes. Su respuesta sigue como estaba.
   *[other] Solo quedan { $left } plazas más, así que no pueden venir tantos acompañantes. Su respuesta sigue como estaba.
}
att-error-closed-no-change = { $why } Su respuesta ya no se puede cambiar; no se cambió nada.
att-error-nothing-to-confirm = No hay ninguna plaza esperando confirmación en esta respuesta (ya está confirmada o se liberó).
att-error-started-no-change = Este evento ya empezó, así que la respuesta ya no se puede cambiar.
