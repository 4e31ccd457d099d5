"""NLP extraction: spaCy pipeline loading, and pure functions from one document to its records."""
