# Shared by the QEMU scripts (sourced).  qemu_base prints the options every
# native boot uses: q35, TCG unless KVM is usable and wanted, no reboot.
#   QEMU_CPU   CPU model under TCG (default max; qemu64 covers the fallbacks)
QEMU=${QEMU:-qemu-system-x86_64}

# KVM only if the CPU has vmx/svm and /dev/kvm opens, and kvm != no.
qemu_accel() {
	if [ "${1:-}" != no ] && grep -qE '\b(vmx|svm)\b' /proc/cpuinfo 2>/dev/null &&
	    { exec 3<>/dev/kvm; } 2>/dev/null; then
		exec 3>&-
		echo "-accel kvm -cpu host"
	else
		echo "-accel tcg -cpu ${QEMU_CPU:-max}"
	fi
}
