"""Worker voice: anonymous survey waves, the social well-being index, appeals and labour consultations.

The engine side (no Django): the questionnaire and its waves (:mod:`questionnaire`), the index with the
anonymity rule (:mod:`index`, ``MIN_RESPONDENTS``), appeals triage and routing (:mod:`appeals`), the A4
poster with a QR code (:mod:`poster`) and the ingest drop of the ``surveys`` registry (:mod:`drop`).
"""
