# La sección de respuesta de la página del evento, las páginas que siguen a
# una respuesta, y lo que puede estar mal en una.

rsvp-heading = Confirmar asistencia
rsvp-your-name = Su nombre
rsvp-your-email = Su correo electrónico
rsvp-guests = Acompañantes que trae (hasta { $max })
rsvp-full-no-waitlist = Este evento está completo y no tiene lista de espera.
rsvp-full-waitlist = Este evento está completo. Responda para entrar en la lista de espera; le escribiremos si se libera una plaza.
rsvp-places-left = { $left ->
    [one] plaza libre.
   *[other] plazas libres.
}
rsvp-join-waitlist = Entrar en la lista de espera
rsvp-going = Voy
rsvp-maybe = Quizás
rsvp-cant-go = No puedo ir
rsvp-hint = Le enviamos por correo un enlace para cambiar su respuesta o cancelarla; no hace falta una cuenta.
rsvp-standing-going = Usted va
rsvp-standing-going-people = Usted va ({ $people } personas)
rsvp-standing-waitlisted = Está en la lista de espera, número { $position }
rsvp-standing-waitlisted-people = Está en la lista de espera, número { $position } ({ $people } personas)
rsvp-standing-maybe = Dijo quizás
rsvp-standing-cant-go = Dijo que no puede ir
rsvp-standing-cancelled = Canceló su respuesta
rsvp-change = cambiar
rsvp-change-summary = Cambiar su respuesta o sus acompañantes
rsvp-logged-in-as = Ha iniciado sesión como
rsvp-one-click = : un clic y está en la lista.
rsvp-closed-suffix = Las respuestas están cerradas.
rsvp-closed-cancelled = Este evento fue cancelado.
rsvp-closed-started = Este evento ya empezó.
rsvp-closed-not-published = Este evento aún no está publicado.
rsvp-closed-not-open = Las respuestas aún no están abiertas.
rsvp-closed-early = Las respuestas se cerraron.

rsvp-error-answer = Elija voy, quizás o no puedo ir.
rsvp-error-no-guests = Este evento no admite acompañantes: cada persona responde por sí misma.
rsvp-error-too-many-guests = { $max ->
    [one] Puede traer hasta 1 acompañante a este evento.
   *[other] Puede traer hasta { $max } acompañantes a este evento.
}
rsvp-error-guests-number = Los acompañantes son un número entero de 0 a { $max }.
rsvp-error-name-missing = Escriba su nombre.
rsvp-error-name-long = Su nombre debe tener menos de { $max } caracteres.
rsvp-error-name-control = Su nombre no puede contener saltos de línea ni caracteres de control.
email-error-missing = Escriba su dirección de correo electrónico.
email-error-long = Esa dirección de correo es demasiado larga.
email-error-spaces = Una dirección de correo no puede contener espacios ni saltos de línea.
email-error-no-at = Una dirección de correo necesita una @, como nombre@example.org.
email-error-shape = Eso no parece una dirección de correo (nombre@example.org).
email-error-characters = Esa dirección de correo tiene caracteres que los servidores de correo no aceptan.
email-error-domain = La parte después de la @ no parece un dominio (example.org).
form-check-fields = { $count ->
    [one] Revise el formulario: 1 campo necesita atención.
   *[other] Revise el formulario: { $count } campos necesitan atención.
}

check-email-title = Revise su correo
check-email-text = Gracias, { $name }. Hemos enviado los detalles de su respuesta a { $email } para { $event }, { $when }: si tiene plaza o está en la lista de espera, y adónde ir.
check-email-spam = ¿No ha llegado nada en unos minutos? Revise la carpeta de spam.
back-to-event = Volver al evento

manage-title = Su respuesta
manage-email-choices = Elija qué correos recibe
manage-email-choices-rest = (los recordatorios se pueden desactivar).
manage-going = Usted va, { $name }.
manage-going-party = { $guests ->
    [one] { $people } personas en total (usted y 1 acompañante).
   *[other] { $people } personas en total (usted y { $guests } acompañantes).
}
manage-promotions-over = Tan cerca del comienzo, las plazas ya no pasan a la lista de espera.
manage-waitlist-promise = Cuando se libere una plaza, la reciben los primeros de la lista, y le escribiremos si es suya.
manage-maybe = Dijo quizás, { $name }. «Quizás» no ocupa plaza.
manage-cant-go = Dijo que no puede ir, { $name }.
manage-cancelled = Su respuesta está cancelada.
manage-changed-mind = ¿Cambió de opinión?
manage-rsvp-again = Responda de nuevo en la página del evento
manage-held-until = Su plaza está guardada hasta el { $until }. Confírmela para que siga siendo suya:
manage-confirm = Confirmar mi plaza
manage-change = Cambiar su respuesta
manage-answer-going = Voy
manage-no-changes = Su respuesta ya no se puede cambiar.
manage-cancel = Cancelar mi respuesta
manage-cancel-note = Al cancelar, su plaza pasa a la siguiente persona de la lista.
