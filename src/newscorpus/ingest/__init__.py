"""Ingest: reading inputs, page furniture, copies, and the run that analyses and stores them (spaCy side)."""
