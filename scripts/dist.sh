#!/usr/bin/env bash
# Makes the packages a shop installs, from this Linux machine:
#
#   scripts/dist.sh linux     dist/regulars-VERSION-linux-amd64.tar.xz
#   scripts/dist.sh deb       dist/regulars_VERSION_amd64.deb
#   scripts/dist.sh windows   dist/regulars-VERSION-windows-amd64.zip
#
# Called by make dist (which installs Fyne's packaging tool, MinGW-w64 and
# the rest first). VERSION is git describe's; FYNE the fyne tool's path.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${VERSION:?VERSION is not set: run make dist}"
: "${FYNE:?FYNE is not set: run make dist}"
GO=${GO:-go}
DIST=${DIST:-dist}
ID=app.regulars.Regulars
mkdir -p "$DIST"
DIST=$(cd "$DIST" && pwd)

# Fyne's --app-version is x.y.z: the tag's (v1.2 or v1.2.3), else
# FyneApp.toml's (a bare commit, even one of digits only, is no version);
# the build number is the count of commits since the tag.
tagversion() { echo "$VERSION" | sed -nE 's/^v?([0-9]+\.[0-9]+(\.[0-9]+)?)($|-).*/\1/p'; }
appversion() {
	local v
	v=$(tagversion)
	[ -n "$v" ] || v=$(sed -nE 's/^ *Version *= *"([^"]+)".*/\1/p' FyneApp.toml)
	echo "$v"
}
appbuild() { echo "$VERSION" | sed -nE 's/^v?[0-9.]+-([0-9]+)-g.*/\1/p' | grep . || echo 1; }
# Debian's version: the tag's, with what git describe adds after a "+"
# (1.2.0+3-gabc); with no tag, FyneApp.toml's followed by "~git" and the
# commit, which sorts before that version's release.
debversion() {
	if [ -n "$(tagversion)" ]; then
		echo "$VERSION" | sed -e 's/^v//' -e 's/-/+/' -e 's/-/./g'
	else
		echo "$(appversion)~git$(echo "$VERSION" | tr -- '-' '.')"
	fi
}

# fyne package counts its builds in FyneApp.toml: the file is put back as
# it was, so that making the packages leaves the tree clean.
cp FyneApp.toml "$DIST/.FyneApp.toml"
trap 'cp "$DIST/.FyneApp.toml" FyneApp.toml; rm -f "$DIST/.FyneApp.toml"' EXIT

# fyne package builds with -ldflags from GOFLAGS, so the version goes there.
# The window leaves out Fyne's bundled emoji font (10 MB of memory; see the
# Makefile's APP_TAGS).
export GOFLAGS="-tags=no_emoji -ldflags=-X=regulars/app/cli.Version=$VERSION"

