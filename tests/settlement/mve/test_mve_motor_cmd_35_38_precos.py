"""The hand-computed cases of ``test_mve_cmd_35_38_precos.py`` (one test per command, the hand computation in each
test), run again on the vectorized engine (``motor_adaptador.reexecutar``: same source, same expected
values, the engine behind ``calcular_mes`` / ``calcular_meses``)."""

from motor_adaptador import reexecutar

# reference-specific (full-precision state of the reference): skipped here, with the reason
EXCLUIDOS = {
    'test_cmd_37_estado_e_forma_fechada_coincidem': 'o estado do motor guarda o quociente a 16 casas, não a 34 dígitos; o equivalente do motor está em test_mve_motor_interfaces.py',
}
reexecutar('test_mve_cmd_35_38_precos', globals(), EXCLUIDOS)
