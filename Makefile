# 卫片执法 field verification plugin. Every install step lives here: `make test` and `make demo` work on a
# fresh Debian 12 machine as root.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
BUILD       := build
STAMPS      := $(BUILD)/.stamps
# where `make package` and `make deploy` stage the plugin (the tests give each run a folder of its own: two runs at
# once never remove each other's staging)
DIST        ?= $(BUILD)
PLUGIN      := weipian_plugin
VENDOR_DIR  := $(PLUGIN)/_vendor
QGIS_PROFILE ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
PLUGIN_DEST := $(QGIS_PROFILE)/python/plugins/$(PLUGIN)
QT_QPA_PLATFORM ?= offscreen
export QT_QPA_PLATFORM
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)

APT_PACKAGES := qgis python3-qgis qgis-providers python3-gdal python3-shapely python3-venv python3-pip \
                xvfb xauth pyqt5-dev-tools qttools5-dev-tools qttranslations5-l10n zip fonts-wqy-microhei \
                postgresql postgresql-postgis python3-psycopg2
# qttranslations5-l10n: Qt's own words (buttons, file dialogs) in Chinese; QGIS set to 简体中文 from its list does not
# load them, the plugin does (language.install_qt_translator)
# postgresql, postgresql-postgis: the suite's own server and PostGIS (15 + 3.3 on Debian 12, 17 on Debian 13) for
# the county office store; the tests start a throwaway cluster of their own under build/pg (tests/pg_cluster.py,
# run as the postgres system user, its own port and socket, stopped afterwards), never the machine's service
# run-time deps the plugin vendors (pure Python): exifread >= 3.5 reads iPhone HEIC; pygeomag is the WMM;
# xlsxwriter writes the monthly statistics; ecdsa (with six, its one dependency) signs and verifies the exchange
# packages with Ed25519 (QGIS' Python has no `cryptography` on every install)
VENDORED     := exifread==3.5.1 pygeomag==1.1.0 xlsxwriter==3.2.9 ecdsa==0.19.2 six==1.17.0
# openpyxl only reads the XLSX back in the tests
DEV_PACKAGES := pytest==8.3.5 pytest-qgis==5.0.2 pillow-heif==1.8.1 ruff==0.8.6 openpyxl==3.1.5 $(VENDORED)

.PHONY: help deps test test-lts test-next demo bench screenshots deploy package lint transup transcompile clean run

help:
	@echo "make demo | test | test-lts | test-next | bench | screenshots | deploy | package | lint | transup | transcompile | clean"

# the stamp names the package list: a tree kept from an earlier list (build/roots/*) installs what is new; in such a
# tree the downloaded .deb files go after the install (hundreds of MB the CI disk needs), the machine's own cache stays
SYSTEM_STAMP := $(STAMPS)/system-$(shell echo "$(APT_PACKAGES)" | md5sum | cut -c1-8)
$(SYSTEM_STAMP):
	@mkdir -p $(STAMPS)
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  if [ -n "$$WEIPIAN_IN_ROOT" ]; then apt-get clean; fi; \
	fi
	@touch $@

$(STAMPS)/venv: $(SYSTEM_STAMP) Makefile
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check $(DEV_PACKAGES)
	@touch $@

