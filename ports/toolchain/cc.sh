# x86_64-redox-gcc: compiles and links a program for the OS as the
# project's own programs are (mk/config.mk's PROG_CFLAGS/PROG_LDFLAGS,
# mk/libc.mk's prog_link).  make writes the settings above this line
# (ports/toolchain/cc.sh is the rest), so a change of the program flags
# reaches the ports at the next `make ports`.
#
# Accepted as a configure script uses a cross compiler: -c/-S/-E/-M
# (compile only), a link of objects and sources with -o, -lm/-lpthread/
# -ldl/-lrt/-lcrypt (our libc.a holds all of them, so they are dropped),
# --version/-v/-print-* with no input (passed to gcc as they are).
# Refused: -shared (there are no shared objects).

if [ $# -eq 1 ] && [ "$1" = -dumpmachine ]; then
	echo x86_64-redox	# the target, not the host gcc's
	exit 0
fi

link=1 inputs=0 out=a.out want=""
for a do
	shift
	if [ -n "$want" ]; then
		[ "$want" = o ] && out=$a
		want=""
		set -- "$@" "$a"
		continue
	fi
	case $a in
	-lm|-lpthread|-ldl|-lrt|-lcrypt|-lutil|-lxnet|-lc|-pthread|-rdynamic|\
	-static|-static-pie|-pie|-no-pie)
		continue ;;
	-shared)
		echo "x86_64-redox-gcc: -shared: the OS has no shared objects" >&2
		exit 1 ;;
	-c|-S|-E|-M|-MM|-fsyntax-only)
		link=0 ;;
	-o)	want=o ;;
	-o*)	out=${a#-o} ;;
	-x|-I|-D|-U|-L|-include|-imacros|-isystem|-iquote|-idirafter|\
	-MF|-MT|-MQ|-Xlinker|-Xassembler|-Xpreprocessor|-u|-T|-z)
		want=v ;;
	-?*)	;;
	*)	inputs=$((inputs + 1)) ;;
	esac
	set -- "$@" "$a"
done

# Nothing to compile: a question to gcc (--version, -v, -print-*).
if [ "$inputs" -eq 0 ]; then
	# shellcheck disable=SC2086
	exec "$REDOX_CC" $REDOX_CFLAGS "$@"
fi
if [ "$link" -eq 0 ]; then
	# shellcheck disable=SC2086
	exec "$REDOX_CC" $REDOX_CFLAGS "$@"
fi
# shellcheck disable=SC2086
# -x none: a -x LANG among the arguments would otherwise apply to libc.a.
"$REDOX_CC" $REDOX_CFLAGS $REDOX_LDFLAGS "$REDOX_CRT0" "$@" -x none "$REDOX_LIBC" -lgcc || exit 1
# The kernel's loader takes only static PIEs with relative relocations.
"$REDOX_CHECK" "$out" || { rm -f "$out"; exit 1; }
