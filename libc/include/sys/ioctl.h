/* sys/ioctl.h - the terminal requests, with Linux's numbers
 * (libc/src/termios/): each is a read or write of a file of the
 * terminal, dup(fd, "termios" | "winsize" | "pgrp"). */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <features.h>

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

#define TCGETS		0x5401	/* struct termios * */
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCGPGRP	0x540F	/* pid_t * */
#define TIOCSPGRP	0x5410	/* const pid_t * */
#define TIOCGWINSZ	0x5413	/* struct winsize * */
#define TIOCSWINSZ	0x5414	/* const struct winsize * */

__BEGIN_DECLS
int ioctl(int fd, unsigned long request, ...);
__END_DECLS

#endif
