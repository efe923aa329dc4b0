/* crypt.h - password hashing.  The one method is the system's own
 * (apps/userutils): "$pbkdf2-sha256$ITER$SALT$HASH", PBKDF2-HMAC-SHA256
 * with base64 (no padding) salt and hash.  crypt(key, setting) hashes key
 * with setting's method, iterations and salt, so a password is right when
 * strcmp(crypt(pw, stored), stored) == 0.  Other methods give NULL with
 * errno EINVAL. */
#ifndef _CRYPT_H
#define _CRYPT_H

#include <features.h>

struct crypt_data {
	char output[128];
};

__BEGIN_DECLS
char *crypt(const char *key, const char *setting);
char *crypt_r(const char *key, const char *setting, struct crypt_data *data);
__END_DECLS

#endif
