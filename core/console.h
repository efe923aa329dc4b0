/* console.h - the debug: scheme: the kernel console for early programs. */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

int console_init(void);

#endif
