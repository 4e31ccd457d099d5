"""Resolution across documents: which names are one entity (name keys, the clustering rules, the
user's corrections in aliases) and which articles tell one story (stories)."""
