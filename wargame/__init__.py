"""wargame: a desktop crisis wargame about collective self-defence."""

__version__ = "0.1.0"
