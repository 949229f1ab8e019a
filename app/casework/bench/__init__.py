"""Benchmark commands: measured figures at the scales in DESIGN.md, each beside its bare limit."""
