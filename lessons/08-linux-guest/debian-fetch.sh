#!/bin/sh
# debian-fetch.sh DIR: put Debian's own arm64 cloud kernel and static busybox
# into DIR (build/debian), for lesson 08. `make deps` runs it (and so `make
# run` and `make test` on a fresh clone); a second run finds DIR complete
# and does nothing.
#
# The packages are arm64 ones, downloaded with apt-get but never installed:
# APT::Architecture=arm64 and a package list of our own (DIR/apt) leave the
# machine's dpkg architectures and lists as they were. The sources are the
# machine's own, so Debian 12 gets its 6.1 kernel and Debian 13 its 6.12.
#
#   DIR/vmlinuz   the kernel: an uncompressed arm64 Image (Linux boot protocol)
#   DIR/busybox   busybox, statically linked: the whole of the initramfs
#   DIR/release   the kernel's release, as uname -r will print it
set -eu

dir=${1:?usage: debian-fetch.sh DIR}
[ -s "$dir/vmlinuz" ] && [ -s "$dir/busybox" ] && [ -s "$dir/release" ] && exit 0

command -v apt-get >/dev/null 2>&1 || {
	echo "debian-fetch.sh: apt-get not found: lesson 08 takes its kernel from Debian's linux-image-cloud-arm64 package" >&2
	exit 1
}
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/deb"
dir=$(cd "$dir" && pwd)
apt="apt-get -q -o APT::Architecture=arm64 -o APT::Architectures=arm64
	-o Dir::State::Lists=$dir/apt/lists -o Dir::Cache=$dir/apt/cache
	-o Debug::NoDropPrivs=true -o APT::Sandbox::User=root"

echo "debian-fetch.sh: Debian's arm64 package lists, into $dir/apt"
$apt update >"$dir/apt/update.log" 2>&1 || {
	cat "$dir/apt/update.log" >&2
	echo "debian-fetch.sh: apt-get update for arm64 failed (above)" >&2
	exit 1
}
# linux-image-cloud-arm64 only depends on the current versioned package.
cache=$(echo "$apt" | sed 's/^apt-get/apt-cache/')
image=$($cache depends linux-image-cloud-arm64 2>/dev/null |
	sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-cloud-arm64\)$/\1/p' | head -n 1)
[ -n "$image" ] || {
	echo "debian-fetch.sh: no linux-image-*-cloud-arm64 package behind linux-image-cloud-arm64" >&2
	exit 1
}
echo "debian-fetch.sh: downloading $image and busybox-static (arm64), about 25 MB"
(cd "$dir/deb" && rm -f ./*.deb && $apt download "$image" busybox-static >/dev/null)

rm -rf "$dir/x"
for deb in "$dir"/deb/*.deb; do
	dpkg-deb -x "$deb" "$dir/x"
done
release=${image#linux-image-}
rm -f "$dir/busybox"
cp "$dir/x/boot/vmlinuz-$release" "$dir/vmlinuz.new"
# /bin/busybox in Debian 12; /usr/bin/busybox in Debian 13 (merged /usr).
for bb in "$dir/x/usr/bin/busybox" "$dir/x/bin/busybox"; do
	[ -f "$bb" ] && cp "$bb" "$dir/busybox" && break
done
[ -s "$dir/busybox" ] || { echo "debian-fetch.sh: no busybox in busybox-static" >&2; exit 1; }
echo "$release" >"$dir/release"
mv "$dir/vmlinuz.new" "$dir/vmlinuz"	# last: the mark of a whole download
rm -rf "$dir/x"
echo "debian-fetch.sh: $dir/vmlinuz is Linux $release"
