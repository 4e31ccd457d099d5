"""newscorpus: see who says what across news articles about one story."""

__version__ = "0.1.0"
