"""``python -m ccee_barramento`` runs the ``ccee`` command."""

from .cli.main import main

main()
