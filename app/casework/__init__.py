"""District casework: the desktop app for street offices and the district hub it syncs with."""

__version__ = "0.1.0"
