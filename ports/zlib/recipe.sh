# zlib: the compression library, its test program and minigzip.
srcpkg=zlib
description="zlib compression library (libz.a, headers) with minigzip and zlib's example test"

recipe_build() {
	# zlib's own configure (not autoconf): CHOST names the target.
	CHOST=$PORT_HOST ./configure --static --prefix=/usr
	make -j"$JOBS" libz.a example minigzip
	make install DESTDIR="$STAGE"
	install -D -m 755 minigzip "$STAGE/usr/bin/minigzip"
	install -D -m 755 example "$STAGE/usr/libexec/zlib/example"
}
