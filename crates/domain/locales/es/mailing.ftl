# Los anuncios que envía un organizador, la cronología del correo y las páginas de entrega.

## Anuncios (announce.rs)
mailing-people = { $count ->
    [one] 1 persona
   *[other] { $count } personas
}
mailing-audience-members = Miembros de { $chapter }
mailing-audience-members-branches = Miembros de { $chapter } y de sus secciones
mailing-write-title = Escribir a las personas de { $name }
mailing-to = Para
mailing-subject = Asunto
mailing-message = Mensaje
mailing-markdown-hint = Markdown: **negrita**, *cursiva*, [un enlace](https://…), listas con - al comienzo de una línea.
mailing-nothing-sent-yet = Todavía no se envía nada: la página siguiente muestra el mensaje y cuántas personas lo reciben.
mailing-preview = Vista previa
mailing-check-title = Revisar y enviar
mailing-goes-to = Esto va a { $people }: { $audience }. Cada una recibe su propia copia; se excluye a quienes desactivaron estos mensajes y a las direcciones que rechazan el correo.
mailing-subject-line = Asunto: { $subject }
mailing-send-to = { $count ->
    [one] Enviar a 1 persona
   *[other] Enviar a { $count } personas
}
mailing-change-it = Modificarlo
mailing-error-audience = Elija a quién escribir.
mailing-error-nobody = No hay nadie en el grupo que eligió, así que no hay a quién enviarlo.
# La última línea de un correo de anuncio, en el idioma de quien lo recibe.
mailing-why-event = Recibe este mensaje porque respondió a la invitación a { $event }. Puede desactivar los mensajes como este con el enlace para cancelar la suscripción.
mailing-why-chapter = Recibe este mensaje como miembro de { $chapter }. Puede desactivar los mensajes como este con el enlace para cancelar la suscripción.
mailing-progress-title = Anuncio: { $subject }
mailing-progress-written = { $count ->
    [one] Escrito a 1 persona. El envío continúa sin esta página; vuelva cuando quiera.
   *[other] Escrito a { $count } personas. El envío continúa sin esta página; vuelva cuando quiera.
}
mailing-progress-sent = Enviados
mailing-progress-not-sent = No enviados (desactivados, rechazados o fallidos)
mailing-progress-left = Por enviar
mailing-progress-done = Todo listo.
mailing-progress-sending = Enviando…
mailing-refresh = Actualizar
mailing-the-message = El mensaje

## La cronología del correo de un evento (timeline.rs)
mailing-timeline-title = Cronología del correo: { $event }
mailing-reminders = Recordatorios
mailing-reminders-off = Los recordatorios están desactivados para este evento.{" "}
mailing-choose-reminders = Elegir recordatorios
mailing-reminders-to = A todas las personas que van (y confirmaron).{" "}
mailing-change-reminders = Cambiar los recordatorios
mailing-col-when = Cuándo
mailing-col-reminder = Recordatorio
mailing-col-to = Para
mailing-col-status = Estado
mailing-reminder-due = Ya llegó su hora: vea abajo lo que se envió.
mailing-reminder-planned = Programado
mailing-reminders-hint = Quien confirma asistencia después de la hora de un recordatorio no lo recibe (su confirmación ya lo dice todo). Nadie recibe dos recordatorios con menos de 15 minutos de diferencia.
mailing-change-notice = Aviso de cambios
mailing-change-waiting = { $count ->
    [one] Cambió la hora, el lugar o el enlace en línea. Un aviso con lo que cambió se envía el { $when } a 1 persona que va o está en la lista de espera; los cambios hasta entonces van en el mismo aviso.
   *[other] Cambió la hora, el lugar o el enlace en línea. Un aviso con lo que cambió se envía el { $when } a { $count } personas que van o están en la lista de espera; los cambios hasta entonces van en el mismo aviso.
}
mailing-change-none = Ninguno pendiente. Cuando cambian la hora, el lugar o el enlace en línea del evento publicado, todas las personas que van o están en la lista de espera reciben un aviso, 10 minutos después del primer cambio.
mailing-history = Mensajes sobre este evento
mailing-none-yet = Todavía ninguno.
mailing-col-what = Qué
mailing-col-how-many = Cuántos
mailing-col-outcome = Resultado
mailing-col-queued = En cola
mailing-kind-rsvp-confirmation = Confirmaciones y respuestas
mailing-kind-reminder = Recordatorios
mailing-kind-cancellation = Avisos de cancelación
mailing-kind-change-notice = Avisos de cambios
mailing-kind-announcement = Anuncios
mailing-status-sent = Enviado
mailing-status-pending = Esperando envío
mailing-status-failed = Falló
mailing-status-withdrawn = No enviado
mailing-status-expired = No enviado: demasiado tarde para servir
mailing-status-suppressed = No enviado: la dirección rechaza el correo

## La entrega del correo, para los administradores del sitio (delivery/page.rs)
mailing-delivery-title = Entrega del correo
mailing-delivery-requeued = Los mensajes fallidos están de nuevo en la cola.
mailing-delivery-lifted = Los recordatorios y avisos pueden volver a enviarse a esa dirección.
mailing-delivery-stuck = Hay correo esperando desde hace más de { $minutes } minutos. Revise la configuración SMTP y el registro del servidor.
mailing-delivery-pending = Esperando envío
mailing-delivery-oldest = El más antiguo en espera
mailing-delivery-failed-count = Fallidos (abandonados)
mailing-delivery-suppressed-count = No enviados a direcciones suprimidas
mailing-delivery-failed = Mensajes fallidos
mailing-delivery-none = Ninguno.
mailing-delivery-requeue-all = { $count ->
    [one] Volver a poner en cola el mensaje fallido
   *[other] Volver a poner en cola los { $count } mensajes fallidos
}
mailing-delivery-col-what = Qué
mailing-delivery-col-to = Para
mailing-delivery-col-subject = Asunto
mailing-delivery-col-tries = Intentos
mailing-delivery-col-why = Motivo
mailing-delivery-col-action = Acción
mailing-delivery-requeue-label = Volver a poner en cola el mensaje { $id }
mailing-delivery-requeue = Volver a poner en cola
mailing-delivery-suppressed = Direcciones suprimidas
mailing-delivery-suppressed-text = Estas direcciones rechazaron el correo de forma definitiva. No se les envían recordatorios ni avisos de eventos; las confirmaciones y los correos de la cuenta sí.
mailing-delivery-col-address = Dirección
mailing-delivery-col-since = Desde (UTC)
mailing-delivery-lift-label = Permitir de nuevo el correo a { $address }
mailing-delivery-lift = Permitir el correo de nuevo
mailing-delivery-nothing-waiting = no hay nada en espera
mailing-delivery-minutes-ago = {" "}(hace { $minutes } min)
mailing-delivery-error-number = Eso no es un número de mensaje.
mailing-delivery-error-not-suppressed = Esa dirección no está suprimida.
