"""quanhu-plan: a command-line planning checklist for a town government's yearly work plan."""

__version__ = "0.1.0"
