"""nhiemvu: who must do what, by when, from Vietnamese administrative texts."""

__version__ = "0.1.0"
