"""Headless services on top of the core and the store; they may use qgis.core but never widgets."""
