"""Pure core of the plugin: rules, evidence checks, units and profiles.

Nothing in this package imports qgis, Qt widgets or iface, so its tests run in a plain interpreter.
"""
