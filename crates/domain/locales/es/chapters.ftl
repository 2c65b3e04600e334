# Administración de secciones, ajustes, lugares, membresía y el formulario de contacto; la página de la cuenta y darse de baja.

## La página de la cuenta.
acct-title = Mi cuenta
acct-none = Ninguna.
acct-my-chapters = Mis secciones
acct-no-chapters = Aún no se ha unido a ninguna sección.
acct-find-one = Buscar una
acct-waiting-approval = (pendiente de aprobación)
acct-upcoming-rsvps = Próximas respuestas
acct-past-rsvps = Respuestas pasadas
acct-my-calendar = Mi calendario
acct-calendar-new = Su dirección privada de calendario. Agréguela a su aplicación de calendario como suscripción; solo se muestra ahora:
acct-calendar-text = Una dirección privada que lista los eventos a los que confirmó asistencia, para que su aplicación de calendario se suscriba. Cualquier persona con la dirección puede leerla.
acct-calendar-renew = Crear una dirección nueva (la anterior deja de funcionar)
acct-calendar-create = Crear mi dirección de calendario
acct-change-password = Cambiar la contraseña
acct-current-password = Contraseña actual
acct-new-password = Contraseña nueva
acct-change-email = Cambiar la dirección de correo electrónico
acct-new-address = Dirección nueva
acct-send-confirmation = Enviar un enlace de confirmación
acct-email-you-get = Correos que recibe
acct-choose-emails = Elija qué correos recibe
acct-choose-emails-rest = : puede desactivar los recordatorios, los avisos de cambios y los anuncios, y activar un correo semanal con los próximos eventos de sus secciones.
acct-sessions = Sesiones
acct-log-out-everywhere = Cerrar sesión en todas partes
acct-your-data = Sus datos
acct-download-data = Descargar mis datos (JSON)
acct-delete = Eliminar mi cuenta
acct-delete-text = Se borran su nombre y su dirección. Sus respuestas pasadas siguen contando, sin su nombre. Esto no se puede deshacer.
acct-done-password = Su contraseña cambió. Se cerró la sesión en todos los demás dispositivos.
acct-done-email-sent = Enviamos un enlace de confirmación a su dirección nueva. Su dirección cambia cuando lo abra.
acct-done-email-changed = Su dirección cambió. Desde ahora le escribimos a la dirección que se muestra aquí.
acct-error-wrong-password = Esa no es su contraseña actual.

## Cambiar la dirección de una cuenta.
acct-mail-confirm-subject = Confirme su nueva dirección de correo electrónico
acct-mail-confirm-1 = Alguien que inició sesión en una cuenta de Turnout pidió usar esta dirección para ella. Si fue usted, abra el enlace en el mismo navegador, con la sesión iniciada; sirve durante 24 horas. Hasta entonces se sigue usando la dirección anterior.
acct-mail-confirm-2 = Si no fue usted, ignore este mensaje: la dirección no se agrega a ninguna cuenta.
acct-confirm-new-address-title = Confirme su nueva dirección
acct-confirm-new-address-text = Pulse el botón para empezar a usar esta dirección en su cuenta.
acct-confirm-new-address-button = Confirmar mi nueva dirección
acct-link-gone-title = Este enlace ya no funciona
acct-link-gone-text = El enlace venció o ya se usó.
acct-wrong-browser-title = Abra este enlace donde lo pidió
acct-wrong-browser-1 = Una dirección nueva se confirma en el navegador donde se pidió el cambio, con la sesión de esa cuenta iniciada.
acct-wrong-browser-2 = Si usted no lo pidió, no tiene que hacer nada: su dirección no se agregó a ninguna cuenta.
acct-address-taken-title = Esa dirección ya está en uso
acct-address-taken-text = Otra cuenta usa esa dirección, así que la suya no cambió.
acct-mail-changed-subject = Cambió la dirección de su cuenta de Turnout
acct-mail-changed-1 = Su cuenta de Turnout ahora usa { $email } en lugar de esta dirección.
acct-mail-changed-2 = Si no fue usted, abra el enlace en los próximos 7 días para volver a poner esta dirección. Eso también cierra todas las sesiones de la cuenta; luego elija una contraseña nueva.
acct-mail-changed-link = Deshacer el cambio
acct-undo-title = Volver a su dirección anterior
acct-undo-text = Pulse el botón para volver a usar esta dirección en su cuenta. Se cierran todas las sesiones de la cuenta; luego elija una contraseña nueva.
acct-undo-button = Volver a poner mi dirección
acct-undo-taken-text = Otra cuenta usa ahora esa dirección, así que no se pudo volver a poner. Escriba a quienes administran el sitio.
acct-link-expired-text = El enlace venció o ya se usó. Los enlaces de nuestros correos sirven una sola vez.

