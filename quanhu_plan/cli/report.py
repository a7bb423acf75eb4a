"""plan report (issue 4)."""
