"""The hand-computed cases of ``test_mve_cmd_39_44_valores.py`` (one test per command, the hand computation in each
test), run again on the vectorized engine (``motor_adaptador.reexecutar``: same source, same expected
values, the engine behind ``calcular_mes`` / ``calcular_meses``)."""

from motor_adaptador import reexecutar

reexecutar('test_mve_cmd_39_44_valores', globals())
