/*
 * kbd.h - the PS/2 keyboard (i8042, IRQ 1): keys typed at the machine
 * become console input, next to COM1's, so the screen console can be used
 * without a serial line.  US layout; Shift, Ctrl and Caps Lock.
 */
#ifndef HAL_X86_64_KBD_H
#define HAL_X86_64_KBD_H

/* Finds the controller and enables its keyboard interrupt (once the
 * interrupt controller is up); logs and returns if there is none. */
void kbd_init(void);
extern unsigned kbd_irqs;

#endif
