"""The one layer that reads and writes WordprocessingML: record texts and charts as Word XML,
the Word templates, the build, deterministic packages, the places of render errors, the
contribution forms, tables of contents and tags for the PDFs, and the text of Word paragraphs
as a reader sees it (what the template tools and the pytest plugin's snapshots read)."""
