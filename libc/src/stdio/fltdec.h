/* fltdec.h - the exact decimal expansion of a double (for printf). */
#ifndef FLTDEC_H
#define FLTDEC_H

/* A double has at most 767 significant decimal digits (the smallest
 * subnormals); 770 leaves room. */
#define FLTDEC_MAX 770

/* Writes the significant digits of v (finite, > 0) into d, without
 * trailing zeros: v = 0.d[0]d[1]...d[n-1] x 10^(*e10 + 1), so d[0] is the
 * 10^*e10 digit.  Returns n (1..FLTDEC_MAX). */
int fltdec_digits(double v, char d[FLTDEC_MAX], int *e10);

#endif
