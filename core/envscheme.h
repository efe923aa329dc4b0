/* envscheme.h - env:, the environment as a scheme. */
#ifndef CORE_ENVSCHEME_H
#define CORE_ENVSCHEME_H

int envscheme_init(void);

#endif
