"""Thin Python tooling around the dbt project: find, check and register raw files."""
