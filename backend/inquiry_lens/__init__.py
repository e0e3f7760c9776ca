"""Inquiry Lens (询盘透镜): is this buyer real, what do they want, by when and how to reply."""

__version__ = "0.1.0"
API_VERSION = "1"
