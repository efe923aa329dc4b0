/* Changing htree directories: adding and removing entries. */
#ifndef REDOXFS_DIRW_H
#define REDOXFS_DIRW_H

#include "fs/redoxfs/lib/write.h"

/* Adds name -> id (the caller checked it is new); stores the dir node. */
int rfs_dir_add(struct rfs *fs, struct rfs_node *dir, const char *name,
    size_t len, uint32_t id);
/* Removes name, giving its id; stores the dir node.  -ENOENT if absent. */
int rfs_dir_remove(struct rfs *fs, struct rfs_node *dir, const char *name,
    size_t len, uint32_t *id);

#endif