## Elegir qué correos recibe una persona, desde el enlace de un correo.
acct-prefs-bad-link = Este enlace está incompleto o fue modificado. Use el enlace del correo tal como llegó.
acct-prefs-bad-category = Ese tipo de correo no se puede desactivar.
acct-prefs-bad-choice = Elija desactivarlo o activarlo.
acct-prefs-saved = Guardado.
acct-prefs-for = Para { $address }. Las confirmaciones de sus respuestas, las cancelaciones y los correos de la cuenta siempre se envían.
acct-prefs-off = desactivado
acct-prefs-on = activado
acct-prefs-turn-on = Volver a activar
acct-prefs-turn-off = Desactivar
acct-prefs-unsubscribed = Suscripción cancelada
acct-prefs-unsubscribed-text = { $kind }: desactivado para { $address }.

## Confirmar una dirección, e inicios de sesión en pausa tras contraseñas equivocadas.
acct-verify-title = Confirme su dirección
acct-verify-intro = Para terminar de crear su cuenta, escriba la contraseña que eligió al registrarse.
acct-verify-password = Su contraseña
acct-verify-button = Confirmar mi dirección
acct-verify-not-you = ¿No creó una cuenta? Entonces otra persona escribió su dirección. No pasa nada a menos que usted confirme; si quiere una cuenta con esta dirección,
acct-verify-choose-password = elija una contraseña
acct-verify-not-you-after = {" "}en su lugar.
acct-verify-wrong-password = Esa no es la contraseña elegida para esta cuenta.
acct-confirm-first-title = Primero confirme su dirección
acct-confirm-first-text = Enviamos un nuevo enlace de confirmación a { $email }. Ábralo y luego inicie sesión.
acct-mail-unlock-subject = Se pausaron los inicios de sesión en su cuenta
acct-mail-unlock-1 = Alguien escribió muchas veces contraseñas equivocadas para su cuenta de Turnout, así que los inicios de sesión desde donde lo intentaron quedan en pausa por un tiempo. Su contraseña no cambió y nadie entró.
acct-mail-unlock-2 = Si fue usted, o necesita iniciar sesión ahora desde la misma red, abra el enlace (sirve durante una hora) en el dispositivo que quiera usar. Si cree que alguien está adivinando su contraseña, elija una nueva.
acct-mail-unlock-link = Permitirme iniciar sesión
acct-unlock-title = Iniciar sesión desde este dispositivo
acct-unlock-text = Pulse el botón en el dispositivo desde el que quiere iniciar sesión. Las contraseñas equivocadas escritas en otros lugares no lo bloquearán.
acct-unlock-button = Permitir que este dispositivo inicie sesión

## Crear y editar una sección (administradores del sitio).
chap-new-title = Nueva sección
chap-edit-title = Editar { $name }
chap-form-name = Nombre
chap-form-slug = Dirección (slug)
chap-form-kind = Tipo
chap-form-parent = Parte de
chap-form-no-parent = (ninguna: nivel superior)
chap-form-time-zone = Zona horaria
chap-form-description = Descripción
chap-form-contact-email = Correo electrónico de contacto público
chap-form-needs-approval = Para unirse hace falta la aprobación de un organizador
chap-save = Guardar
chap-error-no-parent = No existe esa sección.
chap-error-parent-loop = Una sección no puede ser parte de sí misma ni de una de sus subsecciones.
chap-error-slug-taken = Otra sección ya usa esta dirección.
chap-error-role = El rol debe ser organizador o miembro.

