# sqlite3: the SQLite library and its command-line shell.
srcpkg=sqlite3
description="SQLite 3 database engine: the sqlite3 shell, libsqlite3.a and headers"

recipe_build() {
	# The sources are SQLite's full tree: its build makes the
	# single-file library (sqlite3.c) and shell.c with tclsh and small
	# tools (lemon, mkkeywordhash) built for this machine (BCC).
	mkdir -p bld && cd bld
	../configure --host="$PORT_HOST" --build="$PORT_BUILD" --prefix=/usr \
		BCC="$HOSTCC" TCLSH_CMD=tclsh8.6 \
		--disable-tcl --disable-readline --disable-editline \
		--disable-load-extension --disable-shared --enable-static
	# Its Makefile links lemon with the target's compiler (LTLINK) when
	# BEXE and TEXE are both empty: give it this machine's.
	make LTLINK="$HOSTCC" sqlite3.c shell.c sqlite3.h
	# SQLite's usual options for a shell (as Debian's).  The default VFS,
	# "unix", locks with fcntl() record locks (redoxfsd keeps them).
	opts="-DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE
	      -DSQLITE_ENABLE_JSON1 -DSQLITE_ENABLE_COLUMN_METADATA
	      -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_MATH_FUNCTIONS
	      -DSQLITE_OMIT_LOAD_EXTENSION
	      -DHAVE_USLEEP=1 -DHAVE_LOCALTIME_R=1 -DHAVE_GMTIME_R=1
	      -DHAVE_UTIME=1"
	$CC -O2 $opts -c sqlite3.c -o sqlite3.o
	$CC -O2 $opts -I. -c shell.c -o shell.o
	$AR rcs libsqlite3.a sqlite3.o
	$CC -o sqlite3 shell.o libsqlite3.a -lm -lpthread
	install -D -m 755 sqlite3 "$STAGE/usr/bin/sqlite3"
	install -D -m 644 libsqlite3.a "$STAGE/usr/lib/libsqlite3.a"
	install -D -m 644 sqlite3.h "$STAGE/usr/include/sqlite3.h"
	install -D -m 644 ../sqlite3.1 "$STAGE/usr/share/man/man1/sqlite3.1"
}
