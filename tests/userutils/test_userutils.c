/*
 * Host tests of apps/userutils/lib:
 *   test_userutils hmac KEY MSG              HMAC-SHA256 in hex
 *   test_userutils pbkdf2 PW SALT ITER LEN   PBKDF2-HMAC-SHA256 in hex
 *   test_userutils self DIR                  the checks below, in DIR
 * run.sh compares the first two with python3's hashlib/hmac.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apps/userutils/lib/pwhash.h"
#include "apps/userutils/lib/userdb.h"

static int fails, checks;

#define CHECK(c) do { checks++; if (!(c)) { fails++; \
	printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); } } while (0)

static void
hex(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%02x", b[i]);
	printf("\n");
}

static void
put(const char *dir, const char *file, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, file);
	FILE *f = fopen(p, "w");
	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(p);
		exit(1);
	}
}

static void
test_hash(void)
{
	uint8_t salt[16] = "0123456789abcdef";
	char enc[PWHASH_MAX], enc2[PWHASH_MAX];
	uint8_t buf[40];
	char s[80];

	CHECK(pwhash_encode("password", salt, 16, 1000, enc, sizeof enc) == 0);
	CHECK(strncmp(enc, "$pbkdf2-sha256$1000$", 20) == 0);
	CHECK(pwhash_check("password", enc) == 1);
	CHECK(pwhash_check("passwore", enc) == 0);
	CHECK(pwhash_check("", enc) == 0);
	salt[0] ^= 1;	/* another salt, another hash */
	CHECK(pwhash_encode("password", salt, 16, 1000, enc2, sizeof enc2) == 0);
	CHECK(strcmp(enc, enc2) != 0);
	CHECK(pwhash_check("anything", "") == 1);
	CHECK(pwhash_check("anything", "!") == 0);
	CHECK(pwhash_check("x", "$argon2i$placeholder") == -EINVAL);
	CHECK(pwhash_check("x", "$pbkdf2-sha256$") == -EINVAL);
	CHECK(pwhash_check("x", "$pbkdf2-sha256$0$AAAA$AAAA") == -EINVAL);
	CHECK(pwhash_check("x", "$pbkdf2-sha256$10$A*AA$AAAAAAAAAAAAAAAAAAAAAAAA") == -EINVAL);
	CHECK(pwhash_check("x", "$pbkdf2-sha256$10$AAAA") == -EINVAL);
	CHECK(pwhash_check("x", "$pbkdf2-sha256$10$AAAA$AA") == -EINVAL);
	CHECK(pwhash_encode("p", salt, 16, 10, enc, 20) == -ENOSPC);
	CHECK(pwhash_b64enc((const uint8_t *)"hello", 5, s, sizeof s) == 7);
	CHECK(strcmp(s, "aGVsbG8") == 0);
	CHECK(pwhash_b64dec("aGVsbG8", 7, buf, sizeof buf) == 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK(pwhash_b64dec("aGVsbG8", 7, buf, 3) == -ENOSPC);
}

static void
test_parse(void)
{
	struct userdb_user u;
	struct userdb_group g;

	CHECK(userdb_parse_user("user;1000;1000;A User;/home/user;file:/bin/ion", &u) == 0);
	CHECK(u.uid == 1000 && u.gid == 1000 && !strcmp(u.gecos, "A User"));
	CHECK(!strcmp(u.home, "/home/user") && !strcmp(u.shell, "file:/bin/ion"));
	CHECK(userdb_parse_user("user;1000;1000;x;/h;/s\n", &u) == 0);
	CHECK(!strcmp(u.shell, "/s"));
	CHECK(userdb_parse_user("user;1000;1000;x;/h", &u) == -EINVAL);
	CHECK(userdb_parse_user("user;1000;1000;x;/h;/s;extra", &u) == -EINVAL);
	CHECK(userdb_parse_user("user;-1;1000;x;/h;/s", &u) == -EINVAL);
	CHECK(userdb_parse_user("user;10a;1000;x;/h;/s", &u) == -EINVAL);
	CHECK(userdb_parse_user(";1;1;x;/h;/s", &u) == -EINVAL);
	CHECK(userdb_parse_user("", &u) == -EINVAL);
	CHECK(userdb_parse_group("sudo;x;1;user,root", &g) == 0);
	CHECK(g.gid == 1 && userdb_group_has(&g, "user") && userdb_group_has(&g, "root"));
	CHECK(!userdb_group_has(&g, "use") && !userdb_group_has(&g, "users"));
	CHECK(userdb_parse_group("none;x;7", &g) == 0 && g.members[0] == 0);
	CHECK(userdb_parse_group("bad;x", &g) == -EINVAL);
	CHECK(userdb_parse_group("bad;x;z;a", &g) == -EINVAL);
	CHECK(userdb_valid_name("a.b-c_1") && !userdb_valid_name("-x"));
	CHECK(!userdb_valid_name("a;b") && !userdb_valid_name(""));
}

