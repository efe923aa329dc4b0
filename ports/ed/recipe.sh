# ed: GNU ed, the line editor (and red, its restricted form).
srcpkg=ed
description="GNU ed, the classic line-oriented text editor"

recipe_build() {
	# ed's configure is hand-written: CC and CFLAGS are arguments.
	./configure --prefix=/usr CC="$CC" CFLAGS="-O2"
	make -j"$JOBS" ed
	install -D -m 755 ed "$STAGE/usr/bin/ed"
	install -D -m 644 doc/ed.1 "$STAGE/usr/share/man/man1/ed.1"
}
