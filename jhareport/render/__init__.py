"""What every writer of the documents shares: the template sandbox and the filters."""
