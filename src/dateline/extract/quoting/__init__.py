"""Parts of the quotation extractor (`extract/quotes.py` is the stage): quotation marks,
speech-cue knowledge and speaker resolution."""
