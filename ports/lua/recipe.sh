# lua 5.4: the interpreter and the compiler luac.
srcpkg=lua5.4
description="Lua 5.4, a small embeddable scripting language (lua, luac, liblua.a)"

recipe_build() {
	cd src
	# Debian's patched Makefile builds shared libraries through libtool;
	# upstream's build is one compile of every file, done here instead.
	# debian/rules writes this header (the multiarch triplet in
	# package.cpath); it is written the same way.
	printf '#ifndef _LUA_DEB_MULTIARCH_\n#define _LUA_DEB_MULTIARCH_\n#define DEB_HOST_MULTIARCH "%s"\n#endif\n' \
		"$PORT_HOST" >lua5.4-deb-multiarch.h
	# LUA_USE_POSIX: mkstemp, popen, fseeko, _longjmp (no dlopen).
	cflags="-O2 -DLUA_COMPAT_5_3 -DLUA_USE_POSIX"
	core="lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem lobject
	      lopcodes lparser lstate lstring ltable ltm lundump lvm lzio
	      lauxlib lbaselib lcorolib ldblib liolib lmathlib loadlib loslib
	      lstrlib ltablib lutf8lib linit"
	objs=""
	for f in $core; do
		$CC $cflags -c "$f.c" -o "$f.o"
		objs="$objs $f.o"
	done
	rm -f liblua.a
	$AR rcs liblua.a $objs
	$CC $cflags -c lua.c -o lua.o
	$CC $cflags -c luac.c -o luac.o
	$CC -o lua lua.o liblua.a -lm
	$CC -o luac luac.o liblua.a -lm
	install -D -m 755 lua "$STAGE/usr/bin/lua"
	install -D -m 755 luac "$STAGE/usr/bin/luac"
	install -D -m 644 liblua.a "$STAGE/usr/lib/liblua5.4.a"
	for h in lua.h luaconf.h lualib.h lauxlib.h lua.hpp lua5.4-deb-multiarch.h; do
		install -D -m 644 "$h" "$STAGE/usr/include/lua5.4/$h"
	done
	install -D -m 644 ../doc/lua.1 "$STAGE/usr/share/man/man1/lua.1"
}
