"""The work package store: one GeoPackage per county batch, plus an evidence folder beside it."""
