# El marco que comparten todas las páginas, y palabras de muchas páginas.

site-name = Turnout
nav-log-in = Iniciar sesión
nav-register = Registrarse
nav-log-out = Cerrar sesión
nav-audit-log = Registro de auditoría
nav-email-delivery = Envío de correo
footer-text = Turnout: eventos organizados por nuestras secciones.
footer-all-events = Todos los próximos eventos
language-switch = Idioma
    .label = Idioma
error-see-events = Ver los próximos eventos
error-title-400 = Solicitud incorrecta
error-title-403 = Prohibido
error-title-404 = No encontrado
error-title-405 = Método no permitido
error-title-409 = Conflicto
error-title-413 = Demasiado grande
error-title-422 = No se puede procesar
error-title-429 = Demasiadas solicitudes
error-title-500 = Algo salió mal
error-title-503 = No disponible
error-title-other = Error
form-error-summary = Hay un problema
people-count = { $count ->
    [one] 1 persona
   *[other] { $count } personas
}
people-going = { $count ->
    [one] 1 persona va
   *[other] { $count } personas van
}
error-not-found = No encontramos esa página. Puede que se haya movido o que no sea pública.
error-stale = Esto cambió mientras lo miraba (quizás en otra pestaña). No se guardó nada: vuelva atrás, recargue la página e inténtelo de nuevo.
error-too-large = Eso era más de lo que cabe en un formulario. Acórtelo e inténtelo de nuevo.
error-too-many = { $minutes ->
    [one] Demasiados intentos desde aquí. Espere 1 minuto e inténtelo de nuevo.
   *[other] Demasiados intentos desde aquí. Espere { $minutes } minutos e inténtelo de nuevo.
}
error-internal = Algo salió mal de nuestro lado y no se guardó nada. Inténtelo de nuevo en un momento.
error-form-expired = Este formulario caducó o no vino de este sitio. Vuelva atrás, recargue la página e inténtelo de nuevo.
error-cross-site = Este formulario se envió desde otro sitio, así que se rechazó.
error-no-permission = No tiene permiso para ver esta página.
error-list-date = { $name } debe ser una fecha como 2026-12-01, entre los años { $first } y { $last }, no { $value }.
error-list-chapter = No hay ninguna sección { $slug }.
error-list-kind = No hay ningún tipo de evento llamado { $kind }.
error-list-range = El final del intervalo de fechas no puede ser anterior a su comienzo.
