/* Character classes of the C locale: ASCII, nothing above 127.  The
 * header has the same tests inline; these are the functions behind them
 * (the names in parentheses keep the macros out). */
#include <ctype.h>

int (isdigit)(int c) { return __isdigit(c); }
int (islower)(int c) { return __islower(c); }
int (isupper)(int c) { return __isupper(c); }
int (isalpha)(int c) { return __isalpha(c); }
int (isalnum)(int c) { return __isalnum(c); }
int (isxdigit)(int c) { return __isxdigit(c); }
int isblank(int c) { return c == ' ' || c == '\t'; }
int (isspace)(int c) { return __isspace(c); }
int iscntrl(int c) { return (unsigned)c < 32 || c == 127; }
int (isprint)(int c) { return __isprint(c); }
int (isgraph)(int c) { return __isgraph(c); }
int ispunct(int c) { return __isgraph(c) && !__isalnum(c); }
int isascii(int c) { return (unsigned)c < 128; }
int toascii(int c) { return c & 127; }
int (tolower)(int c) { return __tolower(c); }
int (toupper)(int c) { return __toupper(c); }
