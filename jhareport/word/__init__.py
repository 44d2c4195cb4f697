"""Rendering into Word: the template environment and filters, record texts as WordprocessingML,
the build, deterministic packages and the places of render errors."""
