#!/bin/busybox sh
# /init: the first program Debian's kernel runs in lesson 08. It prints
# what the lesson checks, one "init:" line each, then powers the guest off
# (PSCI SYSTEM_OFF, which ends this guest only). With stepvisor.shell on
# the kernel's command line (make run LESSON=08 SH=1) it starts a shell.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev		# /dev/ttyAMA0, for the shell's job control
# The benchmark's count to /init (bench/bench.py): power off at once.
grep -q stepvisor.bench=init /proc/cmdline && poweroff -f

# Seconds since boot, in hundredths, from /proc/uptime ("12.34 5.67").
uptime_cs() { awk '{ split($1, s, "."); print s[1] * 100 + s[2] }' /proc/uptime; }
# How many interrupts GIC INTID $1 has had (/proc/interrupts: IRQ count chip INTID ...).
irqs() { awk -v id="$1" '$3 == "GICv3" && $4 == id { n += $2 } END { print n + 0 }' /proc/interrupts; }
# seconds.hundredths from hundredths
secs() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }

echo "init: hello from $(uname -s) on $(uname -m), at $(secs $(uptime_cs)) s of its uptime"
# 6.1.0-28-cloud-arm64 (Debian 12), 6.12.38+deb13-cloud-arm64 (Debian 13)
echo "init: kernel $(uname -r | sed 's/^\([0-9]*\)\.\([0-9]*\)[.0-9]*[-+].*-\([a-z]*-arm64\)$/\1 \2 (major minor), flavour \3/')"
awk -F ': *' '/^CPU implementer/ { i = $2 } /^CPU part/ { p = $2 } /^BogoMIPS/ { b = $2 }
	END { print "init: cpu: implementer " i ", part " p ", BogoMIPS " b }' /proc/cpuinfo
echo "init: $(grep -c ^processor /proc/cpuinfo) cpu online; $(awk '/^MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB of memory"

# A restart (PSCI SYSTEM_RESET), once: the second boot's command line says
# stepvisor.restarted (the hypervisor adds it, restart.c).
if grep -q stepvisor.reboot /proc/cmdline && ! grep -q stepvisor.restarted /proc/cmdline; then
	echo "init: rebooting"
	reboot -f
fi
if grep -q stepvisor.restarted /proc/cmdline; then
	echo "init: this is the second boot"
fi

if grep -q stepvisor.shell /proc/cmdline; then
	echo "init: a shell: type commands; 'poweroff -f' ends this guest"
	setsid cttyhack sh
	poweroff -f
fi

t0=$(uptime_cs) n0=$(irqs 27)
sleep 1
t1=$(uptime_cs) n1=$(irqs 27)
echo "init: sleep 1 took $(secs $((t1 - t0))) s by /proc/uptime, $((n1 - n0)) timer interrupts"
echo "init: timer (GIC 27): $(irqs 27) interrupts; UART (GIC 33): $(irqs 33)"
echo "init: primes below 1000: $(awk 'BEGIN { for (n = 2; n < 1000; n++) {
	for (d = 2; d * d <= n && n % d; d++) ; if (d * d > n) c++ } print c }')"
echo "init: powering off at $(secs $(uptime_cs)) s"
poweroff -f
