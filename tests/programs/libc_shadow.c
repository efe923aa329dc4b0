/* libc_shadow: shadow.h over Redox's "name;hash" /etc/shadow, and crypt()
 * against hashes made by Python's hashlib.pbkdf2_hmac (an independent
 * PBKDF2-HMAC-SHA256).  With "--system" (inside the OS, as root) it reads
 * the disk image's /etc/shadow, whose root hash userutils' pwhash made
 * for the password "password". */
#define NAME "libc_shadow"
#include <crypt.h>
#include <errno.h>
#include <shadow.h>
#include <unistd.h>

#include "check.h"

static const struct {
	const char *pw, *hash;
} vectors[] = {
	{ "hunter2", "$pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg$pj4T35D2v4tYmC1sTJ1y5tcMADOdtnQGvuHmyYDQh2g" },
	{ "", "$pbkdf2-sha256$1$c2FsdHk$uUR1/t6+D11q3GtaS6He0zoIcwvu/rgsD2vjzdXjpLE" },
	{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	  "$pbkdf2-sha256$3$AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8$NOD4Icz65bCRwGKTjHsH9vbDBuITkTQx0K0Evwnnfx0" },
	{ "p\xc3\xa4ssw\xc3\xb6rd", "$pbkdf2-sha256$50$//4AAWFi$tJHYq7IBzQZcmFMElo+qP81rnZ/gn1iniRgnmoDDjQU" },
};

static void test_crypt(void)
{
	struct crypt_data cd;
	size_t i;
	char *r;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		CHECK_STR(crypt(vectors[i].pw, vectors[i].hash), vectors[i].hash);
		r = crypt("wrong", vectors[i].hash);
		CHECK(r != NULL && strcmp(r, vectors[i].hash) != 0);
	}
	/* the setting alone (no hash part) gives the full hash */
	CHECK_STR(crypt_r("hunter2", "$pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg", &cd),
	    vectors[0].hash);
	errno = 0;
	CHECK(crypt("x", "$6$salt$abc") == NULL && errno == EINVAL);
	CHECK(crypt("x", "ab") == NULL);
	CHECK(crypt("x", "!") == NULL);
	CHECK(crypt("x", "$pbkdf2-sha256$0$c2FsdHk$") == NULL);
	CHECK(crypt("x", "$pbkdf2-sha256$10$c2F*dHk$") == NULL);
	CHECK(crypt("x", "$pbkdf2-sha256$99999999999$c2FsdHk$") == NULL);
}

static void test_parse(const char *dir)
{
	char path[512];
	struct spwd *sp;
	FILE *f;

	snprintf(path, sizeof(path), "%s/libc_shadow.txt", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	fputs("root;$pbkdf2-sha256$1$c2FsdHk$abc\nbad line\n;nameless\nuser;\n"
	    "a;b;c\nlocked;!\n", f);
	fclose(f);
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	sp = fgetspent(f);
	CHECK(sp != NULL && strcmp(sp->sp_namp, "root") == 0 &&
	    strcmp(sp->sp_pwdp, "$pbkdf2-sha256$1$c2FsdHk$abc") == 0 && sp->sp_max == -1);
	sp = fgetspent(f);
	CHECK(sp != NULL && strcmp(sp->sp_namp, "user") == 0 && sp->sp_pwdp[0] == '\0');
	sp = fgetspent(f);
	CHECK(sp != NULL && strcmp(sp->sp_namp, "locked") == 0 && strcmp(sp->sp_pwdp, "!") == 0);
	CHECK(fgetspent(f) == NULL);
	fclose(f);
	remove(path);
}

static void test_system(void)
{
	struct spwd sp, *res;
	char buf[256], small[8];
	struct spwd *p = getspnam("root");

	CHECK(p != NULL);
	if (p == NULL)
		return;
	CHECK(strncmp(p->sp_pwdp, "$pbkdf2-sha256$", 15) == 0);
	CHECK_STR(crypt("password", p->sp_pwdp), p->sp_pwdp);
	CHECK(strcmp(crypt("Password", p->sp_pwdp), p->sp_pwdp) != 0);
	p = getspnam("user");
	CHECK(p != NULL && p->sp_pwdp[0] == '\0');
	CHECK(getspnam("nosuchuser") == NULL);
	CHECK_INT(getspnam_r("root", &sp, buf, sizeof(buf), &res), 0);
	CHECK(res == &sp && strcmp(sp.sp_namp, "root") == 0);
	CHECK_INT(getspnam_r("root", &sp, small, sizeof(small), &res), ERANGE);
	CHECK(res == NULL);
	setspent();
	p = getspent();
	CHECK(p != NULL && strcmp(p->sp_namp, "root") == 0);
	endspent();
}

int main(int argc, char **argv)
{
	const char *dir = scratch_dir();

	test_crypt();
	if (dir)
		test_parse(dir);
	else
		printf("%s: no scratch directory: parse checks skipped\n", NAME);
	if (argc > 1 && strcmp(argv[1], "--system") == 0)
		test_system();
	return finish();
}
