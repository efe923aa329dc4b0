/* libc_pwd: pwd.h and grp.h (libc/src/pwd/, libc/src/grp/).  The parser is
 * checked on files made in $TMPDIR; with the argument "--system" (the OS
 * booted from its disk image) also the lookups in /etc/passwd and
 * /etc/group as scripts/image/etc/ has them. */
#define NAME "libc_pwd"
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include "check.h"

static FILE *file_with(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w+");
	if (f == NULL)
		return NULL;
	remove(path);	/* the stream keeps it */
	if (fputs(text, f) < 0 || fflush(f) != 0) {
		fclose(f);
		return NULL;
	}
	rewind(f);
	return f;
}

static void test_parse(const char *dir)
{
	FILE *f;
	struct passwd *pw;
	struct group *gr;

	f = file_with(dir, "passwd", "root;0;0;root;/root;file:/bin/ion\n"
	    "bad line without fields\n"
	    "toofew;1;1;x;/x\n"
	    "toomany;1;1;x;/x;/sh;extra\n"
	    "nonnum;1a;1;x;/x;/sh\n"
	    "huge;99999999999;1;x;/x;/sh\n"
	    ";5;5;noname;/x;/sh\n"
	    "\n"
	    "user;1000;1000;A User;/home/user;file:/bin/ion\n"
	    "last;7;8;;;");	/* no final newline, empty fields */
	CHECK(f != NULL);
	if (f == NULL)
		return;
	pw = fgetpwent(f);
	CHECK(pw != NULL);
	if (pw != NULL) {
		CHECK_STR(pw->pw_name, "root");
		CHECK_INT(pw->pw_uid, 0);
		CHECK_STR(pw->pw_dir, "/root");
		CHECK_STR(pw->pw_shell, "file:/bin/ion");
		CHECK_STR(pw->pw_passwd, "x");
	}
	pw = fgetpwent(f);
	CHECK(pw != NULL);
	if (pw != NULL) {
		CHECK_STR(pw->pw_name, "user");
		CHECK_INT(pw->pw_uid, 1000);
		CHECK_INT(pw->pw_gid, 1000);
		CHECK_STR(pw->pw_gecos, "A User");
		CHECK_STR(pw->pw_dir, "/home/user");
	}
	pw = fgetpwent(f);
	CHECK(pw != NULL);
	if (pw != NULL) {
		CHECK_STR(pw->pw_name, "last");
		CHECK_INT(pw->pw_gid, 8);
		CHECK_STR(pw->pw_shell, "");
	}
	CHECK(fgetpwent(f) == NULL);
	fclose(f);

	f = file_with(dir, "group", "root;x;0;root\n"
	    "wheel;x;10;alice,bob,,carol\n"
	    "broken;x;notanumber;alice\n"
	    "threefields;10;alice\n"
	    "empty;x;20;\n");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	gr = fgetgrent(f);
	CHECK(gr != NULL);
	if (gr != NULL) {
		CHECK_STR(gr->gr_name, "root");
		CHECK_INT(gr->gr_gid, 0);
		CHECK_STR(gr->gr_mem[0], "root");
		CHECK(gr->gr_mem[1] == NULL);
	}
	gr = fgetgrent(f);
	CHECK(gr != NULL);
	if (gr != NULL) {
		CHECK_STR(gr->gr_name, "wheel");
		CHECK_INT(gr->gr_gid, 10);
		CHECK_STR(gr->gr_mem[0], "alice");
		CHECK_STR(gr->gr_mem[1], "bob");
		CHECK_STR(gr->gr_mem[2], "carol");
		CHECK(gr->gr_mem[3] == NULL);
	}
	gr = fgetgrent(f);
	CHECK(gr != NULL);
	if (gr != NULL) {
		CHECK_STR(gr->gr_name, "empty");
		CHECK(gr->gr_mem[0] == NULL);
	}
	CHECK(fgetgrent(f) == NULL);
	fclose(f);
}

