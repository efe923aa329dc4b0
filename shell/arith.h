/* arith.h - $((...)) expressions and the arithmetic of `let x op= y`. */
#ifndef SHELL_ARITH_H
#define SHELL_ARITH_H
#include <stddef.h>

/* Evaluates expr (bare names are variables); the result as text. */
int arith_eval(const char *expr, char **out);
/* ion's `math`: infix as above, else Polish notation ("+ * 2 3 1"). */
int arith_math(const char *text, char **out);
/* lhs op rhs for op one of + - * / // ** %; ion's rules: / and ** give
 * floats, the others stay integers when both sides are. */
int arith_op(const char *lhs, const char *op, const char *rhs, char **out);
/* Shortest text that reads back as d, with ".0" when it is whole. */
void arith_fmt_float(double d, char *buf, size_t n);

#endif
