"""Output: the terminal (consoles, messages, progress), command results in every format, the HTML report."""
