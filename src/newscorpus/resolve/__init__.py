"""Entity resolution: name keys, the clustering rules, and the user's corrections (aliases)."""
