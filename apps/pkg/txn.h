/*
 * Installing and removing a package so that a failure or a kill never
 * leaves half of one.  The journal is in ROOT/var/lib/pkg:
 *   NAME.partial   files are being written to temporaries
 *                  (DIR/.pkgnew.BASE next to each target): roll back
 *   NAME.commit    every temporary is complete: roll forward (rename
 *                  them into place, drop the old version's other files)
 *   NAME.manifest  installed
 *   NAME.removing  files are being removed: finish
 * Each journal file is the package's manifest, written to NAME.tmp,
 * fsync'd and renamed; txn_recover finishes or undoes what a killed run
 * left.  One pkg at a time: there is no lock.
 */
#ifndef PKG_TXN_H
#define PKG_TXN_H

#include "apps/pkg/db.h"

/* Installs verified package p (collisions already checked).  Progress
 * on stderr when it is a terminal.  Prints its errors. */
int txn_install(struct db *db, struct pkgfile *p, int progress);
/* Removes installed package name.  Prints its errors. */
int txn_remove(struct db *db, const char *name);
/* Finishes or undoes interrupted runs; prints what it did. */
int txn_recover(struct db *db);

#endif
