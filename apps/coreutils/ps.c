/* ps - lists processes from sys:context (the core's table, see
 * core/sysfs.c: a header line, then PID PGID PPID RUID RGID EUID EGID
 * STAT THR MEM TIME NAME).  Prints PID PPID USER-id STAT MEM and the
 * name; -l adds the group, ids, threads and CPU time (seconds). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	char line[512];
	int lng = 0, c, n = 0;
	FILE *f;

	cu_init("ps", "[-l]\nList the processes (-l: group and ids too).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "leAfa")) != -1)
		if (c == 'l' || c == 'f')
			lng = 1;
	if ((f = fopen("sys:context", "r")) == NULL) {
		cu_err("sys:context", errno);
		return 1;
	}
	while (fgets(line, sizeof line, f)) {
		int pid, pgid, ppid, thr;
		unsigned ruid, rgid, euid, egid;
		char stat[8], mem[32], cpu[32], name[256];
		if (n++ == 0)
			continue;	/* the core's header */
		line[strcspn(line, "\n")] = 0;
		if (sscanf(line, "%d %d %d %u %u %u %u %7s %d %31s %31s %255[^\n]", &pid, &pgid,
		    &ppid, &ruid, &rgid, &euid, &egid, stat, &thr, mem, cpu, name) != 12) {
			cu_msg("sys:context: bad line '%s'", line);
			fclose(f);
			return 1;
		}
		if (n == 2)
			printf(lng ? "  PID  PPID  PGID   UID   GID STAT THR      MEM     TIME CMD\n"
			    : "  PID  PPID   UID STAT      MEM CMD\n");
		if (lng)
			printf("%5d %5d %5d %5u %5u %-4s %3d %8s %8s %s\n", pid, ppid, pgid, euid,
			    egid, stat, thr, mem, cpu, name);
		else
			printf("%5d %5d %5u %-4s %8s %s\n", pid, ppid, euid, stat, mem, name);
	}
	fclose(f);
	return fflush(stdout) != 0;
}
