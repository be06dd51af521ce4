"""Beatbook: neighbourhood policing and the public scrutiny of police performance."""
