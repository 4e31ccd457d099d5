"""Text knowledge every layer may use: normalization, numbers, dates, word lists."""
