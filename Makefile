# 卫片执法 field verification plugin. Every install step lives here: `make test` and `make demo` work on a
# fresh Debian 12 machine as root.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
BUILD       := build
STAMPS      := $(BUILD)/.stamps
PLUGIN      := weipian_plugin
VENDOR_DIR  := $(PLUGIN)/_vendor
QGIS_PROFILE ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
PLUGIN_DEST := $(QGIS_PROFILE)/python/plugins/$(PLUGIN)
QT_QPA_PLATFORM ?= offscreen
export QT_QPA_PLATFORM
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)

APT_PACKAGES := qgis python3-qgis qgis-providers python3-gdal python3-shapely python3-venv python3-pip \
                xvfb pyqt5-dev-tools qttools5-dev-tools zip fonts-wqy-microhei
# run-time deps the plugin vendors (pure Python): exifread >= 3.5 reads iPhone HEIC; pygeomag is the WMM;
# xlsxwriter writes the monthly statistics
VENDORED     := exifread==3.5.1 pygeomag==1.1.0 xlsxwriter==3.2.9
# openpyxl only reads the XLSX back in the tests
DEV_PACKAGES := pytest==8.3.5 pytest-qgis==5.0.2 pillow-heif==1.8.1 ruff==0.8.6 openpyxl==3.1.5 $(VENDORED)

.PHONY: help deps test demo bench deploy package lint transup transcompile clean run

help:
	@echo "make demo | test | bench | deploy | package | lint | transup | transcompile | clean"

$(STAMPS)/system:
	@mkdir -p $(STAMPS)
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@touch $@

$(STAMPS)/venv: $(STAMPS)/system Makefile
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check $(DEV_PACKAGES)
	@touch $@

$(STAMPS)/vendor: $(STAMPS)/venv Makefile
	rm -rf $(VENDOR_DIR)
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-compile --target $(VENDOR_DIR) $(VENDORED)
	rm -rf $(VENDOR_DIR)/bin $(VENDOR_DIR)/*.dist-info/RECORD
	@touch $@

deps: $(STAMPS)/vendor transcompile

test: deps
	$(PY) -m pytest -q tests

demo: deps
	$(PY) -m $(PLUGIN).sample.demo $(BUILD)/demo

bench: deps
	$(PY) tests/bench/run_benchmarks.py $(BUILD)/bench

lint: $(STAMPS)/venv
	$(VENV)/bin/ruff check $(PLUGIN) tests

transup: $(STAMPS)/system
	pylupdate5 -noobsolete $$(find $(PLUGIN) -name '*.py' -not -path '*/_vendor/*' | sort) -ts i18n/weipian_zh_CN.ts

transcompile: $(STAMPS)/system
	@for ts in i18n/*.ts; do lrelease -silent $$ts -qm $${ts%.ts}.qm; done

# The installable plugin folder: code, metadata.txt, resources, compiled translations, vendored deps.
$(BUILD)/plugin: deps
	rm -rf $@ && mkdir -p $@
	cp -r $(PLUGIN) $@/
	find $@ -name '__pycache__' -prune -exec rm -rf {} +
	cp metadata.txt LICENSE $@/$(PLUGIN)/
	cp -r resources $@/$(PLUGIN)/resources
	mkdir -p $@/$(PLUGIN)/i18n && cp i18n/*.qm $@/$(PLUGIN)/i18n/
.PHONY: $(BUILD)/plugin

package: $(BUILD)/plugin
	rm -f $(BUILD)/$(PLUGIN).zip
	cd $(BUILD)/plugin && $(abspath $(PY)) -m zipfile -c ../$(PLUGIN).zip $(PLUGIN)
	@echo "$(BUILD)/$(PLUGIN).zip"

deploy: $(BUILD)/plugin
	mkdir -p $(dir $(PLUGIN_DEST))
	rm -rf $(PLUGIN_DEST) && cp -r $(BUILD)/plugin/$(PLUGIN) $(PLUGIN_DEST)
	$(PY) -c "from qgis.PyQt.QtCore import QSettings; s = QSettings('$(QGIS_PROFILE)/QGIS/QGIS3.ini', QSettings.IniFormat); \
	s.setValue('PythonPlugins/$(PLUGIN)', True); s.sync(); print('enabled in', s.fileName())"

# QGIS with the plugin deployed and the dock open on the demo package, for a person to try (needs a display)
run: deploy
	$(PY) -m $(PLUGIN).sample.demo $(BUILD)/demo
	WEIPIAN_PACKAGE=$(abspath $(BUILD)/demo/610902_2026_3.gpkg) QT_QPA_PLATFORM=$${DISPLAY:+xcb} \
	  qgis --nologo --noversioncheck --code $(PLUGIN)/sample/run_in_qgis.py

clean:
	rm -rf $(BUILD) $(VENDOR_DIR) i18n/*.qm .pytest_cache
