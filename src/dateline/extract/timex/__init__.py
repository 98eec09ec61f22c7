"""Time expressions: detection, TIMEX3 normalisation and document-time inference.

    grammar   patterns and their meanings (knowledge/time_words.yaml supplies the words)
    values    TIMEX3 arithmetic against an anchor interval
    tense     past/future of the governing clause, from the spaCy parse
    dct       the document creation time from metadata or inferred from the text
    annotate  one document: find, filter, merge, resolve
"""
from .annotate import Found, annotate, find_times

__all__ = ["Found", "annotate", "find_times"]
