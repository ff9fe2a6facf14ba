"""Stages 2–3: the schema, validation with located findings, and selection of what prints."""
