#!/bin/sh
# Runs inside the benchmark guest (bench/run puts it in the initramfs as
# /bench/guest.sh, with cpubench beside it). Prints one line a result:
#   BENCH NAME SECONDS [CHECK]
# timed with the guest's /proc/uptime (10 ms steps; the guest clock
# follows the host's on hvrun and QEMU alike).
#   guest.sh single    sha256sum and gzip over 64 MiB, then cpubench
#   guest.sh smp N     cpubench's smp kernels: one job, then N at once
up() { cut -d' ' -f1 /proc/uptime; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }

case $1 in
single)
	# 64 MiB of real data: the busybox binary over and over.
	i=0
	while [ $i -lt 64 ]; do
		cat /bin/busybox
		i=$((i + 1))
	done | head -c 67108864 >/tmp/f
	sync
	s=$(up)
	sha256sum /tmp/f >/tmp/sum
	e=$(up)
	echo "BENCH sha256 $(elapsed "$s" "$e") $(cut -c1-16 /tmp/sum)"
	s=$(up)
	gzip -c /tmp/f >/tmp/f.gz
	e=$(up)
	echo "BENCH gzip $(elapsed "$s" "$e") $(wc -c </tmp/f.gz)"
	rm -f /tmp/f /tmp/f.gz
	/bench/cpubench | while read -r name ms sum; do
		echo "BENCH cpu-$name $(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }') $sum"
	done
	;;
smp)
	n=$2
	s=$(up)
	/bench/cpubench crc hash sort matmul >/tmp/one
	e=$(up)
	echo "BENCH smp-1 $(elapsed "$s" "$e")"
	s=$(up)
	i=0
	while [ $i -lt "$n" ]; do
		/bench/cpubench crc hash sort matmul >/tmp/job$i &
		i=$((i + 1))
	done
	wait
	e=$(up)
	echo "BENCH smp-$n $(elapsed "$s" "$e")"
	;;
esac
