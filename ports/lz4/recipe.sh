# lz4: the LZ4 compression library and its command-line tool.
srcpkg=lz4
description="LZ4 fast compression: the lz4 tool (lz4, unlz4, lz4cat) and liblz4.a"

recipe_build() {
	# Its plain Makefiles take CC/AR from the environment.
	make -C lib -j"$JOBS" liblz4.a
	make -C programs -j"$JOBS" lz4
	install -D -m 755 programs/lz4 "$STAGE/usr/bin/lz4"
	ln -sf lz4 "$STAGE/usr/bin/unlz4"
	ln -sf lz4 "$STAGE/usr/bin/lz4cat"
	install -D -m 644 lib/liblz4.a "$STAGE/usr/lib/liblz4.a"
	install -D -m 644 lib/lz4.h "$STAGE/usr/include/lz4.h"
	install -D -m 644 lib/lz4hc.h "$STAGE/usr/include/lz4hc.h"
	install -D -m 644 lib/lz4frame.h "$STAGE/usr/include/lz4frame.h"
	install -D -m 644 programs/lz4.1 "$STAGE/usr/share/man/man1/lz4.1"
}
