/*
 * fbcon.h - the console on the screen: text drawn into the linear
 * framebuffer the boot loader set up (multiboot2 framebuffer tag), or
 * written to VGA text memory when it left a text mode.  Output only; COM1
 * stays the console's input.
 */
#ifndef HAL_X86_64_FBCON_H
#define HAL_X86_64_FBCON_H

#include <stddef.h>
#include <stdint.h>

#define FB_TYPE_RGB	1
#define FB_TYPE_TEXT	2

/* From the multiboot2 framebuffer tag; an unusable one is refused (logged). */
void fbcon_init(uint64_t pa, uint32_t pitch, uint32_t width, uint32_t height,
    uint8_t bpp, uint8_t type);
void fbcon_write(const char *buf, size_t len);

#endif
