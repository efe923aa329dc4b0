/*
 * What login, su and sudo share: reading a line or a password from the
 * console, checking a password against /etc/shadow, and becoming a user
 * (credentials, environment, directory) before running a program.
 */
#ifndef USERUTILS_SESSION_H
#define USERUTILS_SESSION_H

#include <stddef.h>

#include "apps/userutils/lib/userdb.h"

/* Reads one line from fd a byte at a time (so what follows stays for the
 * next reader), without its newline.  Its length, or -1 at end of input
 * with nothing read. */
int session_readline(int fd, char *buf, size_t cap);
/* Prints prompt on stdout and reads a line from stdin; -1 at the end. */
int session_ask(const char *prompt, char *buf, size_t cap);
/* session_ask with the terminal's echo off (when stdin is a terminal). */
int session_secret(const char *prompt, char *buf, size_t cap);
/* 1 if pw is user's password, 0 if not; -errno (and a message on stderr
 * naming prog) if the shadow file cannot say. */
int session_check(const char *prog, const char *user, const char *pw);
/* 1 if user has no password (empty hash). */
int session_nopass(const char *user);
/* Becomes u: gid, then uid (there are no supplementary groups in the
 * core), environment USER LOGNAME UID HOME SHELL PATH; with home != 0
 * also cd to the home directory.  0 or -errno (message printed). */
int session_become(const char *prog, const struct userdb_user *u, int home);
/* Runs argv (or, with argv NULL, u's shell as a login shell) in place of
 * this process; falls back to initfs:/bin/init -s when the shell is
 * missing.  Returns only on failure (message printed). */
void session_exec(const char *prog, const struct userdb_user *u,
    char *const *argv);

#endif
