/* TCP segment output: new data within the windows, retransmissions,
 * control segments and resets (tcp.h has the connection block). */
#ifndef NET_STACK_TCP_OUT_H
#define NET_STACK_TCP_OUT_H

#include "net/stack/tcp.h"

/* Sends what the send and congestion windows allow, and a pending ACK. */
void tcp_output(struct netstack *st, struct tcp_pcb *p);
/* Sends the segment at seq (at most maxn data bytes, FIN when it ends
 * a finished stream); returns the sequence space used, 0 if none. */
uint32_t tcp_send_at(struct netstack *st, struct tcp_pcb *p, uint32_t seq,
    uint32_t maxn);
/* Resends the first unacknowledged segment (fast retransmit, NewReno). */
void tcp_retransmit(struct netstack *st, struct tcp_pcb *p);
/* A segment without data carrying flags at seq (ACK, keep-alive). */
void tcp_send_ctl(struct netstack *st, struct tcp_pcb *p, uint32_t seq,
    uint8_t flags);
/* A reset for a segment that matches no connection (RFC 9293 3.10.7.1). */
void tcp_send_reset(struct netstack *st, uint32_t laddr, uint32_t raddr,
    uint16_t lport, uint16_t rport, uint32_t seq, uint32_t ack, int with_ack);
/* Starts or restarts the retransmission timer at the current RTO. */
void tcp_timer_start(struct netstack *st, struct tcp_pcb *p);
/* The window we would advertise now, in bytes. */
uint32_t tcp_rcv_window(struct tcp_pcb *p);

#endif
