"""CAMEO event coding, the work behind `dateline.extract.events`.

lexicon       cameo_verbs.yaml (word patterns) + cameo_codes.tsv (codes, Goldstein, QuadClass, PLOVER)
participants  a phrase in the parse -> coded actors (names, groups, pronouns, "the two leaders")
modality      asserted / reported / planned / possible / negated
triggers      event mentions from verbs, event nouns, frame verbs and headlines
setting       where, when, and the sentence span
merge         mentions -> one event per real-world event
"""
