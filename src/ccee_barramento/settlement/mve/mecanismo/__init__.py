"""MVE mechanism (seed 004 §2.1 cmds 1–28, Anexo II cmds 76–103, Anexo III cmds 104–109, §2.2 cmds 29–34):
sale limits, the auction's clearing round by round, and the CCEAL contracts it creates.

    from ccee_barramento.settlement.mve.mecanismo import processar

    r = processar("entradas/")                       # or a dict of tables (polars/pandas/Arrow/rows)
    r["QUANT_TOT_DISP_V_MED"]                        # limits (MWmédio) per distributor, submarket, vigência
    r["MONT_ADQ_PROD_A"]                             # each buy bid's allocation
    r.contratos()                                    # the pairs: seller, buyer, product, MWmédio, price
    r.tabelas_liquidacao()                           # VINC_V_MVE, VINC_C_MVE, MV_MVE_PRE... for settlement.mve
    r.salvar_cceal("cceal/")                         # CCEAL_<perfil_vendedor>.xml, for workflows.registrar
    r.explicar("MV_MVE_PRE", contrato="X1-0001")

Tables, the algorithm and every decision: ``docs/mve-mecanismo.md``.
"""

from .esquema import ENTRADAS, REGISTRO, SAIDAS, Configuracao, ErroMecanismo
from .motor import carregar, processar
from .referencia import processar_referencia
from .resultado import ResultadoMecanismo

COMANDOS = REGISTRO.comandos

__all__ = ["COMANDOS", "ENTRADAS", "REGISTRO", "SAIDAS", "Configuracao", "ErroMecanismo", "ResultadoMecanismo",
           "carregar", "processar", "processar_referencia"]
