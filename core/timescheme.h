/* timescheme.h - time:N, the clocks, and timeouts reported through event:. */
#ifndef CORE_TIMESCHEME_H
#define CORE_TIMESCHEME_H

int timescheme_init(void);

#endif
