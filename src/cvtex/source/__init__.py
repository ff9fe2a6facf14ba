"""Stage 1: reading a résumé: YAML/JSON with positions, --set, old JSON Resume names."""