## La configuración de una sección.
chap-settings-title = Configuración: { $name }
chap-settings-heading = Configuración
chap-saved = Guardado.
chap-settings-attendee-data = Datos de los asistentes
chap-settings-retention-text = Los nombres y las direcciones de correo electrónico de las personas que confirmaron asistencia pueden borrarse automáticamente unos días después de cada evento. Los totales y quién se registró a la entrada se conservan, sin nombres.
chap-settings-retention-label = Borrar nombres y direcciones esta cantidad de días después de un evento
chap-settings-retention-hint = De 1 a { $max }. Déjelo vacío para conservarlos.
chap-settings-language = Idioma
chap-settings-language-label = Páginas en este idioma cuando el navegador del lector no pide ninguno que Turnout tenga
chap-settings-bad-language = Elija inglés o español como idioma de la sección.

## Lugares guardados.
chap-venues-title = Lugares guardados: { $name }
chap-venues-intro = Cambiar un lugar aquí lo cambia para todos los próximos eventos que se realizan allí. Los eventos que ya terminaron conservan los datos que tenían. Para trasladar un solo evento, edite ese evento.
chap-venues-none = Aún no hay lugares guardados: se guardan cuando un evento indica uno.
chap-venues-upcoming = { $count ->
    [0] Ningún próximo evento se realiza aquí.
    [one] 1 próximo evento se realiza aquí; al guardar, cambia.
   *[other] { $count } próximos eventos se realizan aquí; al guardar, cambian todos.
}
chap-venue-name = Lugar
chap-venue-street-address = Dirección
chap-venue-suite = Local, piso, sala
chap-venue-city = Ciudad o barrio
chap-venue-transit = Cómo llegar en transporte público
chap-venue-accessibility = Accesibilidad
chap-venue-save = Guardar este lugar

## Miembros y solicitudes para unirse.
chap-members-title = Miembros de { $name }
chap-members-name = Nombre
chap-members-email = Correo electrónico
chap-members-role = Rol
chap-members-bounced = Rebotado:
chap-members-bounced-text = el correo a esta dirección es rechazado.
chap-members-asked = (pidió unirse)
chap-members-approve = Aprobar
chap-members-decline = Rechazar
chap-members-remove-organizer = Quitar como organizador
chap-members-make-organizer = Hacer organizador
chap-role-member = miembro
chap-role-organizer = organizador
chap-mail-asked-subject = { $name } pide unirse a { $chapter }
chap-mail-asked-lead = { $name } ({ $email }) pidió unirse a { $chapter }.
chap-mail-asked-next = Apruebe o rechace la solicitud en la lista de miembros de la sección. Hasta entonces no verá los eventos solo para miembros.
chap-mail-asked-link = Abrir la lista de miembros
chap-mail-approved-subject = Le damos la bienvenida a { $chapter }
chap-mail-approved-lead = Un organizador aprobó su solicitud para unirse a { $chapter }. Ya es miembro.
chap-mail-approved-next = Ahora ve los eventos solo para miembros de la sección y puede confirmar su asistencia a ellos.
chap-mail-declined-subject = Su solicitud para unirse a { $chapter }
chap-mail-declined-lead = Un organizador de { $chapter } rechazó su solicitud para unirse.
chap-mail-declined-next = Puede seguir viniendo a los eventos públicos de la sección. Si cree que fue un error, escriba a la sección desde su página.
chap-mail-chapter-page = La página de la sección

## Escribir a una sección.
chap-contact-title = Escribir a { $name }
chap-contact-intro = Invite a un orador, haga una pregunta, ofrezca ayuda: los organizadores de la sección leen todos los mensajes y responden por correo electrónico.
chap-contact-message = Mensaje
chap-contact-send = Enviar
chap-contact-too-many = { $minutes ->
    [one] Demasiados mensajes en este momento. Espere 1 minuto y vuelva a pulsar Enviar.
   *[other] Demasiados mensajes en este momento. Espere { $minutes } minutos y vuelva a pulsar Enviar.
}
chap-contact-sent-title = Mensaje enviado
chap-contact-sent-text = Gracias. Su mensaje va camino a { $name }; le responderán a la dirección que nos dio.
chap-contact-back = Volver a { $name }
chap-mail-contact-subject = Mensaje para { $chapter } de { $name }
chap-mail-contact-wrote = { $from } escribió a { $chapter } a través de Turnout:
chap-mail-contact-reply = Responda a { $email } para contestar.

## El registro de auditoría.
chap-audit-when = Cuándo (UTC)
chap-audit-who = Quién
chap-audit-what = Qué
chap-audit-subject = Objeto
chap-audit-detail = Detalle
chap-audit-user = usuario n.º { $id }
chap-audit-system = sistema
