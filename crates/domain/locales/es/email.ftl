# Correo: confirmaciones, la lista de espera, recordatorios.

mail-hello = Hola, { $name }:
mail-when = Cuándo:
mail-where = Dónde:
mail-online = En línea:
mail-details = Detalles:
mail-see-event = Ver la página del evento
mail-manage-text = Cambie su respuesta o sus acompañantes, o cancele para que otra persona tenga la plaza:
mail-manage-link = Cambiar su respuesta o sus acompañantes
mail-manage-rest = , o cancelar para que otra persona tenga la plaza.
mail-party = { $guests ->
    [0] {""}
    [one] {" "}con 1 acompañante (2 personas)
   *[other] {" "}con { $guests } acompañantes ({ $people } personas)
}
mail-hold-note = {" "}Confirme su plaza: abra el enlace de abajo y pulse «Confirmar mi plaza» antes del { $until }, o pasará a la siguiente persona de la lista.
mail-going-subject = Usted va: { $event }
mail-going-lead = Gracias por confirmar su asistencia a { $event }{ $party }. ¡Nos vemos allí!
mail-waitlist-subject = Está en la lista de espera: { $event }
mail-waitlist-lead = { $event } está completo, así que está en la lista de espera (número { $position }). Cuando se libere una plaza, la reciben los primeros de la lista, y le escribiremos si es suya.
mail-maybe-subject = Dijo quizás: { $event }
mail-maybe-lead = Gracias por avisarnos de que quizás venga a { $event }. «Quizás» no ocupa plaza: si decide venir, díganoslo con el enlace de abajo.
mail-cant-go-subject = No puede ir: { $event }
mail-cant-go-lead = Gracias por avisarnos de que no puede venir a { $event }. ¿Cambiaron sus planes? Use el enlace de abajo.
mail-repeat-note = Alguien (esperamos que usted) respondió de nuevo con esta dirección. Ya tenía una respuesta para este evento, así que nada cambió.{" "}
mail-repeat-subject = Su respuesta sigue en pie: { $event }
mail-promoted-subject = Tiene plaza: { $event }
mail-promoted-lead = Se liberó una plaza en { $event } y ahora es suya{ $party }. ¡Nos vemos allí!
mail-reminder-subject = Recordatorio: { $event } empieza { $when }
mail-reminder-lead = Le recordamos que { $event } empieza { $when }. ¿Ya no puede venir? Avísenos con el enlace de abajo para que otra persona tenga su plaza.
mail-agenda = Programa:
lead-today = hoy a las { $time }
lead-tomorrow = mañana a las { $time }
lead-this-week = el { $day } a las { $time }
lead-later = el { $date } a las { $time }
lead-day-format = %A
lead-date-format = %A %-d de %B
mail-cancelled-subject = Cancelado: { $event }
mail-cancelled-lead = Lo sentimos: { $event } ha sido cancelado.
mail-changed-note = Su respuesta ha cambiado.{" "}
mail-changed-subject = Respuesta cambiada: { $subject }
mail-released-subject = Su plaza se liberó: { $event }
mail-released-lead = Le guardamos una plaza en { $event }, pero no se confirmó a tiempo, así que pasó a la siguiente persona de la lista. Puede volver a responder en la página del evento.

# Correo de la cuenta.
mail-verify-subject = Confirme su dirección de correo
mail-verify-1 = ¡Bienvenida o bienvenido a Turnout! Confirme que esta es su dirección. El enlace sirve durante 24 horas; se le pedirá la contraseña que eligió.
mail-verify-2 = Si no creó una cuenta, otra persona escribió su dirección: ignore este mensaje y no pasará nada.
mail-verify-link = Confirmar mi dirección
mail-reset-subject = Restablecer su contraseña de Turnout
mail-reset-1 = Alguien (esperamos que usted) pidió restablecer la contraseña de su cuenta. El enlace sirve durante una hora. Si no fue usted, ignore este mensaje: su contraseña sigue igual.
mail-taken-subject = Alguien intentó registrarse con su dirección
mail-taken-1 = Alguien (quizás usted) intentó crear una cuenta de Turnout con esta dirección, que ya tiene una.
mail-taken-2 = Si fue usted, inicie sesión, o restablezca su contraseña si la olvidó. Si no fue usted, puede ignorar este mensaje.

# Avisos de cambios.
mail-change-subject = Cambió: { $event }
mail-change-lead = { $event } ha cambiado. Esto es lo que es distinto:
mail-change-calendar = La entrada de calendario adjunta reemplaza a la anterior.
change-none = (ninguno)
change-as-before = (como antes)
change-address-hidden = { $name }, { $city } (la dirección completa se envía a quienes tienen plaza)

# El resumen semanal.
digest-subject = { $count ->
    [one] Esta semana: 1 evento nuevo de sus secciones
   *[other] Esta semana: { $count } eventos nuevos de sus secciones
}
digest-new = Nuevos o cambiados desde la semana pasada
digest-also = También próximamente
digest-why = Recibe este correo semanal porque lo pidió. Desactívelo con el enlace para darse de baja o en la página de su cuenta.
reminder-skip-after-start = no se envía: su hora no es anterior al comienzo
reminder-skip-before-rsvp = no se envía: su hora ya había pasado cuando la persona respondió
reminder-skip-too-close = no se envía: otro recordatorio sale menos de 15 minutos antes
mail-checkin-text = En la puerta: muestre el código QR de este correo (o este enlace) a un organizador, que registrará su llegada con él: { $url }
mail-checkin-heading = En la puerta
mail-checkin-html = : muestre este código a un organizador, que lo escanea para registrar su llegada.
mail-checkin-alt = Código QR de su enlace de registro de llegada
