"""The ``ccee`` command line."""
