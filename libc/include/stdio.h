/* stdio.h - buffered streams over file descriptors. */
#ifndef _STDIO_H
#define _STDIO_H

#include <features.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

__BEGIN_DECLS

typedef struct __file FILE;
typedef long fpos_t;

#define EOF		(-1)
#define BUFSIZ		4096
#define FILENAME_MAX	4096
#define FOPEN_MAX	1024
#define L_tmpnam	32
#define P_tmpdir	"/tmp"

#define _IOFBF	0
#define _IOLBF	1
#define _IONBF	2

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr

FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *path, const char *mode, FILE *f);
int fclose(FILE *f);
int fflush(FILE *f);
int fileno(FILE *f);
int setvbuf(FILE *f, char *buf, int mode, size_t size);
void setbuf(FILE *f, char *buf);
void setlinebuf(FILE *f);

size_t fread(void *p, size_t size, size_t n, FILE *f);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *s, int n, FILE *f);
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f);
ssize_t getline(char **line, size_t *cap, FILE *f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);

int fseek(FILE *f, long off, int whence);
int fseeko(FILE *f, off_t off, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *f, fpos_t *pos);
int fsetpos(FILE *f, const fpos_t *pos);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
void flockfile(FILE *f);
void funlockfile(FILE *f);
int ftrylockfile(FILE *f);

/* The caller holds the stream (flockfile) or has one thread. */
int getc_unlocked(FILE *f);
int getchar_unlocked(void);
int fgetc_unlocked(FILE *f);
int putc_unlocked(int c, FILE *f);
int putchar_unlocked(int c);
int fputc_unlocked(int c, FILE *f);
size_t fread_unlocked(void *p, size_t size, size_t n, FILE *f);
size_t fwrite_unlocked(const void *p, size_t size, size_t n, FILE *f);
char *fgets_unlocked(char *s, int n, FILE *f);
int fputs_unlocked(const char *s, FILE *f);
int fflush_unlocked(FILE *f);
int feof_unlocked(FILE *f);
int ferror_unlocked(FILE *f);
int fileno_unlocked(FILE *f);
void clearerr_unlocked(FILE *f);

/* Streams over memory (src/stdio/memstream.c). */
FILE *fmemopen(void *restrict buf, size_t size, const char *restrict mode);
FILE *open_memstream(char **bufp, size_t *sizep);

/* GNU: a stream over the caller's functions. */
typedef ssize_t cookie_read_function_t(void *c, char *buf, size_t n);
typedef ssize_t cookie_write_function_t(void *c, const char *buf, size_t n);
typedef int cookie_seek_function_t(void *c, off_t *off, int whence);
typedef int cookie_close_function_t(void *c);
typedef struct {
	cookie_read_function_t *read;
	cookie_write_function_t *write;
	cookie_seek_function_t *seek;
	cookie_close_function_t *close;
} cookie_io_functions_t;
FILE *fopencookie(void *c, const char *mode, cookie_io_functions_t io);

FILE *tmpfile(void);
char *tmpnam(char *s);

int printf(const char *fmt, ...) __printflike(1, 2);
int fprintf(FILE *f, const char *fmt, ...) __printflike(2, 3);
int dprintf(int fd, const char *fmt, ...) __printflike(2, 3);
int sprintf(char *s, const char *fmt, ...) __printflike(2, 3);
int snprintf(char *s, size_t n, const char *fmt, ...) __printflike(3, 4);
int asprintf(char **sp, const char *fmt, ...) __printflike(2, 3);
int vprintf(const char *fmt, va_list ap) __printflike(1, 0);
int vfprintf(FILE *f, const char *fmt, va_list ap) __printflike(2, 0);
int vdprintf(int fd, const char *fmt, va_list ap) __printflike(2, 0);
int vsprintf(char *s, const char *fmt, va_list ap) __printflike(2, 0);
int vsnprintf(char *s, size_t n, const char *fmt, va_list ap) __printflike(3, 0);
int vasprintf(char **sp, const char *fmt, va_list ap) __printflike(2, 0);

int sscanf(const char *s, const char *fmt, ...);
int vsscanf(const char *s, const char *fmt, va_list ap);
int fscanf(FILE *restrict f, const char *restrict fmt, ...);
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap);
int scanf(const char *restrict fmt, ...);
int vscanf(const char *restrict fmt, va_list ap);

void perror(const char *s);
int remove(const char *path);
int rename(const char *from, const char *to);
int renameat(int fromfd, const char *from, int tofd, const char *to);

FILE *popen(const char *cmd, const char *mode);
int pclose(FILE *f);

__END_DECLS

#endif
