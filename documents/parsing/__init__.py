"""Pure-Python parsing of policy texts: bytes in, a provision tree out.

No Django imports here: the pipeline in ``policybase.ingest`` turns these
dataclasses into model rows.
"""
