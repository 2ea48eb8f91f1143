# Installs Regulars from this folder: make install (as root into
# /usr/local, as yourself into ~/.local), make uninstall.
ID := app.regulars.Regulars
PREFIX ?= $(if $(filter 0,$(shell id -u)),/usr/local,$(HOME)/.local)
DESTDIR ?=

.PHONY: install uninstall
install:
	install -Dm755 usr/bin/regulars $(DESTDIR)$(PREFIX)/bin/regulars
	install -Dm644 usr/share/applications/$(ID).desktop $(DESTDIR)$(PREFIX)/share/applications/$(ID).desktop
	install -Dm644 usr/share/icons/hicolor/256x256/apps/$(ID).png $(DESTDIR)$(PREFIX)/share/icons/hicolor/256x256/apps/$(ID).png
	install -Dm644 usr/share/metainfo/$(ID).metainfo.xml $(DESTDIR)$(PREFIX)/share/metainfo/$(ID).metainfo.xml
	sed -i -e 's,^Exec=regulars,Exec=$(PREFIX)/bin/regulars,' $(DESTDIR)$(PREFIX)/share/applications/$(ID).desktop
	-[ -n "$(DESTDIR)" ] || ! command -v update-desktop-database >/dev/null || update-desktop-database -q $(PREFIX)/share/applications
	-[ -n "$(DESTDIR)" ] || ! command -v gtk-update-icon-cache >/dev/null || gtk-update-icon-cache -q -t $(PREFIX)/share/icons/hicolor
	@echo "Regulars is installed in $(PREFIX): open it from your desktop's menu."

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/regulars $(DESTDIR)$(PREFIX)/share/applications/$(ID).desktop \
		$(DESTDIR)$(PREFIX)/share/icons/hicolor/256x256/apps/$(ID).png $(DESTDIR)$(PREFIX)/share/metainfo/$(ID).metainfo.xml