linux() {
	local work="$DIST/.linux" out="$DIST/regulars-$VERSION-linux-amd64.tar.xz"
	rm -rf "$work" && mkdir -p "$work"
	# fyne package builds the release binary, names the desktop entry and
	# the icon after the app ID and lays out usr/local.
	(cd "$work" && "$FYNE" package --os linux --release --src "$OLDPWD" --exe "$work/regulars" \
		--name Regulars --app-id "$ID" --app-version "$(appversion)" --app-build "$(appbuild)" --icon "$OLDPWD/assets/icon.png")
	mkdir -p "$work/stage"
	tar -xJf "$work/Regulars.tar.xz" -C "$work/stage"
	local root="$work/stage/regulars"
	local usr="$root/usr/local"
	[ -d "$usr" ] || usr="$root/usr"
	install -Dm644 assets/$ID.metainfo.xml "$usr/share/metainfo/$ID.metainfo.xml"
	install -Dm644 assets/icon.png "$usr/share/icons/hicolor/256x256/apps/$ID.png"
	# The installer: ours, as it also installs the metainfo and the icon
	# where desktops look for it, into ~/.local or /usr/local.
	rm -f "$root/Makefile"
	install -Dm644 scripts/dist-install.mk "$root/Makefile"
	(cd "$usr/.." && [ "$(basename "$usr")" = local ] && mv local/* . && rmdir local) || true
	install -Dm644 /dev/stdin "$root/README.txt" <<TXT
Regulars $VERSION for Linux (amd64)

  make install      as root: into /usr/local; as yourself: into ~/.local
  make uninstall    removes it again

Then open Regulars from your desktop's menu (or run: regulars).
TXT
	tar --owner=0 --group=0 -cJf "$out" -C "$work/stage" regulars
	rm -rf "$work"
	echo "$out"
}

deb() {
	local work="$DIST/.deb" v
	v=$(debversion)
	local out="$DIST/regulars_${v}_amd64.deb"
	rm -rf "$work" && mkdir -p "$work"
	local tarball="$DIST/regulars-$VERSION-linux-amd64.tar.xz"
	[ -f "$tarball" ] || linux >/dev/null
	tar -xJf "$tarball" -C "$work"
	local root="$work/root"
	make -s -C "$work/regulars" install DESTDIR="$root" PREFIX=/usr >/dev/null
	sed -i "s,^Exec=.*,Exec=regulars," "$root/usr/share/applications/$ID.desktop"
	# The libraries the binary loads, as Debian packages (dpkg-shlibdeps
	# wants a debian/control to sit in).
	mkdir -p "$work/src/debian"
	printf 'Source: regulars\n\nPackage: regulars\nArchitecture: amd64\n' >"$work/src/debian/control"
	local depends
	depends=$(cd "$work/src" && dpkg-shlibdeps -O "$root/usr/bin/regulars" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
	[ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; return 1; }
	# GLFW loads these X11 libraries at run time (dlopen), unseen by
	# dpkg-shlibdeps.
	depends="$depends, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1"

	mkdir -p "$root/DEBIAN"
	cat >"$root/DEBIAN/control" <<CTRL
Package: regulars
Version: $v
Section: misc
Priority: optional
Architecture: amd64
Maintainer: Regulars <hello@regulars.app>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: $depends
Recommends: cups-client, xdg-utils
Homepage: https://regulars.app
Description: client book, visit log and thank-you cards for small shops
 Regulars keeps a small business's client book and visit log on the shop
 laptop, shows who has not been contacted lately, prints hand-written-style
 thank-you cards and sends thank-you emails.
CTRL
	dpkg-deb --root-owner-group --build "$root" "$out" >/dev/null
	rm -rf "$work"
	echo "$out"
}

windows() {
	local work="$DIST/.windows" out="$DIST/regulars-$VERSION-windows-amd64.zip"
	rm -rf "$work" && mkdir -p "$work"
	# fyne package embeds the icon, the manifest and the version resource
	# (a .syso) and links with -H=windowsgui: no console from Explorer. It
	# names the program after --name in the current folder.
	# fyne builds twice when the exe is missing, and the first build
	# takes the -ldflags out of GOFLAGS, losing the version for the second
	# (the one kept, with the resource): a placeholder file makes it build
	# once, with them.
	rm -f Regulars.exe
	: >Regulars.exe
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
		"$FYNE" package --os windows --release --exe Regulars.exe \
		--name Regulars --app-id "$ID" --app-version "$(appversion)" --app-build "$(appbuild)" --icon assets/icon.png
	mv Regulars.exe "$work/Regulars.exe"
	install -Dm644 /dev/stdin "$work/README.txt" <<TXT
Regulars $VERSION for Windows (64-bit)

Unzip this folder where you keep programs (for example Documents\Regulars)
and double-click Regulars.exe. Your client book is kept in
%APPDATA%\regulars\regulars.db.

From a terminal, "Regulars.exe help" lists the commands.
TXT
	rm -f "$out"
	(cd "$work" && zip -q -9 "$out" Regulars.exe README.txt)
	mkdir -p "$DIST/windows" && cp "$work/Regulars.exe" "$DIST/windows/Regulars.exe"
	rm -rf "$work"
	echo "$out"
}

case "${1:-}" in
linux) linux ;;
deb) deb ;;
windows) windows ;;
*) echo "usage: $0 linux|deb|windows" >&2; exit 2 ;;
esac
