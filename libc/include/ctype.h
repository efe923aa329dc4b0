/* ctype.h - character classes of the C locale (ASCII only). */
#ifndef _CTYPE_H
#define _CTYPE_H

#include <features.h>

__BEGIN_DECLS
int isalnum(int c);
int isalpha(int c);
int isascii(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int tolower(int c);
int toupper(int c);
int toascii(int c);
__END_DECLS

/*
 * The same, inline: parsers (sqlite's tokenizer, lua's lexer) call these
 * for every byte, and a call costs more than the test.  Each macro
 * evaluates its argument once; (isspace)(c) and &isspace still reach
 * the functions (src/ctype/ctype.c).
 */
static __inline__ int __isdigit(int c) { return (unsigned)c - '0' < 10; }
static __inline__ int __islower(int c) { return (unsigned)c - 'a' < 26; }
static __inline__ int __isupper(int c) { return (unsigned)c - 'A' < 26; }
static __inline__ int __isalpha(int c) { return ((unsigned)c | 32) - 'a' < 26; }
static __inline__ int __isalnum(int c) { return __isalpha(c) || __isdigit(c); }
static __inline__ int __isxdigit(int c) { return __isdigit(c) || ((unsigned)c | 32) - 'a' < 6; }
static __inline__ int __isspace(int c) { return c == ' ' || (unsigned)c - '\t' < 5; }
static __inline__ int __isprint(int c) { return (unsigned)c - 32 < 95; }
static __inline__ int __isgraph(int c) { return (unsigned)c - 33 < 94; }
static __inline__ int __tolower(int c) { return __isupper(c) ? c | 32 : c; }
static __inline__ int __toupper(int c) { return __islower(c) ? c & ~32 : c; }

#define isdigit(c) __isdigit(c)
#define islower(c) __islower(c)
#define isupper(c) __isupper(c)
#define isalpha(c) __isalpha(c)
#define isalnum(c) __isalnum(c)
#define isxdigit(c) __isxdigit(c)
#define isspace(c) __isspace(c)
#define isprint(c) __isprint(c)
#define isgraph(c) __isgraph(c)
#define tolower(c) __tolower(c)
#define toupper(c) __toupper(c)

#endif
