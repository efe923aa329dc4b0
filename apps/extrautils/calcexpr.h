/* calcexpr - evaluates one arithmetic expression (calc's engine). */
#ifndef CALCEXPR_H
#define CALCEXPR_H

/*
 * Evaluates s: numbers (decimal, with fraction and exponent), + - * / %
 * ^ (power, right-associative, above unary minus: -2^2 = -4), unary
 * minus and plus, parentheses.  Returns 0 and sets *out, or a negative
 * errno with *why set to a short reason (EINVAL: syntax, EDOM: division
 * by zero or a power with no real result, ERANGE: % of huge operands).
 */
int calcexpr_eval(const char *s, double *out, const char **why);

/* 1 if v is a whole number within a long long's range. */
int calcexpr_is_int(double v);

/* x^y without libm: exact for integer y, exp(y ln x) otherwise. */
double calcexpr_pow(double x, double y);

#endif
