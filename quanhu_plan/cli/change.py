"""Commands that change the plan (issue 3)."""
