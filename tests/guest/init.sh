#!/bin/sh
# SPDX-License-Identifier: MIT
# init.sh - /init of the guest initramfs built by guest_build_initramfs:
# mounts the kernel filesystems, loads the listed modules, runs
# /guest/run.sh in /out, writes /out as a tar onto the output disk
# (/dev/vda), reports "GUEST-STATUS=<exit status>" and powers off.
export PATH=/usr/bin:/usr/sbin:/bin:/sbin
export HOME=/tmp

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

# The second serial port carries guest_step's marks to the host, unchanged.
stty -F /dev/ttyS1 raw -echo clocal 2>/dev/null

while read -r mod; do
	insmod "$mod" || echo "guest: insmod $mod failed"
done </etc/guest/modules

cd /out || exit 1
sh /guest/run.sh
status=$?

# The disk appears once virtio_blk has probed it.
i=0
while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ -b /dev/vda ]; then
	tar cf /dev/vda . || echo "guest: writing /out to /dev/vda failed"
	sync
else
	echo "guest: no output disk /dev/vda"
fi
echo
echo "GUEST-STATUS=$status"
poweroff -f
