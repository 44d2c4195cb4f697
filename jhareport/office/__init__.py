"""LibreOffice: PDF copies, tables of contents with their pages, and pictures of the pages."""
