"""Every total the tracker states, computed in one place (tracker/figures/totals.py)."""