static void
test_files(const char *dir)
{
	struct userdb_user u;
	struct userdb_group g;
	char h[PWHASH_MAX];
	struct stat st;
	char p[512];

	put(dir, "passwd", "root;0;0;root;/root;file:/bin/ion\n"
	    "user;1000;1000;user;/home/user;file:/bin/ion\n");
	put(dir, "group", "root;x;0;root\nuser;x;1000;user\nsudo;x;1;user\n");
	put(dir, "shadow", "root;$pbkdf2-sha256$1$AAAA$AAAAAAAAAAAAAAAAAAAAAA\nuser;\n");
	userdb_set_dir(dir);
	CHECK(userdb_user_byname("user", &u) == 0 && u.uid == 1000);
	CHECK(userdb_user_byuid(0, &u) == 0 && !strcmp(u.name, "root"));
	CHECK(userdb_user_byname("nobody", &u) == -ENOENT);
	CHECK(userdb_group_byname("sudo", &g) == 0 && g.gid == 1);
	CHECK(userdb_group_bygid(1000, &g) == 0 && !strcmp(g.name, "user"));
	CHECK(userdb_shadow_get("user", h, sizeof h) == 0 && h[0] == 0);
	CHECK(userdb_shadow_get("root", h, sizeof h) == 0 && h[0] == '$');
	CHECK(userdb_shadow_get("root", h, 4) == -ENAMETOOLONG);
	CHECK(userdb_shadow_get("ghost", h, sizeof h) == -ENOENT);
	CHECK(userdb_shadow_set("user", "$pbkdf2-sha256$5$QQ$QQ") == 0);
	CHECK(userdb_shadow_get("user", h, sizeof h) == 0 &&
	    !strcmp(h, "$pbkdf2-sha256$5$QQ$QQ"));
	CHECK(userdb_shadow_get("root", h, sizeof h) == 0 && h[0] == '$');
	CHECK(userdb_shadow_set("us;er", "x") == -EINVAL);
	CHECK(userdb_shadow_set("user", "a;b") == -EINVAL);
	snprintf(p, sizeof p, "%s/shadow", dir);
	CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0600);

	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "bob");
	snprintf(u.home, sizeof u.home, "/home/bob");
	snprintf(u.shell, sizeof u.shell, "file:/bin/ion");
	CHECK(userdb_add(&u, "!") == 0);
	CHECK(u.uid == 1001 && u.gid == 1001);
	CHECK(userdb_user_byname("bob", &u) == 0 && u.uid == 1001);
	CHECK(userdb_group_byname("bob", &g) == 0 && g.gid == 1001 &&
	    userdb_group_has(&g, "bob"));
	CHECK(userdb_shadow_get("bob", h, sizeof h) == 0 && !strcmp(h, "!"));
	CHECK(userdb_add(&u, "!") == -EEXIST);
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "eve");
	u.uid = 1000;
	CHECK(userdb_add(&u, "!") == -EEXIST);	/* uid taken */
	snprintf(u.home, sizeof u.home, "/a;b");
	u.uid = 0;
	CHECK(userdb_add(&u, "!") == -EINVAL);

	put(dir, "passwd", "root;0;0;root;/root\n");
	CHECK(userdb_user_byname("root", &u) == -EINVAL);
	userdb_set_dir("/nonexistent-userdb");
	CHECK(userdb_user_byname("root", &u) == -ENOENT);
}

int
main(int argc, char **argv)
{
	uint8_t out[256];
	if (argc == 4 && !strcmp(argv[1], "hmac")) {
		pwhash_hmac(argv[2], strlen(argv[2]), argv[3], strlen(argv[3]), out);
		hex(out, 32);
		return 0;
	}
	if (argc == 6 && !strcmp(argv[1], "pbkdf2")) {
		size_t len = (size_t)atoi(argv[5]);
		if (len > sizeof out)
			return 2;
		pwhash_pbkdf2(argv[2], strlen(argv[2]), argv[3], strlen(argv[3]),
		    (uint32_t)atoi(argv[4]), out, len);
		hex(out, len);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "self")) {
		test_hash();
		test_parse();
		test_files(argv[2]);
		printf("test_userutils: %d checks, %d failed\n", checks, fails);
		return fails != 0;
	}
	fputs("usage: test_userutils hmac KEY MSG | pbkdf2 PW SALT ITER LEN | self DIR\n", stderr);
	return 2;
}
