/*
 * serial.h - COM1: the native console (hal_console_write/read).
 * Output is polled; input arrives by IRQ 4 into a ring (HAL_EV_CONSOLE).
 */
#ifndef HAL_X86_64_SERIAL_H
#define HAL_X86_64_SERIAL_H

#include <stddef.h>

void serial_init(void);
/* Writes bytes as they are, "\n" as "\r\n". */
void serial_write(const char *buf, size_t len);
/* Enables the receive interrupt once the interrupt controller is up. */
void serial_enable_irq(void);
extern unsigned serial_irqs;
/* Another keyboard's bytes join COM1's in the console's input ring. */
void serial_push_input(const char *buf, size_t len);
/* Set under test: an EOT byte (0x04) ends the console input (reads give -1). */
extern int serial_eot_ends_input;

#endif
