/*
 * cu - what every coreutils program shares: its name and usage text,
 * option parsing with GNU's messages, "prog: file: reason" errors and
 * human-readable sizes.
 */
#ifndef CU_H
#define CU_H

#include <stddef.h>
#include <stdint.h>

/* Option parser state; cu_opt_init() fills it. */
struct cu_opt {
	int argc;
	char **argv;
	int ind;		/* next argv index to look at */
	const char *next;	/* rest of a cluster like -la */
	const char *arg;	/* the current option's argument */
	int permute;		/* 1 (default): options may follow operands */
	int moved;		/* where the option being parsed was moved from */
};

/* Names the program, its usage text (printed for --help and bad flags)
 * and the exit status for bad usage (1, or 2 for ls-type tools). */
void cu_init(const char *prog, const char *usage, int bad_status);
const char *cu_prog(void);
_Noreturn void cu_usage(int status);

void cu_opt_init(struct cu_opt *o, int argc, char **argv);
/* Next option letter from spec (getopt syntax, "x:" takes an argument),
 * or -1 when only operands are left.  As in GNU, options after operands
 * count (argv is reordered so argv[ind..] are the operands) unless
 * o->permute is 0 (env, seq: the rest belongs to a command or may be a
 * negative number) or after "--".  --help prints usage and
 * exits 0; an unknown option prints GNU's message plus usage and exits. */
int cu_opt_next(struct cu_opt *o, const char *spec);

/* head -3, tail -3: the historical spelling of -n 3, still what people
 * type; GNU takes it as the first argument only, and so do we.  Returns
 * the count and steps o past it, or -1 when argv[1] is not -DIGITS. */
long long cu_opt_old_count(struct cu_opt *o);

/* "prog: what: strerror(err)" on stderr. */
void cu_err(const char *what, int err);
/* "prog: " then the formatted message and a newline on stderr. */
void cu_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Size as GNU's -h prints it (1024 units, rounded up: 4.0K, 12M). */
void cu_human(uint64_t n, char *buf, size_t len);

/* "dir/name" (one slash between) in a new malloc'd string, or NULL with
 * errno set.  Walkers keep paths on the heap: the OS gives 1 MiB stacks. */
char *cu_join(const char *dir, const char *name);
/* SOURCE... DEST operands from argv[ind] (cp, mv): at least two, and DEST
 * a directory when there are more; returns DEST and sets *isdir, or NULL
 * after the message (a missing operand exits with the usage). */
const char *cu_dest(int argc, char **argv, int ind, int *isdir);
/* Where src goes: dest itself, or dest/BASENAME when dest is a directory. */
void cu_target(const char *dest, int isdir, const char *src, char *buf, size_t len);

/* Writes all n bytes to fd; 0 or -errno. */
int cu_write_all(int fd, const void *buf, size_t n);
/* Copies fd in to fd out until end of file; 0, or -errno (*which tells
 * 0 for a read error and 1 for a write error). */
int cu_copy_fd(int in, int out, int *which);

#endif
