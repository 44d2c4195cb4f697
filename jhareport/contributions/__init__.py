"""Contributions from the network's agencies: forms out, returned forms in, where things stand,
and the next year's folder."""
