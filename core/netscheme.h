/* netscheme.h - network:, the HAL's first NIC as a scheme (netscheme.c). */
#ifndef CORE_NETSCHEME_H
#define CORE_NETSCHEME_H

/* Registers network: if the HAL has a NIC; 0 without one. */
int netscheme_init(void);
/* HAL_EV_NET: frames arrived, or the send queue has room again. */
void netscheme_event(void);

#endif
