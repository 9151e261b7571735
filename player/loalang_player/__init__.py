"""Loa Làng Player: plays a loudspeaker cluster's programme from Loa Làng, offline too."""

__version__ = "0.1.0"
