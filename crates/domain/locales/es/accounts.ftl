# Cuentas: iniciar sesión, registrarse, restablecer la contraseña, y las
# páginas que dicen cómo salió.

account-email = Correo electrónico
account-password = Contraseña
account-new-password = Contraseña (al menos 8 caracteres)
login-forgot = ¿Olvidó su contraseña?
login-create = Crear una cuenta
login-error-no-match = Ese correo y esa contraseña no corresponden a ninguna cuenta.
register-title = Crear una cuenta
register-intro = Con una cuenta puede unirse a secciones, confirmar asistencia con un clic y ver los eventos solo para miembros.
register-button = Crear la cuenta
register-have-one = ¿Ya tiene una?
reset-title = Restablecer su contraseña
reset-intro = Escriba su dirección y le enviaremos un enlace para elegir una contraseña nueva. El enlace sirve durante una hora.
reset-button = Enviarme un enlace
reset-choose-title = Elija una contraseña nueva
reset-save = Guardar la contraseña nueva
password-error-short = Use al menos { $min } caracteres.
password-error-long = Use como máximo { $max } caracteres.
password-error-common = Esa contraseña es una de las más comunes. Elija otra.

done-registered-title = Revise su correo
done-registered-text = Enviamos un mensaje a la dirección que nos dio. Abra el enlace que contiene para confirmar su dirección y luego inicie sesión.
done-reset-sent-title = Revise su correo
done-reset-sent-text = Si una cuenta usa la dirección que nos dio, le enviamos un enlace para elegir una contraseña nueva. El enlace sirve durante una hora.
done-password-reset-title = Su contraseña cambió
done-password-reset-text = Su contraseña cambió. Ya puede iniciar sesión con la contraseña nueva:
done-verified-title = Su dirección está confirmada
done-verified-text = Gracias. Ya puede iniciar sesión:
done-address-restored-title = Volvió su dirección anterior
done-address-restored-text = Volvemos a escribir a su dirección anterior, y se cerraron todas las sesiones de la cuenta.
done-address-restored-reset = Si otra persona conocía su contraseña, elija una nueva ahora:
done-choose-new-password = elegir una contraseña nueva
done-unlocked-title = Este dispositivo puede iniciar sesión
done-unlocked-text = Las contraseñas equivocadas escritas en otros lugares ya no bloquean este dispositivo.
done-account-deleted-title = Su cuenta fue eliminada
done-account-deleted-text = Se borraron su nombre y su dirección. Gracias por organizarse con nosotros.
