/* limits.h - our own, because gcc's wants to #include_next a libc one. */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT	8
#define SCHAR_MIN	(-128)
#define SCHAR_MAX	127
#define UCHAR_MAX	255
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN	0
#define CHAR_MAX	UCHAR_MAX
#else
#define CHAR_MIN	SCHAR_MIN
#define CHAR_MAX	SCHAR_MAX
#endif
#define MB_LEN_MAX	4
#define SHRT_MIN	(-1 - SHRT_MAX)
#define SHRT_MAX	0x7fff
#define USHRT_MAX	0xffff
#define INT_MIN		(-1 - INT_MAX)
#define INT_MAX		0x7fffffff
#define UINT_MAX	0xffffffffU
#define LONG_MIN	(-1L - LONG_MAX)
#define LONG_MAX	0x7fffffffffffffffL
#define ULONG_MAX	0xffffffffffffffffUL
#define LLONG_MIN	(-1LL - LLONG_MAX)
#define LLONG_MAX	0x7fffffffffffffffLL
#define ULLONG_MAX	0xffffffffffffffffULL
#define SSIZE_MAX	LONG_MAX

#define PATH_MAX	4096
#define NAME_MAX	255
#define PIPE_BUF	4096
#define PAGE_SIZE	4096
#define PAGESIZE	PAGE_SIZE
#define OPEN_MAX	1024
#define ARG_MAX		131072
#define HOST_NAME_MAX	255
#define LOGIN_NAME_MAX	256
#define NGROUPS_MAX	32
#define LINE_MAX	4096
#define IOV_MAX		1024
#define PTHREAD_KEYS_MAX 64
#define PTHREAD_STACK_MIN 16384

#endif
