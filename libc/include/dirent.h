/* dirent.h - directory streams over SYS_GETDENTS. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <features.h>
#include <sys/types.h>
#include <redox/abi.h>

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

typedef struct __dir DIR;

__BEGIN_DECLS
DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
int dirfd(DIR *d);
int alphasort(const struct dirent **a, const struct dirent **b);
int scandir(const char *path, struct dirent ***list,
    int (*sel)(const struct dirent *),
    int (*cmp)(const struct dirent **, const struct dirent **));
__END_DECLS

#endif
