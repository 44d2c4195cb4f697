"""Rendering into Word: record texts and charts as WordprocessingML, the Word templates,
the build, deterministic packages and the places of render errors."""
