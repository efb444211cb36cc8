"""The hand-computed cases of ``test_mve_entradas_e_estado.py`` (one test per command, the hand computation in each
test), run again on the vectorized engine (``motor_adaptador.reexecutar``: same source, same expected
values, the engine behind ``calcular_mes`` / ``calcular_meses``)."""

from motor_adaptador import reexecutar

# reference-specific (full-precision state of the reference): skipped here, with the reason
EXCLUIDOS = {
    'test_estado_guarda_precisao_total': 'o estado do motor guarda os fatores a 16 casas (a divisão do motor), não a 34 dígitos; o equivalente do motor está em test_mve_motor_interfaces.py',
}
reexecutar('test_mve_entradas_e_estado', globals(), EXCLUIDOS)