# the stamp lives in the vendored folder itself, so a tree without the folder (a copy, a git clean) gets it again
$(VENDOR_DIR)/.installed: $(STAMPS)/venv Makefile
	rm -rf $(VENDOR_DIR)
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-compile --target $(VENDOR_DIR) $(VENDORED)
	rm -rf $(VENDOR_DIR)/bin $(VENDOR_DIR)/*.dist-info/RECORD
	@touch $@

deps: $(VENDOR_DIR)/.installed transcompile

test: deps
	@$(PY) -c "import sys; from qgis.core import Qgis; from qgis.PyQt.QtCore import QT_VERSION_STR; \
	print('QGIS', Qgis.QGIS_VERSION, '| Qt', QT_VERSION_STR, '| Python', sys.version.split()[0])"
	$(PY) -m pytest -q tests

# The same `make test` on the QGIS versions offices run, each in a Debian tree of its own made with debootstrap
# from Debian's packages under build/roots/ and kept between runs: test-lts is Debian 13 (QGIS 3.40 LTR,
# Python 3.13), test-next Debian unstable (QGIS 3.44, Python 3.14; its Release file may be past its date).
# The work tree is copied in (the tree's own build/ and .venv stay there); /proc and /dev are bound for the run
# and unbound afterwards, also when a test fails.
DEBIAN_MIRROR ?= http://deb.debian.org/debian
ROOTS         := $(BUILD)/roots
test-lts:
	@$(MAKE) --no-print-directory in-root SUITE=trixie
test-next:
	@$(MAKE) --no-print-directory in-root SUITE=sid APT_VALIDITY=false

APT_VALIDITY ?= true
ROOT_DIR      = $(ROOTS)/$(SUITE)
.PHONY: in-root unmount-roots
in-root: unmount-roots
	@test -n "$(SUITE)" || { echo "in-root needs SUITE"; exit 2; }
	@command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq --no-install-recommends debootstrap; }
	@set -e; root=$(ROOT_DIR); \
	if [ ! -e $$root/.weipian-root ]; then \
	  rm -rf --one-file-system $$root $$root.part; mkdir -p $(ROOTS); \
	  echo "debootstrap $(SUITE) into $$root"; \
	  debootstrap --variant=minbase --include=make,ca-certificates $(SUITE) $$root.part $(DEBIAN_MIRROR) \
	    > $(ROOTS)/$(SUITE).debootstrap.log 2>&1 || { tail -20 $(ROOTS)/$(SUITE).debootstrap.log; exit 1; }; \
	  echo 'Acquire::Check-Valid-Until "$(APT_VALIDITY)";' > $$root.part/etc/apt/apt.conf.d/99weipian; \
	  mv $$root.part $$root && touch $$root/.weipian-root; \
	fi; \
	mkdir -p $$root/etc/weipian && cp /etc/ssl/certs/ca-certificates.crt $$root/etc/weipian/host-ca.crt; \
	cp /etc/resolv.conf $$root/etc/resolv.conf 2>/dev/null || true; \
	mkdir -p $$root/src; \
	find $$root/src -mindepth 1 -maxdepth 1 ! -name build ! -name .venv -exec rm -rf --one-file-system {} +; \
	tar -C . --exclude=./.git --exclude=./build --exclude=./.venv --exclude=./$(VENDOR_DIR) \
	  --exclude='__pycache__' --exclude='./i18n/*.qm' -cf - . | tar -C $$root/src -xf -; \
	trap '$(MAKE) --no-print-directory unmount-roots' EXIT; \
	mount -t proc proc $$root/proc; \
	mount --rbind /dev $$root/dev && mount --make-rslave $$root/dev; \
	chroot $$root /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	  LANG=C.UTF-8 CI=$${CI:-} WEIPIAN_IN_ROOT=1 PIP_CERT=/etc/weipian/host-ca.crt PIP_DISABLE_PIP_VERSION_CHECK=1 \
	  /bin/bash -c 'cd /src && make test'

# Unbind whatever a run (even a killed one) left bound under the suite's tree (all of build/roots/ without SUITE),
# after ending what still runs inside it (a QGIS or an Xvfb that a timed-out test left behind).
unmount-roots:
	@top=$(abspath $(if $(SUITE),$(ROOT_DIR),$(ROOTS))); \
	for p in /proc/[0-9]*; do case "$$(readlink $$p/root 2>/dev/null)" in "$$top"|"$$top"/*) \
	  kill -9 $${p#/proc/} 2>/dev/null || true;; esac; done; \
	for m in $$(awk '{print $$2}' /proc/mounts | grep "^$$top/" | sort -r); do \
	  umount -l "$$m" 2>/dev/null || true; done


# the month headless, then its office part: the county package on a PostgreSQL/PostGIS server of the demo's own
# (tests/pg_cluster.py, stopped afterwards) with two people working at once
demo: deps
	$(PY) -m $(PLUGIN).sample.demo $(BUILD)/demo
	@dsn=$$($(PY) tests/pg_cluster.py start) && $(PY) -m $(PLUGIN).sample.office_demo $(BUILD)/demo "$$dsn"; \
	rc=$$?; $(PY) tests/pg_cluster.py stop; exit $$rc

# the manual's pictures, taken from the plugin itself under a real X server (Xvfb), in Chinese: never stale
screenshots: deps
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) tests/gui/render_dock.py $(BUILD)/screens docs/manual/img
	# the office's and the city's screens: the GUI tests that drive them on the suite's database take the pictures
	WEIPIAN_MANUAL_IMAGES=$(CURDIR)/docs/manual/img $(PY) -m pytest -q -p no:cacheprovider \
		tests/gui/test_office_dock.py::test_two_desks_on_the_office_package_see_each_other_and_lose_nothing \
		tests/gui/test_city_dock.py::test_the_city_reviews_on_its_screen

bench: deps
	$(PY) tests/bench/run_benchmarks.py $(BUILD)/bench

lint: $(STAMPS)/venv
	$(VENV)/bin/ruff check $(PLUGIN) tests
	$(PY) -m pytest -q tests/test_qt6_ready.py

transup: $(SYSTEM_STAMP)
	pylupdate5 -noobsolete $$(find $(PLUGIN) -name '*.py' -not -path '*/_vendor/*' | sort) -ts i18n/weipian_zh_CN.ts

# a .qm is made when its .ts changed, and whole (written aside, then moved): another test run at once may be
# loading it
QM_FILES := $(patsubst %.ts,%.qm,$(wildcard i18n/*.ts))
i18n/%.qm: i18n/%.ts $(SYSTEM_STAMP)
	@lrelease -silent $< -qm $@.$$$$.tmp && mv $@.$$$$.tmp $@
transcompile: $(QM_FILES)

# The installable plugin folder: code, metadata.txt, resources, compiled translations, vendored deps.
$(DIST)/plugin: deps
	rm -rf $@ && mkdir -p $@
	cp -r $(PLUGIN) $@/
	find $@ -name '__pycache__' -prune -exec rm -rf {} +
	cp metadata.txt LICENSE $@/$(PLUGIN)/
	cp -r resources $@/$(PLUGIN)/resources
	mkdir -p $@/$(PLUGIN)/docs && cp -r docs/manual $@/$(PLUGIN)/docs/manual
	mkdir -p $@/$(PLUGIN)/i18n && cp i18n/*.qm $@/$(PLUGIN)/i18n/
.PHONY: $(DIST)/plugin

package: $(DIST)/plugin
	rm -f $(DIST)/$(PLUGIN).zip
	cd $(DIST)/plugin && $(abspath $(PY)) -m zipfile -c ../$(PLUGIN).zip $(PLUGIN)
	@echo "$(DIST)/$(PLUGIN).zip"

deploy: $(DIST)/plugin
	mkdir -p $(dir $(PLUGIN_DEST))
	rm -rf $(PLUGIN_DEST) && cp -r $(DIST)/plugin/$(PLUGIN) $(PLUGIN_DEST)
	$(PY) -c "from qgis.PyQt.QtCore import QSettings; s = QSettings('$(QGIS_PROFILE)/QGIS/QGIS3.ini', QSettings.IniFormat); \
	s.setValue('PythonPlugins/$(PLUGIN)', True); s.sync(); print('enabled in', s.fileName())"

# QGIS with the plugin deployed and the dock open on the demo package, for a person to try (needs a display)
run: deploy
	$(PY) -m $(PLUGIN).sample.demo $(BUILD)/demo
	WEIPIAN_PACKAGE=$(abspath $(BUILD)/demo/610902_2026_3.gpkg) QT_QPA_PLATFORM=$${DISPLAY:+xcb} \
	  qgis --nologo --noversioncheck --code $(PLUGIN)/sample/run_in_qgis.py

clean: unmount-roots
	rm -rf --one-file-system $(BUILD) $(VENDOR_DIR) i18n/*.qm .pytest_cache