static void test_system(void)
{
	struct passwd *pw, pwb, *pwr;
	struct group *gr, grb, *grr;
	char buf[256], tiny[8];
	gid_t gl[8];
	int n, count;

	pw = getpwnam("root");
	CHECK(pw != NULL);
	if (pw != NULL) {
		CHECK_INT(pw->pw_uid, 0);
		CHECK_STR(pw->pw_dir, "/root");
	}
	pw = getpwuid(1000);
	CHECK(pw != NULL);
	if (pw != NULL) {
		CHECK_STR(pw->pw_name, "user");
		CHECK_STR(pw->pw_dir, "/home/user");
		CHECK_STR(pw->pw_shell, "file:/bin/ion");
	}
	CHECK(getpwnam("nosuchuser") == NULL);
	CHECK(getpwuid(4242) == NULL);
	CHECK_INT(getpwnam_r("user", &pwb, buf, sizeof(buf), &pwr), 0);
	CHECK(pwr == &pwb);
	CHECK_STR(pwb.pw_name, "user");
	CHECK_INT(getpwnam_r("user", &pwb, tiny, sizeof(tiny), &pwr), ERANGE);
	CHECK(pwr == NULL);
	CHECK_INT(getpwuid_r(4242, &pwb, buf, sizeof(buf), &pwr), 0);
	CHECK(pwr == NULL);

	/* getpwent walks both users, setpwent starts again */
	count = 0;
	setpwent();
	while ((pw = getpwent()) != NULL)
		count++;
	CHECK_INT(count, 2);
	setpwent();
	pw = getpwent();
	CHECK(pw != NULL && strcmp(pw->pw_name, "root") == 0);
	endpwent();

	gr = getgrnam("user");
	CHECK(gr != NULL);
	if (gr != NULL) {
		CHECK_INT(gr->gr_gid, 1000);
		CHECK_STR(gr->gr_mem[0], "user");
	}
	gr = getgrgid(0);
	CHECK(gr != NULL && strcmp(gr->gr_name, "root") == 0);
	CHECK(getgrnam("nosuchgroup") == NULL);
	CHECK_INT(getgrgid_r(1000, &grb, buf, sizeof(buf), &grr), 0);
	CHECK(grr == &grb);
	CHECK_STR(grb.gr_name, "user");
	CHECK_INT(getgrgid_r(1000, &grb, tiny, sizeof(tiny), &grr), ERANGE);
	count = 0;
	while ((gr = getgrent()) != NULL)
		count++;
	endgrent();
	CHECK_INT(count, 2);

	/* getlogin: the environment first, then the passwd entry of getuid */
	CHECK_INT(setenv("LOGNAME", "someone", 1), 0);
	CHECK_STR(getlogin(), "someone");
	CHECK_INT(getlogin_r(tiny, 4), ERANGE);
	CHECK_INT(unsetenv("LOGNAME"), 0);
	CHECK_INT(unsetenv("USER"), 0);
	pw = getpwuid(getuid());
	CHECK(pw != NULL);
	if (pw != NULL) {
		char want[64];

		snprintf(want, sizeof(want), "%s", pw->pw_name);
		CHECK_STR(getlogin(), want);
		CHECK_INT(getlogin_r(buf, sizeof(buf)), 0);
		CHECK_STR(buf, want);
	}

	n = 8;
	CHECK_INT(getgrouplist("user", 1000, gl, &n), 1);
	CHECK_INT(gl[0], 1000);
	n = 8;
	CHECK_INT(getgrouplist("user", 5, gl, &n), 2);
	CHECK_INT(gl[0], 5);
	CHECK_INT(gl[1], 1000);
	n = 1;
	CHECK_INT(getgrouplist("user", 5, gl, &n), -1);
	CHECK_INT(n, 2);
}

int main(int argc, char **argv)
{
	const char *dir = scratch_dir();

	if (dir != NULL)
		test_parse(dir);
	else
		printf("%s: no writable directory ($TMPDIR or /tmp): parser checks skipped\n", NAME);
	if (argc > 1 && strcmp(argv[1], "--system") == 0)
		test_system();
	return finish();
}
