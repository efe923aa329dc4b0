/*
 * /etc/passwd, /etc/group and /etc/shadow in Redox's formats:
 *   passwd  user;uid;gid;full name;home;shell
 *   group   group;x;gid;user1,user2
 *   shadow  user;hash              (empty hash: no password, "!": locked)
 * Every call reads the file again (they are small); changes rewrite the
 * whole file atomically (temporary file, fsync, rename).  Errors are
 * negative errno; -EINVAL means a malformed line (or a bad value).
 */
#ifndef USERUTILS_USERDB_H
#define USERUTILS_USERDB_H

#include <stddef.h>
#include <stdint.h>

#define USERDB_NAME	32
#define USERDB_FIELD	256

struct userdb_user {
	char name[USERDB_NAME];
	uint32_t uid, gid;
	char gecos[USERDB_FIELD];
	char home[USERDB_FIELD];
	char shell[USERDB_FIELD];
};

struct userdb_group {
	char name[USERDB_NAME];
	uint32_t gid;
	char members[USERDB_FIELD];	/* comma-separated */
};

/* The directory holding the three files ("/etc" unless tests change it). */
void userdb_set_dir(const char *dir);
/* The file's path, for error messages. */
const char *userdb_path(const char *file, char *buf, size_t cap);

/* Parse one line; 0 or -EINVAL. */
int userdb_parse_user(const char *line, struct userdb_user *u);
int userdb_parse_group(const char *line, struct userdb_group *g);
/* A name is 1..31 of [A-Za-z0-9_.-], not starting with '-'. */
int userdb_valid_name(const char *name);

int userdb_user_byname(const char *name, struct userdb_user *u);
int userdb_user_byuid(uint32_t uid, struct userdb_user *u);
int userdb_group_byname(const char *name, struct userdb_group *g);
int userdb_group_bygid(uint32_t gid, struct userdb_group *g);
/* 1 if user is listed in g's members, else 0. */
int userdb_group_has(const struct userdb_group *g, const char *user);
/* Calls fn for each group user belongs to (by gid or by membership), in
 * file order; stops at fn's first non-zero return and returns it. */
int userdb_groups_of(const struct userdb_user *u,
    int (*fn)(const struct userdb_group *, void *), void *arg);

/* The stored hash of name (cap bytes with NUL); -ENOENT if no line. */
int userdb_shadow_get(const char *name, char *hash, size_t cap);
/* Replaces (or adds) name's hash. */
int userdb_shadow_set(const char *name, const char *hash);
/* Adds a user (with its own group gid unless it exists) and its hash.
 * uid 0 / gid 0 on input: pick free ones in 1000..6000. */
int userdb_add(struct userdb_user *u, const char *hash);

#endif
